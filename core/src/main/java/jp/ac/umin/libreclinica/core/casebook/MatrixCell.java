package jp.ac.umin.libreclinica.core.casebook;

import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;

/**
 * One subject's event in the matrix: the status of its latest occurrence, how many occurrences
 * there are (repeating events), and whether it was removed with its subject.
 *
 * @param eventId the latest occurrence, or null when not scheduled
 */
public record MatrixCell(
    SubjectEventStatus status, int occurrences, boolean autoRemoved, Long eventId) {

  public static final MatrixCell NOT_SCHEDULED =
      new MatrixCell(SubjectEventStatus.NOT_SCHEDULED, 0, false, null);
}
