package jp.ac.umin.libreclinica.core.casebook;

import java.time.LocalDate;
import java.util.Map;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;

/** One subject in the matrix with a cell per event definition id. */
public record MatrixRow(
    long id,
    String label,
    String secondaryLabel,
    long siteId,
    String siteProtocolId,
    String siteName,
    SubjectStatus status,
    LocalDate enrollmentDate,
    Map<Long, MatrixCell> cells) {

  public MatrixCell cell(long definitionId) {
    return cells.getOrDefault(definitionId, MatrixCell.NOT_SCHEDULED);
  }
}
