package jp.ac.umin.libreclinica.core.event;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Subjects' events. */
public interface StudyEventRepository extends JpaRepository<StudyEvent, Long> {

  List<StudyEvent> findByStudySubjectIdOrderByEventDefinitionIdAscOrdinalAsc(long studySubjectId);

  @Query(
      "select coalesce(max(e.ordinal), 0) from StudyEvent e where e.studySubjectId = ?1 and e.eventDefinitionId = ?2")
  int maxOrdinal(long studySubjectId, long eventDefinitionId);

  /** The events of a page of subjects, in one statement (no query per subject). */
  @Query(
      "select e from StudyEvent e where e.studySubjectId in ?1 and e.removal <> jp.ac.umin.libreclinica.core.event.RecordStatus.REMOVED"
          + " order by e.studySubjectId, e.eventDefinitionId, e.ordinal")
  List<StudyEvent> findShownForSubjects(Collection<Long> studySubjectIds);
}
