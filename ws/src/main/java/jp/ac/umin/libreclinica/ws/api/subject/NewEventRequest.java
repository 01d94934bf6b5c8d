package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;

/** An event to schedule for a subject. */
@Schema(name = "NewEvent")
public record NewEventRequest(
    @Schema(example = "SE_SCREENING") String eventDefinitionOid,
    @Schema(description = "ISO 8601 with offset", example = "2026-04-07T09:30:00+09:00") String start,
    @Schema(description = "ISO 8601 with offset; optional") String end,
    @Schema(description = "Where, when the study asks for a location") String location) {}
