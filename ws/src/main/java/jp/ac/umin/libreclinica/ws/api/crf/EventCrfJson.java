package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A CRF attached to an event definition, with its study-level parameters. */
@Schema(name = "EventDefinitionCrf")
public record EventCrfJson(
    @Schema(example = "SE_BASELINE") String eventOid,
    String eventName,
    @Schema(example = "F_VITALSIGNS") String crfOid,
    String crfName,
    @Schema(example = "available", allowableValues = {"available", "removed", "auto-removed"})
        String status,
    boolean required,
    String defaultVersionOid,
    boolean doubleDataEntry,
    boolean electronicSignature,
    boolean hideFromSites,
    String sdvRequirement,
    List<String> allowedVersionOids) {}
