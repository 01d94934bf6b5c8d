package jp.ac.umin.libreclinica.ws.api.study;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new event definition as JSON; the type is scheduled, unscheduled or common. */
@Schema(name = "NewEventDefinition")
public record NewEventDefinitionRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255) String name,
    String description,
    Boolean repeating,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "scheduled",
        allowableValues = {"scheduled", "unscheduled", "common"})
        String type,
    String category) {}
