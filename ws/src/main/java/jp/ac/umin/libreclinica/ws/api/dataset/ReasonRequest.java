package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;

/** Why a dataset is removed or restored, or an extract removed. */
@Schema(name = "ReasonRequest")
public record ReasonRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {}
