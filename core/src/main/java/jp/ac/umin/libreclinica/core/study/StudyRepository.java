package jp.ac.umin.libreclinica.core.study;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** All studies and sites. */
public interface StudyRepository extends JpaRepository<Study, Long> {

  @Query("select s from Study s where s.parent is null")
  Page<Study> findParents(Pageable page);

  List<Study> findByParentOrderByName(Study parent);

  /** Every study and site with its parent loaded. */
  @Query("select s from Study s left join fetch s.parent")
  List<Study> findAllWithParents();

  /** These studies and sites with their parents loaded. */
  @Query("select s from Study s left join fetch s.parent where s.id in ?1")
  List<Study> findWithParents(java.util.Collection<Long> ids);

  Optional<Study> findByOid(String oid);

  /** Protocol IDs (unique identifiers) are unique across studies and sites, ignoring case. */
  Optional<Study> findFirstByProtocolIdIgnoreCase(String protocolId);

  @Query("select count(s) > 0 from Study s where lower(s.protocolId) = lower(?1)")
  boolean existsByProtocolIdIgnoreCase(String protocolId);

  @Query("select count(s) > 0 from Study s where lower(s.protocolId) = lower(?1) and s.id <> ?2")
  boolean existsByProtocolIdIgnoreCaseAndIdNot(String protocolId, Long id);

  boolean existsByOid(String oid);

  /** A study or site with its parent loaded, for pages that show both. */
  @Query("select s from Study s left join fetch s.parent where s.id = ?1")
  Optional<Study> findWithParent(long id);

  @Query("select s.parent.id from Study s where s.id = ?1 and s.parent is not null")
  Optional<Long> parentIdOf(long studyId);

  /** The studies (not sites) where the account holds a live role at the study or one of its sites. */
  @Query(
      value =
          "select distinct s.* from study s where s.parent_id is null and s.id in ("
              + " select coalesce(t.parent_id, t.id) from study t join study_user_role r on r.study_id = t.id"
              + " where r.account_id = ?1 and r.status = 'AVAILABLE')",
      countQuery =
          "select count(distinct coalesce(t.parent_id, t.id)) from study t join study_user_role r"
              + " on r.study_id = t.id where r.account_id = ?1 and r.status = 'AVAILABLE'",
      nativeQuery = true)
  Page<Study> findVisibleTo(long accountId, Pageable page);
}
