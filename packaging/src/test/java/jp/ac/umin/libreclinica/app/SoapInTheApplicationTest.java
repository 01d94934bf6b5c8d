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
  @Autowired private jp.ac.umin.libreclinica.core.event.EventDefinitionService definitions;
  @Autowired private jp.ac.umin.libreclinica.core.account.AccountService accountService;
  @Autowired private jp.ac.umin.libreclinica.core.apitoken.ApiTokenService tokens;
  @Autowired private jp.ac.umin.libreclinica.core.crf.CrfService crfs;

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

  private HttpResponse<String> soap(String service, String user, String password, String body) throws Exception {
    String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:v1=\"http://openclinica.org/ws/" + service + "/v1\" xmlns:bean=\"http://openclinica.org/ws/beans\">"
        + "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\""
        + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
        + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
        + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
        + WebServicesDigest.of(password) + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>"
        + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ws/" + service + "/v1"))
            .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Issue "SOAP", done when: a raw request creates a subject and schedules an event in a study
   * built with the services, the ODM extract (LibreClinica's REST URL) shows them, and wrong
   * credentials lock the account after the configured failures.
   */
  @Test
  public void rawRequestsCreateASubjectAndScheduleAnEventThatTheOdmExtractShows() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    var r = new jp.ac.umin.libreclinica.core.subject.SubjectFixtures(studies, definitions, roles, fixtures).runningStudy();
    String password = "Soap-Client-Pw-2026!";
    accountService.changeOwnPassword(r.crcA(), AccountFixtures.PASSWORD, password);
    String label = "ソープ-" + (System.nanoTime() % 100000);
    String studyRef = "<bean:studyRef><bean:identifier>" + r.study().getProtocolId() + "</bean:identifier>"
        + "<bean:siteRef><bean:identifier>" + r.siteA().getProtocolId() + "</bean:identifier></bean:siteRef></bean:studyRef>";
    HttpResponse<String> created = soap("studySubject", r.crcA(), password,
        "<v1:createRequest><v1:studySubject><bean:label>" + label + "</bean:label>"
            + "<bean:enrollmentDate>2026-04-01</bean:enrollmentDate>"
            + "<bean:subject><bean:gender>f</bean:gender><bean:dateOfBirth>1970-05-06</bean:dateOfBirth></bean:subject>"
            + studyRef + "</v1:studySubject></v1:createRequest>");
    assertEquals(created.body(), 200, created.statusCode());
    assertTrue(created.body(), created.body().contains(">Success<"));
    HttpResponse<String> scheduled = soap("event", r.crcA(), password,
        "<v1:scheduleRequest><v1:event><bean:studySubjectRef><bean:label>" + label + "</bean:label></bean:studySubjectRef>"
            + studyRef + "<bean:eventDefinitionOID>" + r.visit().getOid() + "</bean:eventDefinitionOID>"
            + "<bean:location>東京</bean:location><bean:startDate>2026-05-01</bean:startDate>"
            + "<bean:startTime>09:30:00</bean:startTime></v1:event></v1:scheduleRequest>");
    assertTrue(scheduled.body(), scheduled.body().contains(">Success<"));

    // the data manager imports the visit's vital signs (ODM clinical data in the request)
    var vitals = crfs.commit(jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs
        .vitalSigns(jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique("SOAPVS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.visit().getId(), vitals.crfId(), new jp.ac.umin.libreclinica.core.event.CrfParameters(
        false, null, false, false, false, jp.ac.umin.libreclinica.core.event.SdvRequirement.NOT_REQUIRED, List.of()),
        r.dataManager());
    String dmPassword = "Soap-Manager-Pw-2026!";
    accountService.changeOwnPassword(r.dataManager(), AccountFixtures.PASSWORD, dmPassword);
    String subjectOid = jdbc.queryForObject("SELECT oid FROM study_subject WHERE label = ?", String.class, label);
    String heightOid = jdbc.queryForObject("SELECT oid FROM item WHERE crf_id = ? AND name = 'HEIGHT'", String.class, vitals.crfId());
    String commentOid = jdbc.queryForObject("SELECT oid FROM item WHERE crf_id = ? AND name = 'COMMENT'", String.class, vitals.crfId());
    String groupOid = jdbc.queryForObject("SELECT oid FROM item_group WHERE crf_id = ? AND label = 'VS_MAIN'", String.class, vitals.crfId());
    String odmIn = "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" FileOID=\"soap-1\" FileType=\"Snapshot\" ODMVersion=\"1.3\">"
        + "<ClinicalData StudyOID=\"" + r.siteA().getOid() + "\" MetaDataVersionOID=\"v1.0.0\">"
        + "<SubjectData SubjectKey=\"" + subjectOid + "\"><StudyEventData StudyEventOID=\"" + r.visit().getOid()
        + "\" StudyEventRepeatKey=\"1\"><FormData FormOID=\"" + vitals.crfVersionOid() + "\">"
        + "<ItemGroupData ItemGroupOID=\"" + groupOid + "\" TransactionType=\"Insert\">"
        + "<ItemData ItemOID=\"" + heightOid + "\" Value=\"170.5\"/>"
        + "<ItemData ItemOID=\"" + commentOid + "\" Value=\"SOAPで取り込み 𠮷\"/>"
        + "</ItemGroupData></FormData></StudyEventData></SubjectData></ClinicalData></ODM>";
    HttpResponse<String> imported = soap("data", r.dataManager(), dmPassword, "<v1:importRequest>" + odmIn + "</v1:importRequest>");
    assertTrue(imported.body(), imported.body().contains(">Success<"));

    String token = tokens.create(r.dataManager(), "extract", null).secret();
    HttpResponse<String> odm = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/rest/clinicaldata/xml/view/" + r.study().getOid() + "/*/*/*"))
            .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(odm.body(), 200, odm.statusCode());
    assertTrue(odm.body(), odm.body().contains("OpenClinica:StudySubjectID=\"" + label + "\""));
    assertTrue(odm.body(), odm.body().contains("StudyEventOID=\"" + r.visit().getOid() + "\""));
    assertTrue(odm.body(), odm.body().contains("OpenClinica:StudyEventLocation=\"東京\""));
    assertTrue(odm.body(), odm.body().contains("ItemOID=\"" + heightOid + "\" Value=\"170.5\""));
    assertTrue(odm.body(), odm.body().contains("Value=\"SOAPで取り込み 𠮷\""));

    // wrong passwords lock the account after the configured number of failures
    for (int i = 0; i < 10 && !accounts.findByUserName(r.crcA()).orElseThrow().isLocked(); i++) {
      HttpResponse<String> wrong = soap("study", r.crcA(), "wrong-" + i, "<v1:listAllRequest/>");
      assertTrue(wrong.body(), wrong.statusCode() == 500 || wrong.body().contains("Fail"));
    }
    assertTrue("locked after wrong passwords", accounts.findByUserName(r.crcA()).orElseThrow().isLocked());
    HttpResponse<String> refused = soap("study", r.crcA(), password, "<v1:listAllRequest/>");
    assertTrue(refused.body(), !refused.body().contains(">Success<"));
  }
}
