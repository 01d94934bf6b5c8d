package jp.ac.umin.libreclinica.ws.api.crf;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An accepted spreadsheet: the CRF and version stored (their OIDs are null for a check only),
 * whether the CRF is new, the number of items and the warnings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CrfUpload")
public record CrfUploadJson(
    String crfName,
    String versionName,
    @Schema(example = "F_VITALSIGNS") String crfOid,
    @Schema(example = "F_VITALSIGNS_V1") String versionOid,
    @Schema(description = "true for a new CRF, false for a new version of an existing one")
        boolean newCrf,
    int itemCount,
    @Schema(description = "true when only checked (check=true): nothing was saved") boolean checkOnly,
    List<CrfProblemJson> warnings) {}
