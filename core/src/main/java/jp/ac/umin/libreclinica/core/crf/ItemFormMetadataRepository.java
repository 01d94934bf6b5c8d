package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ItemFormMetadataRepository extends JpaRepository<ItemFormMetadata, Long> {

  List<ItemFormMetadata> findByCrfVersionIdOrderByOrdinal(Long crfVersionId);

  /** Every version's metadata of the CRF's items: what earlier versions fix for the next. */
  @Query(
      "select m from ItemFormMetadata m where m.crfVersionId in"
          + " (select v.id from CrfVersion v where v.crfId = ?1)")
  List<ItemFormMetadata> findByCrfId(Long crfId);
}
