package jp.ac.umin.libreclinica.core.account;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Earlier password hashes of accounts. */
public interface PasswordHistoryRepository extends JpaRepository<PasswordHistoryEntry, Long> {

  @Query(
      "select h from PasswordHistoryEntry h where h.accountId = :accountId"
          + " order by h.createdAt desc, h.id desc")
  List<PasswordHistoryEntry> findLatest(@Param("accountId") long accountId, Pageable pageable);
}
