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

  /**
   * Available accounts whose user name or name, folded by {@code lc_search_key} (full-width and
   * half-width, hiragana and katakana, case alike), matches a LIKE pattern of a folded search
   * key (escape: backslash); by user name.
   */
  @Query(
      nativeQuery = true,
      value = "select * from user_account a where a.status = 'AVAILABLE'"
          + " and (lc_search_key(a.user_name) like :pattern escape '\\'"
          + " or lc_search_key(a.first_name || ' ' || a.last_name) like :pattern escape '\\'"
          + " or lc_search_key(a.last_name || ' ' || a.first_name) like :pattern escape '\\'"
          + " or lc_search_key(a.last_name || a.first_name) like :pattern escape '\\')"
          + " order by a.user_name, a.id limit :max")
  List<UserAccount> searchAvailable(@Param("pattern") String pattern, @Param("max") int max);

  /**
   * Accounts of a status filter ({@code ALL}, {@code ACTIVE}, {@code LOCKED}, {@code REMOVED})
   * whose user name, name (either order) or e-mail, folded by {@code lc_search_key}, matches a
   * LIKE pattern of a folded search key (escape: backslash); by user name.
   */
  @Query(
      nativeQuery = true,
      value = "select * from user_account a where " + SEARCH_WHERE + " order by a.user_name, a.id",
      countQuery = "select count(*) from user_account a where " + SEARCH_WHERE)
  Page<UserAccount> search(
      @Param("pattern") String pattern, @Param("filter") String filter, Pageable pageable);

  String SEARCH_WHERE =
      "(lc_search_key(a.user_name) like :pattern escape '\\'"
          + " or lc_search_key(a.first_name || ' ' || a.last_name) like :pattern escape '\\'"
          + " or lc_search_key(a.last_name || ' ' || a.first_name) like :pattern escape '\\'"
          + " or lc_search_key(a.last_name || a.first_name) like :pattern escape '\\'"
          + " or lc_search_key(a.email) like :pattern escape '\\')"
          + " and (:filter = 'ALL'"
          + " or (:filter = 'ACTIVE' and a.status = 'AVAILABLE' and not a.locked)"
          + " or (:filter = 'LOCKED' and a.status = 'AVAILABLE' and a.locked)"
          + " or (:filter = 'REMOVED' and a.status = 'REMOVED'))";

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
