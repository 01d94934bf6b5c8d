package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import jp.ac.umin.libreclinica.core.crf.CrfVersionSummary;

/** A version of a CRF. */
@Schema(name = "CrfVersion")
public record CrfVersionJson(
    @Schema(example = "F_VITALSIGNS_V1") String oid,
    @Schema(example = "v1") String name,
    @Schema(example = "available", allowableValues = {"available", "removed"}) String status,
    int itemCount,
    String fileName,
    Instant uploadedAt,
    String uploadedBy) {

  static CrfVersionJson of(CrfVersionSummary v) {
    return new CrfVersionJson(v.oid(), v.name(), v.status().name().toLowerCase(java.util.Locale.ROOT),
        v.itemCount(), v.fileName(), v.uploadedAt(), v.uploadedBy());
  }
}
