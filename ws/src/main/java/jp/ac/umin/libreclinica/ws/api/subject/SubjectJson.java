package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import jp.ac.umin.libreclinica.core.subject.StudySubject;

/** A subject of a study (or site). */
@Schema(name = "Subject")
public record SubjectJson(
    long id,
    @Schema(example = "SS_TKY001") String oid,
    @Schema(example = "TKY-001") String label,
    String secondaryLabel,
    @Schema(description = "The study or site the subject is enrolled at") long studyId,
    LocalDate enrollmentDate,
    @Schema(example = "available") String status,
    @Schema(description = "The subject's version, for optimistic locking") long version) {

  static SubjectJson of(StudySubject s) {
    return new SubjectJson(
        s.getId(), s.getOid(), s.getLabel(), s.getSecondaryLabel(), s.getStudyId(),
        s.getEnrollmentDate(), s.getStatus().code(), s.getVersion());
  }
}
