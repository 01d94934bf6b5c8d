package jp.ac.umin.libreclinica.ws.api.importing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * An ODM upload and its latest job: the file (name, size, SHA-256), the stage, the job's status
 * and progress, the report's counts and problems (a page of them).
 */
@Schema(name = "OdmImport")
public record OdmImportJson(
    long id,
    String studyOid,
    String fileName,
    long size,
    String sha256,
    String uploadedBy,
    Instant uploadedAt,
    @Schema(description = "where the upload stands",
        allowableValues = {"VALIDATING", "VALID", "INVALID", "IMPORTING", "IMPORTED", "REFUSED", "FAILED"})
        String stage,
    @Schema(description = "the stage in the caller's language") String stageText,
    @Schema(description = "scope of the import, once asked for", allowableValues = {"FILE", "SUBJECT"}) String scope,
    Job job,
    Summary summary,
    @Schema(description = "problems from 'offset', at most 'limit' of them") List<OdmImportProblemJson> problems) {

  /** The background job that last validated or imported the file. */
  @Schema(name = "OdmImportJob")
  public record Job(
      long id,
      @Schema(allowableValues = {"QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED", "INTERRUPTED"}) String status,
      int done,
      int total,
      int percent,
      Instant startedAt,
      Instant finishedAt) {}

  /** The counts of the latest report. */
  @Schema(name = "OdmImportSummary")
  public record Summary(
      int subjects, int events, int forms, int newValues, int changedValues, int unchangedValues,
      int errors, int warnings) {}
}
