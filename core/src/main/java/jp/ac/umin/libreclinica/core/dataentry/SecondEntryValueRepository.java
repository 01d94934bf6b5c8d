package jp.ac.umin.libreclinica.core.dataentry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Values of the second pass of double data entry. */
public interface SecondEntryValueRepository extends JpaRepository<SecondEntryValue, Long> {

  List<SecondEntryValue> findByEventCrfId(long eventCrfId);
}
