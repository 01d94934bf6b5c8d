package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The items of CRFs. */
public interface ItemRepository extends JpaRepository<Item, Long> {

  List<Item> findByCrfId(Long crfId);

  @Query("select i.oid from Item i where i.oid like concat(?1, '%')")
  List<String> oidsStartingWith(String prefix);
}
