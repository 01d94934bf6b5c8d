package jp.ac.umin.libreclinica.app;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
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
 * A LibreClinica script's way in, over real HTTP in the whole application: post
 * {@code j_username}/{@code j_password} to {@code /j_spring_security_check} (no CSRF token, as
 * scripts never load the login page), keep the session cookie, read {@code /rest/...}.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class LegacyScriptLoginTest {

  @LocalServerPort private int port;
  @Autowired private StudyService studies;
  @Autowired private RoleAssignmentService roles;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private TestAccount dm;
  private Study study;

  @Before
  public void aStudyAndItsDataManager() {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    String admin = fixtures.businessAdmin().userName();
    study = studies.createStudy(aStudy(unique("REST"), "スクリプトの試験"), admin);
    dm = fixtures.user();
    roles.assign(admin, dm.id(), study.getId(), Role.DATA_MANAGER);
  }

  private HttpClient client() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private HttpResponse<String> login(HttpClient c, String user, String password, String origin) throws Exception {
    String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/j_spring_security_check"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      r.header("Origin", origin);
    }
    return c.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(HttpClient c, String path) throws Exception {
    return c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  public void aScriptSignsInWithoutACsrfTokenAndReadsTheStudyMetadata() throws Exception {
    HttpClient c = client();
    assertEquals(401, get(c, "/rest/metadata/xml/view/" + study.getOid() + "/*/*").statusCode());
    HttpResponse<String> in = login(c, dm.userName(), dm.password(), null);
    assertEquals(302, in.statusCode());
    assertEquals("/", URI.create(in.headers().firstValue("Location").orElseThrow()).getPath());
    HttpResponse<String> metadata = get(c, "/rest/metadata/xml/view/" + study.getOid() + "/*/*");
    assertEquals(metadata.body(), 200, metadata.statusCode());
    assertTrue(metadata.body().contains("スクリプトの試験"));
    HttpResponse<String> data = get(c, "/rest/clinicaldata/json/view/" + study.getOid() + "/*/*/*?includeDNs=n");
    assertEquals(data.body(), 200, data.statusCode());
    assertTrue(data.body(), data.body().contains("\"@ODMVersion\":\"1.3\""));
  }

  @Test
  public void aWrongPasswordIsAuditedAndGivesNoSession() throws Exception {
    HttpClient c = client();
    HttpResponse<String> in = login(c, dm.userName(), "wrong-password", null);
    assertEquals(302, in.statusCode());
    assertTrue(in.headers().firstValue("Location").orElseThrow().contains("/login?error"));
    assertEquals(401, get(c, "/rest/metadata/xml/view/" + study.getOid() + "/*/*").statusCode());
    Integer failures = jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = 'login.failure' AND entity_id = ?", Integer.class,
        Long.toString(dm.id()));
    assertEquals(Integer.valueOf(1), failures);
  }

  @Test
  public void aLoginPostedFromAnotherSiteIsRefused() throws Exception {
    HttpClient c = client();
    HttpResponse<String> in = login(c, dm.userName(), dm.password(), "https://evil.example.com");
    assertEquals(403, in.statusCode());
    assertEquals(401, get(c, "/rest/metadata/xml/view/" + study.getOid() + "/*/*").statusCode());
  }
}
