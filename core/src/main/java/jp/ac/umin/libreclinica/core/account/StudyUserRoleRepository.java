package jp.ac.umin.libreclinica.core.account;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Role assignments of accounts at studies and sites. */
public interface StudyUserRoleRepository extends JpaRepository<StudyUserRole, Long> {

  List<StudyUserRole> findByAccountIdOrderByIdAsc(Long accountId);

  List<StudyUserRole> findByAccountIdAndStatus(Long accountId, AccountStatus status);

  List<StudyUserRole> findByAccountIdAndStatusOrderByIdAsc(Long accountId, AccountStatus status);

  Page<StudyUserRole> findByStudyIdIn(Collection<Long> studyIds, Pageable page);

  boolean existsByAccountIdAndStudyIdAndStatus(Long accountId, Long studyId, AccountStatus status);
}
