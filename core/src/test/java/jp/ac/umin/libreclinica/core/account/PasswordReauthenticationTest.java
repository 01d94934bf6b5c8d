package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class PasswordReauthenticationTest {

  @Autowired private PasswordReauthentication reauth;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private int audited(String action, String actor) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where action = ? and actor = ?", Integer.class, action, actor);
  }

  @Test
  public void aLocalSignerProvesPresenceWithThePasswordOnlyAndEveryAnswerIsAudited() {
    TestAccount user = new AccountFixtures(accounts, history, encoder, jdbc).user();
    assertTrue(reauth.appliesTo("local"));
    assertFalse(reauth.appliesTo("header:umin"));
    assertTrue(reauth.redirectFor(user.userName(), "/sign").isEmpty());

    assertFalse(reauth.proven(user.userName(), "wrong", Instant.now()));
    assertFalse(reauth.proven(user.userName(), null, Instant.now()));
    assertTrue(reauth.proven(user.userName(), user.password(), Instant.now()));
    assertEquals(2, audited("reauth.failure", user.userName()));
    assertEquals(1, audited("reauth.success", user.userName()));

    jdbc.update("update user_account set locked = true where id = ?", user.id());
    assertFalse(reauth.proven(user.userName(), user.password(), Instant.now()));
  }
}
