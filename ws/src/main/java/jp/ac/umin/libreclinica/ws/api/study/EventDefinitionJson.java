package jp.ac.umin.libreclinica.ws.api.study;

import io.swagger.v3.oas.annotations.media.Schema;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;

/** An event definition of a study. */
@Schema(name = "EventDefinition")
public record EventDefinitionJson(
    @Schema(example = "SE_BASELINE") String oid,
    String name,
    String description,
    boolean repeating,
    @Schema(example = "scheduled", allowableValues = {"scheduled", "unscheduled", "common"})
        String type,
    String category,
    int order,
    @Schema(example = "available") String status) {

  static EventDefinitionJson of(StudyEventDefinition d) {
    return new EventDefinitionJson(
        d.getOid(), d.getName(), d.getDescription(), d.isRepeating(), d.getType().code(),
        d.getCategory(), d.getOrdinal(), d.getStatus().code());
  }
}
