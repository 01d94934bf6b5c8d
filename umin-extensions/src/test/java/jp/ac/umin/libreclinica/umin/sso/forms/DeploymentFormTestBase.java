package jp.ac.umin.libreclinica.umin.sso.forms;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.account.UserType;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.ssotest.SsoTestApplication;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * One deployment form per subclass: the application on a random port started with that form's
 * example configuration from docs/sso-examples (the file operators copy), signing in over real
 * HTTP the way the form expects.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = SsoTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DeploymentFormTestBase {

  @LocalServerPort protected int port;
  @Autowired protected IdentityService identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired protected JdbcTemplate jdbc;

  protected AccountFixtures fixtures;
  protected TestAccount admin;

  @Before
  public void setUpAccounts() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin();
  }

  /** The first administrator {@code admin} (the break-glass account of the examples), with a known password. */
  protected TestAccount breakGlassAdmin() {
    if (accounts.findByUserName("admin").isEmpty()) {
      fixtures.create(UserType.TECH_ADMIN, "admin");
    }
    jdbc.update(
        "update user_account set password_hash = ?, must_change_password = false, locked = false,"
            + " failed_login_count = 0, password_changed_at = now() where lower(user_name) = 'admin'",
        encoder.encode(AccountFixtures.PASSWORD));
    long id = accounts.findByUserName("admin").orElseThrow().getId();
    return new TestAccount(id, "admin", AccountFixtures.PASSWORD);
  }

  /** A user with a pre-registered UMIN ID; returns the UMIN ID. */
  protected String withUminId(TestAccount user) {
    String id = "u-" + UUID.randomUUID().toString().substring(0, 8);
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    return id;
  }

  /** What Apache + mod_shib on this host passes after the IdP has signed the user in. */
  protected HttpResponse<String> throughShibboleth(HttpSession browser, String uminId) throws Exception {
    return browser.get(
        "/sso/header",
        "persistent-id", "https://idp.umin.ac.jp/idp/shibboleth!sp!" + uminId,
        "uid", uminId,
        "mail", uminId + "@example.org");
  }

  protected HttpResponse<String> withPassword(HttpSession browser, TestAccount account, String formPage)
      throws Exception {
    return browser.post(formPage, "/login", Map.of("username", account.userName(), "password", account.password()));
  }

  protected static void signedInAs(HttpSession browser, TestAccount account) throws Exception {
    HttpResponse<String> home = browser.get("/");
    assertThat(String.valueOf(home.statusCode()), containsString("200"));
    assertThat(home.body(), containsString(account.userName()));
  }

  protected static void notSignedIn(HttpSession browser) throws Exception {
    assertThat(location(browser.get("/")), endsWith("/login"));
  }
}
