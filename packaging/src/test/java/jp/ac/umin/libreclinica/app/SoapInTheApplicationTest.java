package jp.ac.umin.libreclinica.app;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.account.WebServicesDigest;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * The SOAP web services inside the whole application (every filter of the WAR: CSRF, session,
 * password change, locale): each WSDL answers with its own address, and a study listAll with a
 * UsernameToken (a web-services key's SHA-1 digest as the password) returns the caller's study.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class SoapInTheApplicationTest {

  private static final List<String> WSDLS = List.of(
      "/ws/study/v1/studyWsdl.wsdl", "/ws/studySubject/v1/studySubjectWsdl.wsdl", "/ws/event/v1/eventWsdl.wsdl",
      "/ws/studyEventDefinition/v1/studyEventDefinitionWsdl.wsdl", "/ws/data/v1/dataWsdl.wsdl",
      "/ws/subject/v1/subjectWsdl.wsdl", "/ws/crf/v1/crfWsdl.wsdl");

  @LocalServerPort private int port;
  @Autowired private StudyService studies;
  @Autowired private RoleAssignmentService roles;
  @Autowired private WebServicesCredentialService keys;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  public void everyWsdlAnswersWithItsOwnAddress() throws Exception {
    for (String path : WSDLS) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(path, 200, r.statusCode());
      assertTrue(path, r.body().contains("location=\"http://localhost:" + port + "/ws/"));
    }
  }

  @Test
  public void studyListAllWithAWebServicesKeyReturnsTheCallersStudy() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    String admin = fixtures.businessAdmin().userName();
    Study study = studies.createStudy(aStudy(unique("SOAPAPP"), "SOAPの試験 𠮷"), admin);
    AccountFixtures.TestAccount dm = fixtures.user();
    roles.assign(admin, dm.id(), study.getId(), Role.DATA_MANAGER);
    String key = keys.issueKey(dm.userName());
    String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:v1=\"http://openclinica.org/ws/study/v1\" xmlns:bean=\"http://openclinica.org/ws/beans\">"
        + "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\""
        + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
        + "<wsse:UsernameToken><wsse:Username>" + dm.userName() + "</wsse:Username>"
        + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
        + WebServicesDigest.of(key) + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>"
        + "<soapenv:Body><v1:listAllRequest/></soapenv:Body></soapenv:Envelope>";
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ws/study/v1"))
            .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(r.body(), 200, r.statusCode());
    assertTrue(r.body(), r.body().contains("Success"));
    assertTrue(r.body(), r.body().contains(study.getOid()));
    assertTrue(r.body(), r.body().contains("SOAPの試験 𠮷"));
  }
}
