package jp.ac.umin.libreclinica.core.subject;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** All study subjects. */
public interface StudySubjectRepository extends JpaRepository<StudySubject, Long> {

  @Query("select s from StudySubject s join fetch s.subject where s.id = ?1")
  Optional<StudySubject> findWithPerson(long id);

  @Query("select s.id from StudySubject s where s.oid = ?1")
  Optional<Long> findIdByOid(String oid);

  @Query(
      "select count(s) > 0 from StudySubject s where s.parentStudyId = ?1 and lower(s.label) = lower(?2) and s.id <> ?3")
  boolean labelTaken(long parentStudyId, String label, long exceptId);

  boolean existsByOid(String oid);

  Optional<StudySubject> findByRequestToken(String requestToken);

  /** Subjects of the parent study whose person has this person ID. */
  @Query(
      "select s.label from StudySubject s join s.subject p where s.parentStudyId = ?1 and p.personId = ?2 and s.id <> ?3 order by s.label")
  List<String> labelsWithPersonId(long parentStudyId, String personId, long exceptId);

  /** The subject of a parent study with this label (labels are unique per study, case ignored). */
  @Query(
      "select s from StudySubject s join fetch s.subject where s.parentStudyId = ?1 and lower(s.label) = lower(?2)")
  Optional<StudySubject> findByLabel(long parentStudyId, String label);

  /** Subjects enrolled at these studies or sites, with their persons, by label. */
  @Query(
      "select s from StudySubject s join fetch s.subject where s.studyId in ?1 order by s.label")
  List<StudySubject> findWithPersonAt(java.util.Collection<Long> studyIds);

  /** Subjects enrolled at a study or site (site removal and restore cascade to them). */
  List<StudySubject> findByStudyId(long studyId);
}
