package jp.ac.umin.libreclinica.umin.sso.saml;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * The application as a SAML SP, over real HTTP: the browser is sent to the (test) IdP with an
 * AuthnRequest, and comes back with a Response the test IdP signed.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=both",
      "lc.sso.saml.enabled=true",
      "lc.sso.saml.entity-id=" + SamlSignInTest.SP,
      "lc.sso.saml.base-url=https://edc.example.org"
    })
public class SamlSignInTest {

  static final String SP = "https://edc.example.org/sso/saml/metadata";
  static final String ACS = "https://edc.example.org/sso/saml/acs";
  static final String EPPN = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";
  static final TestIdp IDP = new TestIdp();

  @DynamicPropertySource
  static void idpMetadata(DynamicPropertyRegistry registry) throws Exception {
    Path file = Files.createTempFile("idp-metadata", ".xml");
    file.toFile().deleteOnExit();
    Files.writeString(file, IDP.metadata(), StandardCharsets.UTF_8);
    registry.add("lc.sso.saml.idp-metadata", file::toString);
  }

  @LocalServerPort private int port;
  @Autowired private IdentityService identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private SamlReauthentication reauthentication;

  private AccountFixtures fixtures;
  private TestAccount admin;

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

  private static String uminId() {
    return "hanako-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Follows the sign-in button to the IdP and returns the ID of the AuthnRequest sent there. */
  private static String startAtIdp(HttpSession browser) throws Exception {
    HttpResponse<String> r = browser.get("/sso/saml/login");
    assertEquals(302, r.statusCode());
    assertThat(location(r), startsWith(TestIdp.SSO_URL + "?SAMLRequest="));
    return SamlTestSupport.requestId(location(r));
  }

  private static HttpResponse<String> postBack(HttpSession browser, TestIdp.Response response) throws Exception {
    return browser.postFromElsewhere("/sso/saml/acs", Map.of("SAMLResponse", response.encoded()));
  }

  @Test
  public void aPreRegisteredUminIdSignsInThroughTheIdpAndSignOutGoesToItsLogout() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);

    HttpSession browser = new HttpSession(port);
    assertThat(browser.get("/login").body(), containsString("href=\"/sso/saml/login\""));
    String request = startAtIdp(browser);
    HttpResponse<String> back =
        postBack(browser, IDP.response(SP, ACS, request).attribute(EPPN, id + "@umin.ac.jp"));
    assertEquals(302, back.statusCode());
    assertThat(location(back), endsWith("/"));
    assertThat(browser.get("/").body(), containsString(user.userName()));
    assertEquals(1, audited("login.success", user.userName(), "sso:umin"));

