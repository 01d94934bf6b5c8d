package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The versions of CRFs. */
public interface CrfVersionRepository extends JpaRepository<CrfVersion, Long> {

  Page<CrfVersion> findByCrfIdOrderByUploadedAtAscIdAsc(Long crfId, Pageable pageable);

  List<CrfVersion> findByCrfId(Long crfId);

  boolean existsByOid(String oid);

  @Query("select v.oid from CrfVersion v where v.oid like concat(?1, '%')")
  List<String> oidsStartingWith(String prefix);
}
