package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ResponseSetRepository extends JpaRepository<ResponseSet, Long> {

  List<ResponseSet> findByCrfVersionId(Long crfVersionId);

  List<ResponseSet> findByIdIn(List<Long> ids);
}
