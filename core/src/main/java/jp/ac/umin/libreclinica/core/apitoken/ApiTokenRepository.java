package jp.ac.umin.libreclinica.core.apitoken;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface ApiTokenRepository extends Repository<ApiToken, Long> {

  ApiToken save(ApiToken token);

  Optional<ApiToken> findByTokenHash(String tokenHash);

  Optional<ApiToken> findByIdAndAccountId(long id, long accountId);

  List<ApiToken> findByAccountIdOrderByCreatedAtDescIdDesc(long accountId);

  @Query(
      "select count(t) > 0 from ApiToken t where t.accountId = :accountId"
          + " and lower(t.name) = lower(:name) and t.status = 'ACTIVE'")
  boolean activeNameExists(@Param("accountId") long accountId, @Param("name") String name);

  /** Notes a use without touching the version: concurrent requests must not conflict. */
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("update ApiToken t set t.lastUsedAt = :at where t.id = :id")
  int markUsed(@Param("id") long id, @Param("at") Instant at);
}
