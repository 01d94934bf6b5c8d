package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A CRF to attach to an event definition with its parameters; versions are named by OID. Left
 * out: required true, the others false, SDV not required, every version allowed.
 */
@Schema(name = "AttachCrf")
public record AttachCrfRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "F_VITALSIGNS") String crfOid,
    Boolean required,
    @Schema(description = "OID of the default version", example = "F_VITALSIGNS_V1")
        String defaultVersionOid,
    Boolean doubleDataEntry,
    @Schema(description = "password required on completion") Boolean electronicSignature,
    Boolean hideFromSites,
    @Schema(example = "NOT_REQUIRED", allowableValues = {"ALL", "PARTIAL", "NOT_REQUIRED"})
        String sdvRequirement,
    @Schema(description = "OIDs of the versions sites may use; empty for every version")
        List<String> allowedVersionOids) {}
