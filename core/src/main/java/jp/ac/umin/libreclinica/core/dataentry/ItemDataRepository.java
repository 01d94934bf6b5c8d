package jp.ac.umin.libreclinica.core.dataentry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Item values of all event CRFs. */
public interface ItemDataRepository extends JpaRepository<ItemData, Long> {

  List<ItemData> findByEventCrfId(long eventCrfId);
}
