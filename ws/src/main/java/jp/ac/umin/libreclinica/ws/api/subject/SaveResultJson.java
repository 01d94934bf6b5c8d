package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;

/** A save that went through: how many values changed and the event CRF as now stored. */
@Schema(name = "ItemDataSaved")
public record SaveResultJson(int changed, EventCrfJson eventCrf) {}
