package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ItemGroupMetadataRepository extends JpaRepository<ItemGroupMetadata, Long> {

  List<ItemGroupMetadata> findByCrfVersionIdOrderByOrdinal(Long crfVersionId);
}
