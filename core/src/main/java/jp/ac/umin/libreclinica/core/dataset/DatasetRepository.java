package jp.ac.umin.libreclinica.core.dataset;

import java.util.Collection;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DatasetRepository extends JpaRepository<Dataset, Long> {

  Page<Dataset> findByStudyIdAndStatusIn(long studyId, Collection<DatasetStatus> statuses, Pageable page);

  @Query("SELECT count(d) > 0 FROM Dataset d WHERE d.studyId = :studyId AND lower(d.name) = lower(:name)"
      + " AND (:exceptId IS NULL OR d.id <> :exceptId)")
  boolean nameTaken(long studyId, String name, Long exceptId);
}
