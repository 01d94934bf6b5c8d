package jp.ac.umin.libreclinica.core.extract;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a dataset extract contains. Empty lists mean "all"; null dates mean "open".
 *
 * @param studyOrSiteId the study (or site) whose subjects are extracted
 * @param eventOids study event definition OIDs (SE_...), in column order; empty = all
 * @param formOids CRF OIDs (F_...); empty = all forms of the chosen events
 * @param itemOids item OIDs (I_...), in column order; empty = every item of the chosen forms
 * @param subjectAttributes subject columns besides the study subject ID
 * @param eventAttributes event columns per chosen event (and occurrence)
 * @param formAttributes form columns per chosen form
 * @param dateFrom only data of events starting on or after this date; null = no lower bound
 * @param dateTo only data of events starting on or before this date; null = no upper bound
 * @param subjectStatuses subject statuses to include (names of the core status enum); empty = all but removed
 */
public record ExtractSpec(
    long studyOrSiteId,
    List<String> eventOids,
    List<String> formOids,
    List<String> itemOids,
    Set<SubjectAttribute> subjectAttributes,
    Set<EventAttribute> eventAttributes,
    Set<FormAttribute> formAttributes,
    LocalDate dateFrom,
    LocalDate dateTo,
    Set<String> subjectStatuses) {

  public ExtractSpec {
    eventOids = List.copyOf(eventOids);
    formOids = List.copyOf(formOids);
    itemOids = List.copyOf(itemOids);
    subjectAttributes = Set.copyOf(subjectAttributes);
    eventAttributes = Set.copyOf(eventAttributes);
    formAttributes = Set.copyOf(formAttributes);
    subjectStatuses = Set.copyOf(subjectStatuses);
  }

  /** Subject columns. */
  public enum SubjectAttribute { SECONDARY_ID, SEX, DATE_OF_BIRTH, STATUS, GROUP, SITE }

  /** Event columns. */
  public enum EventAttribute { LOCATION, START_DATE, END_DATE, STATUS, AGE_AT_EVENT }

  /** Form (event CRF) columns. */
  public enum FormAttribute { INTERVIEWER, INTERVIEW_DATE, STATUS, VERSION }
}
