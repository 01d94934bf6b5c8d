package jp.ac.umin.libreclinica.umin.sso.oidc;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.ssotest.SsoTestApplication;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * OpenID Connect against a real (mock) provider started inside the test: discovery, the
 * authorization code flow with PKCE, state and nonce, over HTTP.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=both",
      "lc.sso.oidc.enabled=true",
      "lc.sso.oidc.provider=gakunin",
      "lc.sso.oidc.client-id=edc",
      "lc.sso.oidc.client-secret=edc-secret",
      "lc.sso.oidc.post-logout-redirect-uri=https://edc.example.org/login"
    })
public class OidcSignInTest {

  static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

  static {
    PROVIDER.start();
  }

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("lc.sso.oidc.issuer-uri", () -> PROVIDER.issuerUrl("default").toString());
  }

  @AfterClass
  public static void stopProvider() {
    PROVIDER.shutdown();
  }

  @LocalServerPort private int port;
  @Autowired private IdentityService identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private OidcReauthentication reauthentication;

  private AccountFixtures fixtures;
  private TestAccount admin;
  private final HttpClient elsewhere = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Before
  public void setUp() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin();
  }

  private int audited(String action, String actor, String reason) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where action = ? and actor = ? and reason = ?",
        Integer.class, action, actor, reason);
  }

  private int failures(String reason) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where action = 'login.failure' and reason = ?", Integer.class, reason);
  }

  private static void nextSignIn(String subject, String displayId, Map<String, Object> more) {
    Map<String, Object> claims = new java.util.HashMap<>(more);
    claims.put("preferred_username", displayId);
    claims.put("email", displayId + "@example.org");
    PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of("edc"), claims));
  }

  /** The button, the provider (signs in at once), and the callback address it sends back. */
  private String toProviderAndBack(HttpSession browser) throws Exception {
    HttpResponse<String> start = browser.get(OidcSignOn.LOGIN_PATH);
    String authorize = location(start);
    assertThat(authorize, startsWith(PROVIDER.issuerUrl("default").toString()));
    assertThat(authorize, containsString("code_challenge="));
    assertThat(authorize, containsString("code_challenge_method=S256"));
    assertThat(authorize, containsString("nonce="));
    assertThat(authorize, containsString("state="));
    HttpResponse<String> back =
        elsewhere.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
    URI callback = URI.create(location(back));
    return callback.getRawPath() + "?" + callback.getRawQuery();
  }

  @Test
  public void aPreRegisteredIdSignsInWithCodeFlowAndSignOutEndsTheProviderSession() throws Exception {
    TestAccount user = fixtures.user();
    String id = "jiro-" + UUID.randomUUID().toString().substring(0, 8);
    identities.preRegister(admin.userName(), user.id(), "gakunin", id);
    nextSignIn("sub-" + UUID.randomUUID(), id, Map.of());

    HttpSession browser = new HttpSession(port);
    assertThat(browser.get("/login").body(), containsString("href=\"" + OidcSignOn.LOGIN_PATH + "\""));
    HttpResponse<String> r = browser.get(toProviderAndBack(browser));
    assertThat(location(r), endsWith("/"));
    assertThat(browser.get("/").body(), containsString(user.userName()));
    assertEquals(1, audited("login.success", user.userName(), "sso:gakunin"));

    HttpResponse<String> out = browser.post("/", "/logout", Map.of());
    assertThat(location(out), startsWith(PROVIDER.issuerUrl("default") + "/endsession"));
    assertThat(location(out), containsString("id_token_hint="));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void aCallbackWithAnotherStateIsRefused() throws Exception {
    HttpSession browser = new HttpSession(port);
    String callback = toProviderAndBack(browser).replaceFirst("state=[^&]+", "state=forged");
    int before = failures("sso:gakunin:state-mismatch");
    HttpResponse<String> r = browser.get(callback);
    assertEquals(before + 1, failures("sso:gakunin:state-mismatch"));
    assertThat(location(r), endsWith("/login?problem=state-mismatch"));
    assertThat(browser.get("/login?problem=state-mismatch").body(), containsString("took too long"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void anIdTokenIssuedForAnotherNonceIsRefused() throws Exception {
    String id = "nonce-" + UUID.randomUUID().toString().substring(0, 8);
    nextSignIn("sub-" + UUID.randomUUID(), id, Map.of());
    HttpSession browser = new HttpSession(port);
    // the provider is asked with another nonce (state and PKCE untouched): its ID token carries that one
    String authorize = location(browser.get(OidcSignOn.LOGIN_PATH)).replaceFirst("nonce=[^&]+", "nonce=forged");
    HttpResponse<String> back =
        elsewhere.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
    URI callback = URI.create(location(back));
    int before = failures("sso:gakunin:nonce-mismatch");
    HttpResponse<String> r = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
    assertEquals(before + 1, failures("sso:gakunin:nonce-mismatch"));
    assertThat(location(r), endsWith("/login?problem=nonce-mismatch"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void aCodeIssuedForAnotherSignInIsRefusedByPkce() throws Exception {
    // The victim's browser is at the provider; the attacker's code is slipped into the victim's
    // callback with the victim's state: the code verifier does not match (and the nonce would not).
    String attackers = toProviderAndBack(new HttpSession(port));
    HttpSession browser = new HttpSession(port);
    String victims = toProviderAndBack(browser);
    String code = attackers.replaceFirst(".*[?&](code=[^&]+).*", "$1");
    String swapped = victims.replaceFirst("code=[^&]+", code);
    int before = failures("sso:gakunin:invalid-grant");
    HttpResponse<String> r = browser.get(swapped);
    assertThat(location(r), endsWith("/login?problem=invalid-grant"));
    assertThat(browser.get("/login?problem=invalid-grant").body(), containsString("could not be verified"));
    assertEquals(before + 1, failures("sso:gakunin:invalid-grant"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  /**
   * The provider asks for a new login ({@code prompt=login} shows its login form); the user
   * signs in there as {@code subject}; returns the callback path.
   */
  private String loginAgainAtProvider(String authorize, String subject, long authTime) throws Exception {
    HttpResponse<String> form =
        elsewhere.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("the provider shows its login form", 200, form.statusCode());
    String body =
        "username=" + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8)
            + "&claims=" + java.net.URLEncoder.encode("{\"auth_time\":" + authTime + "}", java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> back =
        elsewhere.send(
            HttpRequest.newBuilder(URI.create(authorize))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI callback = URI.create(location(back));
    return callback.getRawPath() + "?" + callback.getRawQuery();
  }

  @Test
  public void reAuthenticationAsksForANewLoginAndProvesPresenceOnceKeepingTheSession() throws Exception {
    TestAccount user = fixtures.user();
    String id = "saburo-" + UUID.randomUUID().toString().substring(0, 8);
    String subject = "sub-" + UUID.randomUUID();
    identities.preRegister(admin.userName(), user.id(), "gakunin", id);
    nextSignIn(subject, id, Map.of());
    HttpSession browser = new HttpSession(port);
    assertThat(location(browser.get(toProviderAndBack(browser))), endsWith("/"));
    assertThat(browser.get("/").body(), containsString(user.userName()));
    Instant before = Instant.now().minusSeconds(1);

    assertEquals("/sso/oidc/reauth?return=%2Fsign%2F3", reauthentication.redirectFor(user.userName(), "/sign/3").get());
    HttpResponse<String> start = browser.get("/sso/oidc/reauth?return=%2Fsign%2F3");
    assertThat(location(start), endsWith(OidcSignOn.LOGIN_PATH));
    HttpResponse<String> toProvider = browser.get(OidcSignOn.LOGIN_PATH);
    assertThat(location(toProvider), containsString("prompt=login"));
    assertThat(location(toProvider), containsString("max_age=0"));
    HttpResponse<String> done =
        browser.get(loginAgainAtProvider(location(toProvider), subject, Instant.now().getEpochSecond()));
    assertThat(done.statusCode() + " " + done.body(), location(done), endsWith("/sign/3"));

    assertTrue(reauthentication.proven(user.userName(), null, before));
    assertFalse("a proof is used once", reauthentication.proven(user.userName(), null, before));
    assertThat("still signed in as before", browser.get("/").body(), containsString(user.userName()));
  }

  @Test
  public void reAuthenticationWithoutAFreshLoginProvesNothing() throws Exception {
    TestAccount user = fixtures.user();
    String id = "shiro-" + UUID.randomUUID().toString().substring(0, 8);
    String subject = "sub-" + UUID.randomUUID();
    identities.preRegister(admin.userName(), user.id(), "gakunin", id);
    nextSignIn(subject, id, Map.of());
    HttpSession browser = new HttpSession(port);
    assertThat(location(browser.get(toProviderAndBack(browser))), endsWith("/"));
    Instant before = Instant.now().minusSeconds(1);

    browser.get("/sso/oidc/reauth?return=/x");
    String authorize = location(browser.get(OidcSignOn.LOGIN_PATH));
    browser.get(loginAgainAtProvider(authorize, subject, Instant.now().minusSeconds(3600).getEpochSecond()));
    assertFalse(reauthentication.proven(user.userName(), null, before));
    assertEquals(1, audited("reauth.failure", user.userName(), "oidc:not-reauthenticated"));
  }

  @Test
  public void anUnknownIdentitySeesTheUnknownIdentityPage() throws Exception {
    String id = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    nextSignIn("sub-" + UUID.randomUUID(), id, Map.of());
    HttpSession browser = new HttpSession(port);
    HttpResponse<String> r = browser.get(toProviderAndBack(browser));
    assertThat(location(r), endsWith("/login?problem=unknown-identity"));
    assertThat(browser.get("/login?problem=unknown-identity").body(), containsString("not registered"));
    assertEquals(1, audited("login.failure", id, "sso:gakunin:unknown-identity"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }
}
