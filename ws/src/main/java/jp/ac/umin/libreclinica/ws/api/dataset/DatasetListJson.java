package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a study's datasets. */
@Schema(name = "DatasetList")
public record DatasetListJson(List<DatasetJson> datasets, int page, int size, long total) {}
