package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The item groups of CRFs. */
public interface ItemGroupRepository extends JpaRepository<ItemGroup, Long> {

  List<ItemGroup> findByCrfId(Long crfId);

  @Query("select g.oid from ItemGroup g where g.oid like concat(?1, '%')")
  List<String> oidsStartingWith(String prefix);
}
