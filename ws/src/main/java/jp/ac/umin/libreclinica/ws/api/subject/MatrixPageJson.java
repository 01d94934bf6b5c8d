package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** A page of the subject matrix: subjects with the status of each of their events. */
@Schema(name = "SubjectMatrixPage")
public record MatrixPageJson(List<Row> subjects, int page, int size, long total) {

  /** One subject and its events. */
  @Schema(name = "SubjectMatrixRow")
  public record Row(
      long id,
      String label,
      String secondaryLabel,
      String siteProtocolId,
      @Schema(example = "available") String status,
      LocalDate enrollmentDate,
      List<Cell> events) {}

  /** The latest occurrence of one event definition for the subject. */
  @Schema(name = "SubjectMatrixCell")
  public record Cell(
      @Schema(example = "SE_SCREENING") String eventDefinitionOid,
      @Schema(example = "data entry started") String status,
      int occurrences,
      @Schema(description = "The latest occurrence, absent when not scheduled") Long studyEventId) {}
}
