package jp.ac.umin.libreclinica.core.wsauth;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Web-services keys. */
public interface WsKeyRepository extends JpaRepository<WsKey, Long> {

  Optional<WsKey> findByAccountIdAndStatus(long accountId, WsKeyStatus status);

  /** Notes a use without a version check: concurrent clients share one key. */
  @Modifying
  @Query("update WsKey k set k.lastUsedAt = :now where k.id = :id")
  int touch(@Param("id") long id, @Param("now") Instant now);
}
