package jp.ac.umin.libreclinica.core.event;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The event definitions of all studies. */
public interface StudyEventDefinitionRepository extends JpaRepository<StudyEventDefinition, Long> {

  List<StudyEventDefinition> findByStudyIdOrderByOrdinal(long studyId);

  @Query("select coalesce(max(d.ordinal), 0) from StudyEventDefinition d where d.studyId = ?1")
  int maxOrdinal(long studyId);

  boolean existsByOid(String oid);

  @Query(
      "select count(d) > 0 from StudyEventDefinition d where d.studyId = ?1 and lower(d.name) = lower(?2) and d.id <> ?3")
  boolean nameTaken(long studyId, String name, long exceptId);
}