    HttpResponse<String> out = browser.post("/", "/logout", Map.of());
    assertThat(location(out), startsWith(TestIdp.SLO_URL + "?SAMLRequest="));
    assertThat(SamlTestSupport.inflate(location(out)), containsString("LogoutRequest"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void aWronglySignedResponseIsRefusedWithAReasonAuditedAndNoSession() throws Exception {
    String id = uminId();
    HttpSession browser = new HttpSession(port);
    TestIdp.Response forged = IDP.response(SP, ACS, startAtIdp(browser)).attribute(EPPN, id);
    forged.signingKeys = TestIdp.keyPair();
    HttpResponse<String> back = postBack(browser, forged);
    assertThat(location(back), endsWith("/login?problem=bad-signature"));
    assertThat(browser.get("/login?problem=bad-signature").body(), containsString("could not be verified"));
    assertEquals(1, audited("login.failure", "?" + id, "sso:umin:bad-signature"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void aReplayedResponseIsRefusedAndTheFirstSessionIsNotShared() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    HttpSession browser = new HttpSession(port);
    TestIdp.Response response = IDP.response(SP, ACS, startAtIdp(browser)).attribute(EPPN, id);
    assertThat(location(postBack(browser, response)), endsWith("/"));

    HttpSession attacker = new HttpSession(port);
    assertThat(location(postBack(attacker, response)), endsWith("/login?problem=replayed"));
    assertThat(attacker.get("/login?problem=replayed").body(), containsString("already used"));
    assertThat(location(attacker.get("/")), endsWith("/login"));
  }

  @Test
  public void anUnsolicitedResponseIsRefused() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    HttpSession browser = new HttpSession(port);
    HttpResponse<String> back = postBack(browser, IDP.response(SP, ACS, "_never-sent").attribute(EPPN, id));
    assertThat(location(back), endsWith("/login?problem=unsolicited"));
    assertEquals(1, audited("login.failure", "?" + id, "sso:umin:unsolicited"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void anUnknownUminIdIsToldToAskForRegistration() throws Exception {
    String id = uminId();
    HttpSession browser = new HttpSession(port);
    HttpResponse<String> back = postBack(browser, IDP.response(SP, ACS, startAtIdp(browser)).attribute(EPPN, id));
    assertThat(location(back), endsWith("/login?problem=unknown-identity"));
    assertEquals(1, audited("login.failure", id, "sso:umin:unknown-identity"));
  }

  /** Signs {@code user} in through the IdP as {@code subject}. */
  private HttpSession signedIn(TestAccount user, String subject) throws Exception {
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    HttpSession browser = new HttpSession(port);
    TestIdp.Response r = IDP.response(SP, ACS, startAtIdp(browser)).attribute(EPPN, id);
    r.nameId = subject;
    assertThat(location(postBack(browser, r)), endsWith("/"));
    return browser;
  }

  @Test
  public void reAuthenticationAtTheIdpForcesAuthnAndProvesPresenceOnce() throws Exception {
    TestAccount user = fixtures.user();
    String subject = "persistent-" + UUID.randomUUID();
    HttpSession browser = signedIn(user, subject);
    Instant before = Instant.now().minusSeconds(1);

    assertEquals("/sso/saml/reauth?return=%2Fsign%2F7", reauthentication.redirectFor(user.userName(), "/sign/7").get());
    HttpResponse<String> toIdp = browser.get("/sso/saml/reauth?return=%2Fsign%2F7");
    assertThat(SamlTestSupport.inflate(location(toIdp)), containsString("ForceAuthn=\"true\""));
    TestIdp.Response r = IDP.response(SP, ACS, SamlTestSupport.requestId(location(toIdp)));
    r.nameId = subject;
    r.attribute(EPPN, "whatever");
    assertThat(location(postBack(browser, r)), endsWith("/sign/7"));

    assertTrue(reauthentication.proven(user.userName(), null, before));
    assertFalse("a proof is used once", reauthentication.proven(user.userName(), null, before));
    assertEquals(1, audited("reauth.success", user.userName(), "saml"));
  }

  @Test
  public void reAuthenticationAsAnotherPersonOrWithAnOldAuthenticationProvesNothing() throws Exception {
    TestAccount user = fixtures.user();
    HttpSession browser = signedIn(user, "persistent-" + UUID.randomUUID());
    Instant before = Instant.now().minusSeconds(1);

    TestIdp.Response other =
        IDP.response(SP, ACS, SamlTestSupport.requestId(location(browser.get("/sso/saml/reauth?return=/x"))));
    other.attribute(EPPN, "someone-else");
    postBack(browser, other);
    assertFalse(reauthentication.proven(user.userName(), null, before));
    assertEquals(1, audited("reauth.failure", user.userName(), "saml:another-user"));

    String subject = "persistent-" + UUID.randomUUID();
    TestAccount second = fixtures.user();
    HttpSession b2 = signedIn(second, subject);
    TestIdp.Response stale =
        IDP.response(SP, ACS, SamlTestSupport.requestId(location(b2.get("/sso/saml/reauth?return=/x"))));
    stale.nameId = subject;
    stale.attribute(EPPN, "x");
    stale.authnInstant = Instant.now().minusSeconds(3600);
    postBack(b2, stale);
    assertFalse(reauthentication.proven(second.userName(), null, before));
    assertEquals(1, audited("reauth.failure", second.userName(), "saml:not-reauthenticated"));
  }

  @Test
  public void theServiceMetadataNamesTheAssertionConsumerService() throws Exception {
    HttpResponse<String> r = new HttpSession(port).get("/sso/saml/metadata");
    assertEquals(200, r.statusCode());
    assertThat(r.body(), containsString("entityID=\"" + SP + "\""));
    assertThat(r.body(), containsString("Location=\"" + ACS + "\""));
  }
}
