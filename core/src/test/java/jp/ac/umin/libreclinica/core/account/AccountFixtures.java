package jp.ac.umin.libreclinica.core.account;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Accounts for tests, written straight to the database (no audit, no authorisation), each
 * with a unique name, a known password and no forced password change. The database is shared
 * by all tests of a run, so nothing here assumes it is empty.
 */
public final class AccountFixtures {

  /** A password that meets the default policy. */
  public static final String PASSWORD = "Fixture-Passw0rd";

  private final UserAccountRepository accounts;
  private final PasswordHistoryRepository history;
  private final PasswordEncoder encoder;
  private final JdbcTemplate jdbc;

  public AccountFixtures(
      UserAccountRepository accounts,
      PasswordHistoryRepository history,
      PasswordEncoder encoder,
      JdbcTemplate jdbc) {
    this.accounts = accounts;
    this.history = history;
    this.encoder = encoder;
    this.jdbc = jdbc;
  }

  /** A fresh account name no other test uses. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public TestAccount techAdmin() {
    return create(UserType.TECH_ADMIN, uniqueName("tech"));
  }

  public TestAccount businessAdmin() {
    return create(UserType.BUSINESS_ADMIN, uniqueName("biz"));
  }

  public TestAccount user() {
    return create(UserType.USER, uniqueName("user"));
  }

  public TestAccount create(UserType type, String userName) {
    Instant now = Instant.now();
    UserAccount a =
        UserAccount.create(
            userName,
            new PersonDetails("Taro", "Test", userName + "@example.org", "Test Hospital", null),
            type,
            encoder.encode(PASSWORD),
            "fixture",
            now);
    a.changePassword(a.getPasswordHash(), false, now);
    a = accounts.saveAndFlush(a);
    history.saveAndFlush(new PasswordHistoryEntry(a.getId(), a.getPasswordHash(), now));
    return new TestAccount(a.getId(), userName, PASSWORD);
  }

  /** Makes the account's password look {@code days} days old. */
  public void agePassword(long accountId, int days) {
    jdbc.update(
        "update user_account set password_changed_at = now() - make_interval(days => ?) where id = ?",
        days,
        accountId);
  }

  /** An account made by the fixtures. */
  public record TestAccount(long id, String userName, String password) {}
}
