package jp.ac.umin.libreclinica.umin.sso.oidc;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.ssotest.SsoTestApplication;
import jp.ac.umin.libreclinica.umin.sso.saml.TestIdp;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.AfterClass;
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
 * With SAML and OpenID Connect both on, an SSO-only investigator who signed in through OpenID
 * Connect is sent to the OpenID Connect provider (prompt=login, max_age=0) to sign, not to the
 * SAML IdP, and the casebook is signed after the fresh login there.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=both",
      "lc.sso.oidc.enabled=true",
      "lc.sso.oidc.provider=campus",
      "lc.sso.oidc.client-id=edc",
      "lc.sso.oidc.client-secret=edc-secret",
      "lc.sso.saml.enabled=true",
      "lc.sso.saml.entity-id=https://edc.example.org/sso/saml/metadata",
      "lc.sso.saml.base-url=https://edc.example.org"
    })
@Import(DataCaptureFixture.class)
public class OidcSignatureTest {

  static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

  static {
    PROVIDER.start();
  }

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) throws Exception {
    registry.add("lc.sso.oidc.issuer-uri", () -> PROVIDER.issuerUrl("default").toString());
    Path file = Files.createTempFile("idp-metadata", ".xml");
    file.toFile().deleteOnExit();
    Files.writeString(file, new TestIdp().metadata(), StandardCharsets.UTF_8);
    registry.add("lc.sso.saml.idp-metadata", file::toString);
  }

  @AfterClass
  public static void stopProvider() {
    PROVIDER.shutdown();
  }

  @LocalServerPort private int port;
  @Autowired private DataCaptureFixture fixture;
  @Autowired private IdentityService identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private SubjectService subjects;
  @Autowired private JdbcTemplate jdbc;
  private final HttpClient elsewhere = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private String callbackFrom(HttpResponse<String> providerAnswer) {
    URI callback = URI.create(location(providerAnswer));
    return callback.getRawPath() + "?" + callback.getRawQuery();
  }

  @Test
  public void anInvestigatorWhoCameThroughOpenIdConnectReAuthenticatesThereAndSigns() throws Exception {
    Captured c = fixture.completed(false);
    long subjectId = c.subject().getId();
    long accountId = accounts.findByUserName(c.investigator()).orElseThrow().getId();
    jdbc.update("insert into account_sign_in_methods (account_id, local_allowed, sso_allowed, updated_at, updated_by, version)"
        + " values (?, false, true, now(), 'test', 0)", accountId);
    String id = "sig-" + UUID.randomUUID().toString().substring(0, 8);
    String sub = "sub-" + UUID.randomUUID();
    identities.preRegister(fixture.accounts().businessAdmin().userName(), accountId, "campus", id);
    PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("default", sub, "JWT", List.of("edc"),
        Map.of("preferred_username", id)));
    HttpSession browser = new HttpSession(port);
    String authorize = location(browser.get(OidcSignOn.LOGIN_PATH));
    HttpResponse<String> signIn =
        elsewhere.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(location(browser.get(callbackFrom(signIn))), endsWith("/"));

    String signPage = "/subjects/" + subjectId + "/sign";
    String page = browser.get(signPage).body();
    String reauth = OidcReauthentication.PATH + "?return=%2Fsubjects%2F" + subjectId + "%2Fsign";
    assertThat("the OpenID Connect way, though SAML answers for sso", page, containsString("href=\"" + reauth + "\""));
    Matcher m = Pattern.compile("name=\"hash\" value=\"([0-9a-f]{64})\"").matcher(page);
    assertTrue(page, m.find());

    assertThat(location(browser.get(reauth)), endsWith(OidcSignOn.LOGIN_PATH));
    String again = location(browser.get(OidcSignOn.LOGIN_PATH));
    assertThat(again, containsString("prompt=login"));
    String form =
        "username=" + URLEncoder.encode(sub, StandardCharsets.UTF_8)
            + "&claims=" + URLEncoder.encode("{\"auth_time\":" + Instant.now().getEpochSecond() + "}", StandardCharsets.UTF_8);
    HttpResponse<String> fresh =
        elsewhere.send(
            HttpRequest.newBuilder(URI.create(again))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(location(browser.get(callbackFrom(fresh))), endsWith(signPage));

    HttpResponse<String> signed = browser.post(signPage, signPage, Map.of("hash", m.group(1)));
    assertEquals(signed.body(), 302, signed.statusCode());
    assertEquals(SubjectStatus.SIGNED, subjects.get(subjectId).getStatus());
  }
}
