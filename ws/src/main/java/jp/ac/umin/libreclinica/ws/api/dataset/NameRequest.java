package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;

/** The name of a dataset's copy. */
@Schema(name = "DatasetCopyRequest")
public record NameRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {}
