package jp.ac.umin.libreclinica.ws.api.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import jp.ac.umin.libreclinica.core.study.Study;

/** A study or site as the API shows it; a study lists the sites the caller may see. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Study", description = "A study, or a site when parentOid is given")
public record StudyJson(
    @Schema(example = "S_R01") String oid,
    @Schema(example = "R01") String protocolId,
    String name,
    @Schema(description = "LibreClinica's status name", example = "available") String status,
    String parentOid,
    String principalInvestigator,
    String sponsor,
    String phase,
    String protocolType,
    Integer expectedEnrollment,
    LocalDate startDate,
    String description,
    List<StudyJson> sites) {

  static StudyJson summary(Study s, List<StudyJson> sites) {
    return new StudyJson(
        s.getOid(), s.getProtocolId(), s.getName(), s.getStatus().code(),
        s.isSite() ? s.getParent().getOid() : null,
        null, null, null, null, null, null, null, sites);
  }

  static StudyJson full(Study s, List<StudyJson> sites) {
    return new StudyJson(
        s.getOid(), s.getProtocolId(), s.getName(), s.getStatus().code(),
        s.isSite() ? s.getParent().getOid() : null,
        s.getPrincipalInvestigator(), s.getSponsor(), s.getPhase().name(),
        s.getProtocolType().name(), s.getExpectedEnrollment(), s.getStartDate(),
        s.getDescription(), sites);
  }
}
