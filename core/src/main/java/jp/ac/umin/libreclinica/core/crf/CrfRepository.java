package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The CRFs of the installation. */
public interface CrfRepository extends JpaRepository<Crf, Long> {

  @Query("select c from Crf c where lower(c.name) = lower(?1)")
  Optional<Crf> findByNameIgnoreCase(String name);

  /** The CRF of that name, locked so that two uploads of versions of one CRF run one by one. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Crf c where lower(c.name) = lower(?1)")
  Optional<Crf> lockByNameIgnoreCase(String name);

  boolean existsByOid(String oid);

  Optional<Crf> findByOid(String oid);

  @Query(
      value =
          "select new jp.ac.umin.libreclinica.core.crf.CrfSummary(c.id, c.name, c.oid, c.createdAt,"
              + " c.createdBy, (select count(v) from CrfVersion v where v.crfId = c.id),"
              + " (select count(v) from CrfVersion v where v.crfId = c.id"
              + " and v.status = jp.ac.umin.libreclinica.core.crf.CrfVersionStatus.AVAILABLE))"
              + " from Crf c order by lower(c.name), c.id",
      countQuery = "select count(c) from Crf c")
  Page<CrfSummary> summaries(Pageable pageable);

  /** As {@link #summaries}, for the CRFs whose lower-case name is like {@code pattern} ({@code \\} escapes). */
  @Query(
      value =
          "select new jp.ac.umin.libreclinica.core.crf.CrfSummary(c.id, c.name, c.oid, c.createdAt,"
              + " c.createdBy, (select count(v) from CrfVersion v where v.crfId = c.id),"
              + " (select count(v) from CrfVersion v where v.crfId = c.id"
              + " and v.status = jp.ac.umin.libreclinica.core.crf.CrfVersionStatus.AVAILABLE))"
              + " from Crf c where lower(c.name) like ?1 escape '\\' order by lower(c.name), c.id",
      countQuery = "select count(c) from Crf c where lower(c.name) like ?1 escape '\\'")
  Page<CrfSummary> summariesNamed(String pattern, Pageable pageable);
}
