package jp.ac.umin.libreclinica.core.subject;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Persons (subjects), for the study's subject registry; study subjects save theirs with them. */
public interface PersonRepository extends JpaRepository<Subject, Long> {

  /** Whether a person registered in the parent study's registry has this person ID. */
  @Query("select count(p) > 0 from Subject p where p.registeredStudyId = ?1 and p.personId = ?2")
  boolean registeredWithPersonId(long parentStudyId, String personId);
}
