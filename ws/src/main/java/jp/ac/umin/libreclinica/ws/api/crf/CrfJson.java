package jp.ac.umin.libreclinica.ws.api.crf;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.crf.CrfSummary;

/** A CRF, with its versions when asked for one CRF. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Crf")
public record CrfJson(
    @Schema(example = "F_VITALSIGNS") String oid,
    String name,
    long versionCount,
    long availableVersionCount,
    Instant createdAt,
    String createdBy,
    List<CrfVersionJson> versions) {

  static CrfJson of(CrfSummary c, List<CrfVersionJson> versions) {
    return new CrfJson(c.oid(), c.name(), c.versionCount(), c.availableVersionCount(),
        c.createdAt(), c.createdBy(), versions);
  }
}
