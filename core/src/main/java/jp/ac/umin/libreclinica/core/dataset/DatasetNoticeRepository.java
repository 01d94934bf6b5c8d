package jp.ac.umin.libreclinica.core.dataset;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface DatasetNoticeRepository extends JpaRepository<DatasetNotice, Long> {

  List<DatasetNotice> findByDatasetIdAndUserNameAndDismissedAtIsNullOrderByIdDesc(long datasetId, String userName);
}
