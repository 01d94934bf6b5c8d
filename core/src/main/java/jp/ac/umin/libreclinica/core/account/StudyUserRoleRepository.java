package jp.ac.umin.libreclinica.core.account;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Role assignments of accounts at studies and sites. */
public interface StudyUserRoleRepository extends JpaRepository<StudyUserRole, Long> {

  List<StudyUserRole> findByAccountIdOrderByIdAsc(Long accountId);

  List<StudyUserRole> findByAccountIdAndStatus(Long accountId, AccountStatus status);

  boolean existsByAccountIdAndStudyIdAndStatus(Long accountId, Long studyId, AccountStatus status);
}
