package jp.ac.umin.libreclinica.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** All accounts. User names are unique regardless of case. */
public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

  @Query("select a from UserAccount a where lower(a.userName) = lower(:userName)")
  Optional<UserAccount> findByUserName(@Param("userName") String userName);

  @Query("select count(a) > 0 from UserAccount a where lower(a.userName) = lower(:userName)")
  boolean existsByUserName(@Param("userName") String userName);

  Page<UserAccount> findByStatus(AccountStatus status, Pageable pageable);

  /** Available accounts whose user name or name matches a lower-case LIKE pattern (escape: backslash). */
  @Query(
      "select a from UserAccount a where a.status = jp.ac.umin.libreclinica.core.account.AccountStatus.AVAILABLE"
          + " and (lower(a.userName) like :pattern escape '\\'"
          + " or lower(concat(a.firstName, ' ', a.lastName)) like :pattern escape '\\'"
          + " or lower(concat(a.lastName, ' ', a.firstName)) like :pattern escape '\\')")
  List<UserAccount> searchAvailable(@Param("pattern") String pattern, Pageable pageable);

  Page<UserAccount> findByStatusAndLocked(AccountStatus status, boolean locked, Pageable pageable);

  // Bulk updates leave @Version alone on purpose: a failed sign-in must not make an
  // administrator's open edit form stale, and concurrent attempts must all be counted.
  // Like the sign-in counters, choosing a study is not an edit of the account: no @Version bump.
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("update UserAccount a set a.activeStudyId = :studyId where a.id = :id")
  int changeActiveStudy(@Param("id") long id, @Param("studyId") Long studyId);

  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("update UserAccount a set a.failedLoginCount = a.failedLoginCount + 1 where a.id = :id")
  int incrementFailedLogins(@Param("id") long id);

  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query(
      "update UserAccount a set a.locked = true, a.lockedAt = :now"
          + " where a.id = :id and a.locked = false and a.failedLoginCount >= :max")
  int lockIfTooManyFailures(@Param("id") long id, @Param("max") int max, @Param("now") Instant now);

  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query(
      "update UserAccount a set a.failedLoginCount = 0"
          + " where a.id = :id and a.failedLoginCount <> 0")
  int resetFailedLogins(@Param("id") long id);
}
