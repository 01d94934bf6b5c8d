package jp.ac.umin.libreclinica.core.dataentry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ItemFileRepository extends JpaRepository<ItemFile, Long> {

  List<ItemFile> findByEventCrfIdAndItemIdAndOrdinalOrderByIdAsc(long eventCrfId, long itemId, int ordinal);
}
