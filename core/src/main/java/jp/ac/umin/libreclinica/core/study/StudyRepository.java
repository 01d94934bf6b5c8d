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

  Optional<Study> findByOid(String oid);

  @Query("select count(s) > 0 from Study s where lower(s.protocolId) = lower(?1)")
  boolean existsByProtocolIdIgnoreCase(String protocolId);

  @Query("select count(s) > 0 from Study s where lower(s.protocolId) = lower(?1) and s.id <> ?2")
  boolean existsByProtocolIdIgnoreCaseAndIdNot(String protocolId, Long id);

  boolean existsByOid(String oid);
}
