package jp.ac.umin.libreclinica.umin.sso.saml;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
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
 * The SAML SP with a key pair of its own (made by the test, written to temporary PEM files):
 * signed AuthnRequests and LogoutRequests, encrypted assertions, IdP-initiated logout; and
 * just-in-time accounts switched on. Over real HTTP.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=both",
      "lc.sso.jit.enabled=true",
      "lc.sso.saml.enabled=true",
      "lc.sso.saml.entity-id=" + SamlSpKeyTest.SP,
      "lc.sso.saml.base-url=https://edc.example.org"
    })
public class SamlSpKeyTest {

  static final String SP = "https://edc.example.org/sso/saml/metadata";
  static final String ACS = "https://edc.example.org/sso/saml/acs";
  static final String SLO = "https://edc.example.org/sso/saml/logout";
  static final String EPPN = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";
  static final TestIdp IDP = new TestIdp();
  static final KeyPair SP_KEYS = TestIdp.keyPair();
  static final X509Certificate SP_CERTIFICATE = TestIdp.selfSigned(SP_KEYS, "CN=edc.example.org");

  @DynamicPropertySource
  static void files(DynamicPropertyRegistry registry) throws Exception {
    Path metadata = Files.createTempFile("idp-metadata", ".xml");
    Files.writeString(metadata, IDP.metadata(), StandardCharsets.UTF_8);
    Path key = Files.createTempFile("sp-key", ".pem");
    Files.writeString(key, pem("PRIVATE KEY", SP_KEYS.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    Path certificate = Files.createTempFile("sp-cert", ".pem");
    Files.writeString(certificate, pem("CERTIFICATE", SP_CERTIFICATE.getEncoded()), StandardCharsets.US_ASCII);
    for (Path p : new Path[] {metadata, key, certificate}) {
      p.toFile().deleteOnExit();
    }
    registry.add("lc.sso.saml.idp-metadata", metadata::toString);
    registry.add("lc.sso.saml.sp-key", key::toString);
    registry.add("lc.sso.saml.sp-certificate", certificate::toString);
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @LocalServerPort private int port;
  @Autowired private IdentityService identities;
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

  private int audited(String action, String actor, String reason) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where action = ? and actor = ? and reason = ?",
        Integer.class, action, actor, reason);
  }

  private int audited(String action, String reason) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where action = ? and reason = ?", Integer.class, action, reason);
  }

