package jp.ac.umin.libreclinica.umin.sso.saml;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.ssotest.SsoTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * An investigator whose account signs in only through SAML signs a casebook: the signature page
 * offers the identity provider instead of a password field, signing before the forced
 * re-authentication is refused, and after it (ForceAuthn, the same persistent subject) the
 * casebook is signed. Real HTTP, a Response signed by the test IdP.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=both",
      "lc.sso.saml.enabled=true",
      "lc.sso.saml.entity-id=" + SamlSignatureTest.SP,
      "lc.sso.saml.base-url=https://edc.example.org"
    })
@Import(DataCaptureFixture.class)
public class SamlSignatureTest {

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
  @Autowired private DataCaptureFixture fixture;
  @Autowired private IdentityService identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private SubjectService subjects;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private DataEntryService entry;

  private static String requestId(HttpResponse<String> toIdp) throws Exception {
    return SamlTestSupport.requestId(location(toIdp));
  }

  /** Makes the investigator of {@code c} SSO-only, links a UMIN ID and signs in through the IdP. */
  private HttpSession signedInThroughIdp(Captured c, String subject) throws Exception {
    String inv = c.investigator();
    long accountId = accounts.findByUserName(inv).orElseThrow().getId();
    jdbc.update("insert into account_sign_in_methods (account_id, local_allowed, sso_allowed, updated_at, updated_by, version)"
        + " values (?, false, true, now(), 'test', 0)", accountId);
    AccountFixtures.TestAccount admin = fixture.accounts().businessAdmin();
    identities.preRegister(admin.userName(), accountId, "umin", uminId);
    HttpSession browser = new HttpSession(port);
    TestIdp.Response signIn = IDP.response(SP, ACS, requestId(browser.get("/sso/saml/login"))).attribute(EPPN, uminId);
    signIn.nameId = subject;
    assertThat(location(browser.postFromElsewhere("/sso/saml/acs", Map.of("SAMLResponse", signIn.encoded()))), endsWith("/"));
    return browser;
  }

  private final String uminId = "sig-" + UUID.randomUUID().toString().substring(0, 8);

  /** Follows {@code reauth} to the IdP, checks ForceAuthn and comes back as {@code subject}. */
  private HttpResponse<String> reAuthenticate(HttpSession browser, String reauth, String subject) throws Exception {
    HttpResponse<String> toIdp = browser.get(reauth);
    assertThat(SamlTestSupport.inflate(location(toIdp)), containsString("ForceAuthn=\"true\""));
    TestIdp.Response again = IDP.response(SP, ACS, requestId(toIdp)).attribute(EPPN, uminId);
    again.nameId = subject;
    return browser.postFromElsewhere("/sso/saml/acs", Map.of("SAMLResponse", again.encoded()));
  }

  @Test
  public void anSsoOnlyInvestigatorSignsAfterForcedReAuthenticationAtTheIdpAndNotBefore() throws Exception {
    Captured c = fixture.completed(false);
    long subjectId = c.subject().getId();
    String subject = "persistent-" + UUID.randomUUID();
    HttpSession browser = signedInThroughIdp(c, subject);

    String signPage = "/subjects/" + subjectId + "/sign";
    String page = browser.get(signPage).body();
    String reauth = "/sso/saml/reauth?return=%2Fsubjects%2F" + subjectId + "%2Fsign";
    assertThat(page, containsString("href=\"" + reauth + "\""));
    assertThat(page, not(containsString("name=\"password\"")));
    Matcher m = Pattern.compile("name=\"hash\" value=\"([0-9a-f]{64})\"").matcher(page);
    assertTrue(page, m.find());
    String hash = m.group(1);

    HttpResponse<String> tooEarly = browser.post(signPage, signPage, Map.of("hash", hash));
    assertEquals(200, tooEarly.statusCode());
    assertThat(tooEarly.body(), containsString("Confirm that it is you at the identity provider first"));
    assertEquals(SubjectStatus.AVAILABLE, subjects.get(subjectId).getStatus());

    assertThat(location(reAuthenticate(browser, reauth, subject)), endsWith(signPage));

    HttpResponse<String> signed = browser.post(signPage, signPage, Map.of("hash", hash));
    assertEquals(302, signed.statusCode());
    assertThat(location(signed), endsWith("/subjects/" + subjectId));
    assertEquals(SubjectStatus.SIGNED, subjects.get(subjectId).getStatus());
  }

  @Test
  public void aCrfThatAsksForThePasswordOnCompletionAsksAnSsoOnlyUserToConfirmAtTheIdp() throws Exception {
    Captured c = fixture.completed(true);
    long crf = c.eventCrf().getId();
    String subject = "persistent-" + UUID.randomUUID();
    HttpSession browser = signedInThroughIdp(c, subject);

    String formPage = "/event-crfs/" + crf;
    String page = browser.get(formPage).body();
    String reauth = "/sso/saml/reauth?return=%2Fevent-crfs%2F" + crf;
    assertThat(page, containsString("href=\"" + reauth + "\""));
    assertThat(page, not(containsString("id=\"completionPassword\"")));
    browser.post(formPage, formPage + "/complete", Map.of());
    assertEquals(EventCrfStatus.INITIAL_DATA_ENTRY, entry.get(c.investigator(), crf).getStatus());

    assertThat(location(reAuthenticate(browser, reauth, subject)), endsWith(formPage));
    browser.post(formPage, formPage + "/complete", Map.of());
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, entry.get(c.investigator(), crf).getStatus());
  }
}
