package jp.ac.umin.libreclinica.core.casebook;

import java.util.List;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.subject.StudySubject;

/**
 * A subject's full audit log, oldest first, grouped as the casebook is: the subject's own
 * records, then each event with its records and each of its CRFs with their records (CRF start
 * and completion, every item value change).
 */
public record SubjectAuditLog(
    StudySubject subject, Study site, Study parent, List<Line> subjectLines, List<EventSection> events) {

  /**
   * One record, with the item and CRF version when it is an item value change.
   *
   * @param itemName the item's name, or null
   * @param itemOrdinal the repeating-group row, or null
   * @param crfVersion the CRF version's name the value was entered in, or null
   */
  public record Line(AuditRecord record, String itemName, Integer itemOrdinal, String crfVersion) {}

  /** The records of one event CRF. */
  public record CrfSection(long eventCrfId, String crfName, String crfVersion, List<Line> lines) {}

  /** The records of one event of the subject and of its CRFs. */
  public record EventSection(
      long studyEventId, String eventName, int ordinal, List<Line> lines, List<CrfSection> crfs) {}

  /** How many records the log holds. */
  public int size() {
    return subjectLines.size()
        + events.stream()
            .mapToInt(e -> e.lines().size() + e.crfs().stream().mapToInt(c -> c.lines().size()).sum())
            .sum();
  }
}
