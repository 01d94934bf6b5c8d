package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of the CRFs of the installation. */
@Schema(name = "CrfList")
public record CrfListJson(List<CrfJson> crfs, int page, int size, long total) {}