  private static String uminId() {
    return "enc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The query parameters of {@code url} as sent (URL-encoded), in order. */
  private static Map<String, String> raw(String url) {
    return SamlIdpLogout.rawQuery(URI.create(url).getRawQuery());
  }

  /** Whether the redirect binding's signature of {@code url} verifies with the SP's public key. */
  private static boolean signatureVerifies(String url) throws Exception {
    Map<String, String> q = raw(url);
    String message = q.containsKey("SAMLRequest") ? "SAMLRequest" : "SAMLResponse";
    String signed =
        message + "=" + q.get(message)
            + (q.containsKey("RelayState") ? "&RelayState=" + q.get("RelayState") : "")
            + "&SigAlg=" + q.get("SigAlg");
    assertEquals(SpCredentials.RSA_SHA256, URLDecoder.decode(q.get("SigAlg"), StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(SP_CERTIFICATE.getPublicKey());
    s.update(signed.getBytes(StandardCharsets.UTF_8));
    return s.verify(Base64.getDecoder().decode(URLDecoder.decode(q.get("Signature"), StandardCharsets.UTF_8)));
  }

  private static String startAtIdp(HttpSession browser) throws Exception {
    HttpResponse<String> r = browser.get("/sso/saml/login");
    assertThat(location(r), startsWith(TestIdp.SSO_URL + "?SAMLRequest="));
    assertTrue("the AuthnRequest is signed", signatureVerifies(location(r)));
    return SamlTestSupport.requestId(location(r));
  }

  private TestIdp.Response encrypted(String request, String id) {
    TestIdp.Response r = IDP.response(SP, ACS, request).attribute(EPPN, id + "@umin.ac.jp");
    r.encryptFor = SP_CERTIFICATE;
    return r;
  }

  private static HttpResponse<String> postBack(HttpSession browser, TestIdp.Response response) throws Exception {
    return browser.postFromElsewhere("/sso/saml/acs", Map.of("SAMLResponse", response.encoded()));
  }

  @Test
  public void theMetadataNamesTheKeyForSigningAndEncryptionAndSignedRequests() throws Exception {
    String metadata = new HttpSession(port).get("/sso/saml/metadata").body();
    assertThat(metadata, containsString("AuthnRequestsSigned=\"true\""));
    assertThat(metadata, containsString("WantAssertionsSigned=\"true\""));
    assertThat(metadata, containsString("<md:KeyDescriptor use=\"signing\">"));
    assertThat(metadata, containsString("<md:KeyDescriptor use=\"encryption\">"));
    assertThat(metadata, containsString(Base64.getEncoder().encodeToString(SP_CERTIFICATE.getEncoded())));
    assertThat(metadata, containsString("Location=\"" + SLO + "\""));
  }

  @Test
  public void theAuthnRequestIsSignedOverTheQueryStringAndATamperedQueryFails() throws Exception {
    String url = location(new HttpSession(port).get("/sso/saml/login"));
    assertTrue(signatureVerifies(url));
    // Another request's SAMLRequest under this signature: no longer valid.
    String other = location(new HttpSession(port).get("/sso/saml/login"));
    String tampered = url.replace(raw(url).get("SAMLRequest"), raw(other).get("SAMLRequest"));
    assertFalse(signatureVerifies(tampered));
    // A RelayState slipped in after signing: also caught.
    String withRelayState = url.replace("&SigAlg=", "&RelayState=%2Fadmin&SigAlg=");
    assertFalse(signatureVerifies(withRelayState));
  }

  @Test
  public void anEncryptedSignedAssertionSignsInAndSignOutSendsASignedLogoutRequest() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    HttpSession browser = new HttpSession(port);
    TestIdp.Response r = encrypted(startAtIdp(browser), id);
    assertFalse(new String(Base64.getDecoder().decode(r.encoded()), StandardCharsets.UTF_8).contains(id));
    assertThat(location(postBack(browser, r)), endsWith("/"));
    assertThat(browser.get("/").body(), containsString(user.userName()));
    assertEquals(1, audited("login.success", user.userName(), "sso:umin"));

    HttpResponse<String> out = browser.post("/", "/logout", Map.of());
    assertThat(location(out), startsWith(TestIdp.SLO_URL + "?SAMLRequest="));
    assertTrue("the LogoutRequest is signed", signatureVerifies(location(out)));
    assertThat(SamlTestSupport.inflate(location(out)), containsString(r.nameId));
  }

  @Test
  public void anAssertionEncryptedForAnotherKeyIsRefusedAuditedAndMakesNoSession() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    HttpSession browser = new HttpSession(port);
    TestIdp.Response r = encrypted(startAtIdp(browser), id);
    r.encryptFor = TestIdp.selfSigned(TestIdp.keyPair(), "CN=someone-else");
    int before = audited("login.failure", "sso:umin:not-decrypted");
    assertThat(location(postBack(browser, r)), endsWith("/login?problem=not-decrypted"));
    assertThat(browser.get("/login?problem=not-decrypted").body(), containsString("could not be decrypted"));
    assertEquals(before + 1, audited("login.failure", "sso:umin:not-decrypted"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void anUnknownIdentityGetsAJustInTimeAccountWithoutRoles() throws Exception {
    String id = uminId();
    HttpSession browser = new HttpSession(port);
    TestIdp.Response r =
        encrypted(startAtIdp(browser), id)
            .attribute("urn:oid:0.9.2342.19200300.100.1.3", id + "@example.org")
            .attribute("givenName", "Hanako")
            .attribute("sn", "Suzuki");
    assertThat(location(postBack(browser, r)), endsWith("/"));
    assertThat(browser.get("/").body(), containsString(id));
    long accountId = accounts.findByUserName(id).orElseThrow().getId();
    assertEquals(0, (int) jdbc.queryForObject(
        "select count(*) from study_user_role where account_id = ?", Integer.class, accountId));
    assertEquals(1, audited("identity.jit", id, "sso:umin"));
    assertEquals(1, audited("account.create", "system", "jit:sso:umin"));
    assertFalse(identities.localSignInAllowed(id));
  }

  @Test
  public void justInTimeWithoutNameOrMailShowsWhyAndCreatesNothing() throws Exception {
    String id = uminId();
    HttpSession browser = new HttpSession(port);
    TestIdp.Response r = encrypted(startAtIdp(browser), id).attribute("givenName", "Hanako");
    assertThat(location(postBack(browser, r)), endsWith("/login?problem=jit-missing-attributes"));
    assertThat(browser.get("/login?problem=jit-missing-attributes").body(), containsString("Nothing was created"));
    assertEquals(1, audited("login.failure", id, "sso:umin:jit-missing-attributes"));
    assertFalse(accounts.findByUserName(id).isPresent());
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void aSignedLogoutRequestFromTheIdpEndsTheSessionAndIsAnsweredSigned() throws Exception {
    TestAccount user = fixtures.user();
    String id = uminId();
    identities.preRegister(admin.userName(), user.id(), "umin", id);
    HttpSession browser = new HttpSession(port);
    TestIdp.Response r = encrypted(startAtIdp(browser), id);
    assertThat(location(postBack(browser, r)), endsWith("/"));

    // Unsigned: refused, audited, and the session stays.
    int before = audited("logout.failure", "sso:umin:unsigned");
    HttpResponse<String> unsigned = browser.get("/sso/saml/logout?" + IDP.logoutRequestQuery(r.nameId, SLO, "rs1", null));
    assertThat(location(unsigned), startsWith(TestIdp.SLO_URL + "?SAMLResponse="));
    assertThat(SamlTestSupport.inflate(location(unsigned).replace("SAMLResponse=", "SAMLRequest=")),
        containsString("status:Requester"));
    assertEquals(before + 1, audited("logout.failure", "sso:umin:unsigned"));
    assertThat(browser.get("/").body(), containsString(user.userName()));

    // Signed by another key: refused too.
    browser.get("/sso/saml/logout?" + IDP.logoutRequestQuery(r.nameId, SLO, null, TestIdp.keyPair()));
    assertThat(browser.get("/").body(), containsString(user.userName()));

    HttpResponse<String> signed = browser.get("/sso/saml/logout?" + IDP.logoutRequestQuery(r.nameId, SLO, "rs2", IDP.keys));
    assertThat(location(signed), startsWith(TestIdp.SLO_URL + "?SAMLResponse="));
    assertTrue("the LogoutResponse is signed", signatureVerifies(location(signed)));
    assertEquals("rs2", URLDecoder.decode(raw(location(signed)).get("RelayState"), StandardCharsets.UTF_8));
    assertThat(SamlTestSupport.inflate(location(signed).replace("SAMLResponse=", "SAMLRequest=")),
        containsString("status:Success"));
    assertEquals(1, audited("logout", user.userName(), "sso:umin:idp"));
    assertThat(location(browser.get("/")), endsWith("/login"));
  }

  @Test
  public void pendingRequestsAndUsedAssertionsAreSharedByEveryApplicationServer() {
    java.time.Duration lifetime = java.time.Duration.ofMinutes(10);
    SamlRequestStore nodeA = new JdbcSamlState.Requests(jdbc, lifetime);
    SamlRequestStore nodeB = new JdbcSamlState.Requests(jdbc, lifetime);
    java.time.Instant now = java.time.Instant.now();
    String id = "_" + UUID.randomUUID();
    nodeA.add(new SamlRequestStore.Pending(id, now, true, "someone", "/sign/1"));
    SamlRequestStore.Pending answered = nodeB.consume(id, now.plusSeconds(5)).orElseThrow();
    assertTrue(answered.forceAuthn());
    assertEquals("someone", answered.userName());
    assertEquals("/sign/1", answered.returnPath());
    assertFalse("answered once", nodeA.consume(id, now.plusSeconds(6)).isPresent());

    String old = "_" + UUID.randomUUID();
    nodeA.add(new SamlRequestStore.Pending(old, now.minus(lifetime).minusSeconds(1), false, null, null));
    assertFalse("too old", nodeB.consume(old, now).isPresent());

    ReplayCache replayA = new JdbcSamlState.Replays(jdbc);
    ReplayCache replayB = new JdbcSamlState.Replays(jdbc);
    String assertion = "_" + UUID.randomUUID();
    assertTrue(replayA.firstUse(assertion, now.plusSeconds(300), now));
    assertFalse(replayB.firstUse(assertion, now.plusSeconds(300), now));
  }
}
