package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import jp.ac.umin.libreclinica.core.event.StudyEvent;

/** An event of a subject. */
@Schema(name = "StudyEvent")
public record StudyEventJson(
    long id,
    long subjectId,
    String eventDefinitionOid,
    int ordinal,
    Instant start,
    Instant end,
    String location,
    @Schema(example = "scheduled") String status,
    @Schema(example = "available") String removal,
    long version) {

  static StudyEventJson of(StudyEvent e, String definitionOid) {
    return new StudyEventJson(
        e.getId(), e.getStudySubjectId(), definitionOid, e.getOrdinal(), e.getStartAt(),
        e.getEndAt(), e.getLocation(), e.getStatus().code(), e.getRemoval().code(), e.getVersion());
  }
}
