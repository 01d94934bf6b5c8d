package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;

/** Starts an extract in a format, at the study or one of its sites (absent: where the caller may). */
@Schema(name = "ExtractRequest")
public record ExtractRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ExtractFormat format,
    @Schema(description = "OID of the study or site whose subjects to extract") String studyOid) {}
