package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import jp.ac.umin.libreclinica.core.dataset.DatasetService;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;

/** An extract job: who asked, where it is, and its file once done. */
@Schema(name = "Extract")
public record ExtractJson(
    long id,
    long datasetId,
    @Schema(description = "The study or site whose subjects it holds") long studyId,
    String format,
    @Schema(allowableValues = {"QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED", "INTERRUPTED"}) String status,
    int progressDone,
    int progressTotal,
    int percent,
    String requestedBy,
    Instant requestedAt,
    Instant startedAt,
    Instant finishedAt,
    String fileName,
    Long fileSize,
    String sha256,
    @Schema(description = "Why it failed, as a message key") String messageKey,
    @Schema(description = "Why it failed, in the caller's language") String message,
    @Schema(description = "Where to download the zip once DONE") String file) {

  static ExtractJson of(BackgroundJob j, String message) {
    String params = j.getParameters();
    String format = params.contains("format=") ? params.substring(params.indexOf("format=") + 7) : null;
    return new ExtractJson(j.getId(), DatasetService.datasetOf(j), j.getStudyId(), format, j.getStatus().name(),
        j.getProgressDone(), j.getProgressTotal(), j.getPercent(), j.getRequestedBy(), j.getRequestedAt(),
        j.getStartedAt(), j.getFinishedAt(), j.getFileName(), j.getFileSize(), j.getFileSha256(), j.getMessageKey(),
        message, j.getStatus().name().equals("DONE") ? "/api/v1/extracts/" + j.getId() + "/file" : null);
  }
}
