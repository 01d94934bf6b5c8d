package jp.ac.umin.libreclinica.ws.api.study;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of the studies the caller may see. */
@Schema(name = "StudyList")
public record StudyListJson(List<StudyJson> studies, int page, int size, long total) {}
