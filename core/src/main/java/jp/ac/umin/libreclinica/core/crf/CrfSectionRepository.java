package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface CrfSectionRepository extends JpaRepository<CrfSection, Long> {

  List<CrfSection> findByCrfVersionIdOrderByOrdinal(Long crfVersionId);
}
