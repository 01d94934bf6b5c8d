package jp.ac.umin.libreclinica.umin.sso;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.Assert.assertEquals;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.ssotest.SsoTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * A Shibboleth SP in front: the app on a random port, real HTTP requests from 127.0.0.1, which is
 * the configured proxy here, carrying the headers mod_shib would set.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=both",
      "lc.sso.contact=edc-help@example.org",
      "lc.sso.trusted-header.enabled=true",
      "lc.sso.trusted-header.trusted-proxies=127.0.0.1, 10.1.0.0/16",
      "lc.sso.trusted-header.logout-url=/Shibboleth.sso/Logout"
    })
public class TrustedHeaderSignInTest {

  @LocalServerPort private int port;
  @Autowired private IdentityService identities;
  @Autowired private ExternalIdentityRepository identityRepository;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;
  private TestAccount admin;

  @Before
  public void setUp() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin();
  }

  static String uminId() {
    return "taro-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String subject() {
    return "https://idp.umin.ac.jp/idp/shibboleth!https://edc.example.org/shibboleth!" + UUID.randomUUID();
  }

  private HttpResponse<String> shibboleth(HttpSession browser, String subject, String uminId) throws Exception {
    return browser.get(
        "/sso/header",
        "persistent-id", subject,
        "uid", uminId,
        "mail", uminId + "@example.org");
  }

  private int audited(String action, String actor, String reason) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where action = ? and actor = ? and reason = ?",
        Integer.class, action, actor, reason);
  }

  @Test
  public void preRegisteredUminIdSignsInThroughTheHeadersAndKeepsTheAccountWhenTheIdChanges() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    String sub = subject();

    HttpSession browser = new HttpSession(port);
    HttpResponse<String> r = shibboleth(browser, sub, id);
    assertEquals(302, r.statusCode());
    assertThat(location(r), endsWith("/"));
    assertThat(browser.get("/").body(), containsString(user.userName()));
    assertEquals(1, audited("login.success", user.userName(), "sso:umin"));

    // The holder changes the UMIN ID at UMIN: the persistent subject still reaches the account.
    String renamed = uminId();
    HttpSession later = new HttpSession(port);
    assertEquals(302, shibboleth(later, sub, renamed).statusCode());
    assertThat(later.get("/").body(), containsString(user.userName()));
    assertEquals(renamed, identityRepository.findByAccountIdOrderByIdAsc(user.id()).get(0).getDisplayId());
  }

  @Test
  public void anUnknownIdSeesWhomToContactAndGetsNoSession() throws Exception {
    HttpSession browser = new HttpSession(port);
    String id = uminId();
    HttpResponse<String> r = shibboleth(browser, subject(), id);
    assertThat(location(r), endsWith("/login?problem=unknown-identity"));
    String page = browser.get("/login?problem=unknown-identity").body();
    assertThat(page, containsString("not registered for this service"));
    assertThat(page, containsString("edc-help@example.org"));
    assertThat(location(browser.get("/")), endsWith("/login"));
    assertEquals(1, audited("login.failure", id, "sso:umin:unknown-identity"));
  }

  @Test
  public void missingAttributesAreRefusedAndAudited() throws Exception {
    HttpSession browser = new HttpSession(port);
    String id = uminId();
    HttpResponse<String> r = browser.get("/sso/header", "uid", id);
    assertThat(location(r), endsWith("/login?problem=missing-attributes"));
    assertThat(browser.get(location(r).replaceFirst("^http://[^/]+", "")).body(),
        containsString("did not send the attributes"));
    assertEquals(1, audited("login.failure", id, "sso:umin:missing-attributes"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void anAccountWithAPasswordAndAUminIdCanUseEither() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);

    HttpSession local = new HttpSession(port);
    HttpResponse<String> r =
        local.post("/login", "/login", Map.of("username", user.userName(), "password", user.password()));
    assertThat(location(r), endsWith("/"));
    assertThat(local.get("/").body(), containsString(user.userName()));

    HttpSession sso = new HttpSession(port);
    shibboleth(sso, subject(), id);
    assertThat(sso.get("/").body(), containsString(user.userName()));
  }

  @Test
  public void anSsoOnlyAccountCannotUseItsPasswordAndNeedsNoPasswordChange() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    identities.changeSignInMethods(admin.userName(), user.id(), false, true);
    // A one-time password that was never changed: a local sign-in would be sent to change it.
    jdbc.update("update user_account set must_change_password = true where id = ?", user.id());

    HttpSession local = new HttpSession(port);
    HttpResponse<String> r =
        local.post("/login", "/login", Map.of("username", user.userName(), "password", user.password()));
    assertThat(location(r), endsWith("/login?error"));
    assertEquals(1, audited("login.failure", user.userName(), "local-not-allowed"));

    HttpSession sso = new HttpSession(port);
    shibboleth(sso, subject(), id);
    HttpResponse<String> home = sso.get("/");
    assertEquals(200, home.statusCode());
    assertThat(home.body(), containsString(user.userName()));
  }

  @Test
  public void theSignInPageOffersBothWaysAndSignOutGoesToTheSpLogout() throws Exception {
    HttpSession browser = new HttpSession(port);
    String page = browser.get("/login").body();
    assertThat(page, containsString("Sign in with UMIN ID"));
    assertThat(page, containsString("href=\"/sso/header\""));
    assertThat(page, containsString("name=\"password\""));

    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    shibboleth(browser, subject(), id);
    HttpResponse<String> out = browser.post("/", "/logout", Map.of());
    assertThat(location(out), endsWith("/Shibboleth.sso/Logout"));
    assertThat(location(browser.get("/")), endsWith("/login"));
    assertEquals(
        Integer.valueOf(1),
        jdbc.queryForObject(
            "select count(*) from audit_log where action = 'logout' and actor = ?", Integer.class, user.userName()));
  }
}
