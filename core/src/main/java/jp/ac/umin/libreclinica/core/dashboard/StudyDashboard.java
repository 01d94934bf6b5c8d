package jp.ac.umin.libreclinica.core.dashboard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import jp.ac.umin.libreclinica.core.study.Study;

/**
 * The figures of a study's (or site's) home page: subjects by status and site, enrollment by
 * month against the expected enrollment, events and CRFs by status, signed and locked
 * casebooks. Every label is a message key; the page draws charts and tables from the same rows.
 */
public record StudyDashboard(
    Study scope,
    Study study,
    List<SiteRow> subjectsBySite,
    List<Count> subjectsByStatus,
    List<MonthRow> enrollment,
    int expectedEnrollment,
    LocalDate expectedEnd,
    List<Count> eventsByStatus,
    List<Count> crfsByStatus,
    long signedSubjects,
    long lockedCasebooks,
    long totalSubjects,
    List<Count> openQueriesByAge,
    List<Count> sdvOfCompletedCrfs) {

  /** A number under a message key (a status). */
  public record Count(String key, long count) {}

  /** The subjects of one site (or of the study level) by status, in the order of the statuses. */
  public record SiteRow(String siteName, String protocolId, List<Count> counts, long total) {}

  /** Subjects enrolled in a month, the running total, and the expected running total (or null). */
  public record MonthRow(YearMonth month, long enrolled, long cumulative, Long expectedCumulative) {}
}
