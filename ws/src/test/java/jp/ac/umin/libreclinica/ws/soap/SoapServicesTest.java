package jp.ac.umin.libreclinica.ws.soap;

import static jp.ac.umin.libreclinica.ws.soap.SoapClient.BEANS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.w3c.dom.Element;

/**
 * The v1 operations over real HTTP with raw envelopes as public clients send them; every
 * response is checked against the published schemas in {@code ../shared/reference/ws}.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = RealAccountsWsTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.jpa.open-in-view=false", "lc.ws.max-message-bytes=200000"})
public class SoapServicesTest {

  static final String NEW_PASSWORD = "Soap-Passw0rd-2026";

  @LocalServerPort int port;
  @Autowired StudyService studies;
  @Autowired EventDefinitionService definitions;
  @Autowired RoleAssignmentService roles;
  @Autowired UserAccountRepository accounts;
  @Autowired PasswordHistoryRepository history;
  @Autowired PasswordEncoder encoder;
  @Autowired JdbcTemplate jdbc;
  @Autowired AccountService accountService;

  SoapClient client;
  RunningStudy r;
  String crc;

  @Before
  public void aRunningStudyAndACrcWithAWebServicesPassword() {
    client = new SoapClient(port);
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    r = new SubjectFixtures(studies, definitions, roles, fixtures).runningStudy();
    crc = r.crcA();
    // The verifier is set whenever the password is set: here through the holder's own change.
    accountService.changeOwnPassword(crc, AccountFixtures.PASSWORD, NEW_PASSWORD);
  }

  private String studyRef() {
    return "<bean:studyRef><bean:identifier>" + r.study().getProtocolId() + "</bean:identifier>"
        + "<bean:siteRef><bean:identifier>" + r.siteA().getProtocolId()
        + "</bean:identifier></bean:siteRef></bean:studyRef>";
  }

  private String createSubject(String label, String secondary) {
    return "<v1:createRequest><v1:studySubject>"
        + (label == null ? "" : "<bean:label>" + label + "</bean:label>")
        + "<bean:secondaryLabel>" + secondary + "</bean:secondaryLabel>"
        + "<bean:enrollmentDate>2026-04-01</bean:enrollmentDate>"
        + "<bean:subject><bean:uniqueIdentifier>P-" + label + "</bean:uniqueIdentifier>"
        + "<bean:gender>f</bean:gender><bean:dateOfBirth>1970-05-06</bean:dateOfBirth></bean:subject>"
        + studyRef() + "</v1:studySubject></v1:createRequest>";
  }

  private int subjectsAtSiteA() {
    return jdbc.queryForObject(
        "select count(*) from study_subject where study_id = ?", Integer.class, r.siteA().getId());
  }

  @Test
  public void lc384_studyListAllAnswersOnTheMigratedSchemaWithTheCallersStudyAndSite() throws Exception {
    SoapClient.Answer a = client.call("study", crc, NEW_PASSWORD, "<v1:listAllRequest/>");
    Element p = a.valid("study");
    assertEquals("Success", a.text("result"));
    assertTrue(a.body(), a.body().contains(r.study().getOid()));
    assertTrue("the Japanese site name comes back intact", a.body().contains("東京施設"));
    assertFalse("a site user does not see the other site", a.body().contains(r.siteB().getOid()));
    assertEquals("listAllResponse", p.getLocalName());
  }

  @Test
  public void getMetadataAnswersTheOdmOfTheStudy() throws Exception {
    SoapClient.Answer a =
        client.call("study", r.dataManager(), AccountFixtures.PASSWORD,
            "<v1:getMetadataRequest><v1:studyMetadata><bean:identifier>" + r.study().getProtocolId()
                + "</bean:identifier></v1:studyMetadata></v1:getMetadataRequest>");
    // The data manager's password was set before any verifier: refused until changed.
    assertTrue(a.isFault());
    accountService.changeOwnPassword(r.dataManager(), AccountFixtures.PASSWORD, NEW_PASSWORD);
    a = client.call("study", r.dataManager(), NEW_PASSWORD,
        "<v1:getMetadataRequest><v1:studyMetadata><bean:identifier>" + r.study().getProtocolId()
            + "</bean:identifier></v1:studyMetadata></v1:getMetadataRequest>");
    assertEquals(a.body(), "Success", a.text("result"));
    String odm = a.text("odm");
    assertTrue(odm, odm.contains("<ODM") && odm.contains(r.study().getOid()) && odm.contains("被験者試験"));
    // Without the odm text (our addition, as LibreClinica sends it) the response is as published.
    Element p = a.payload();
    p.removeChild(p.getElementsByTagNameNS("*", "odm").item(0));
    SoapClient.reference("study").newValidator().validate(new javax.xml.transform.dom.DOMSource(p));
  }

  @Test
  public void oc786_aSubjectCreatedOverSoapBelongsToTheCallerInDataAndAudit() throws Exception {
    String label = "WS-" + System.nanoTime() % 1_000_000;
    SoapClient.Answer a = client.call("studySubject", crc, NEW_PASSWORD, createSubject(label, "二次ID"));
    a.valid("studySubject");
    assertEquals(a.body(), "Success", a.text("result"));
    assertEquals(label, a.text("label"));
    assertEquals(crc, jdbc.queryForObject(
        "select created_by from study_subject where parent_study_id = ? and label = ?", String.class,
        r.study().getId(), label));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "select count(*) from audit_log where action = 'subject.create' and actor = ? and new_value like ?",
        Integer.class, crc, "%" + label + "%"));
  }

  private String creat(String personId, String birth, String studyRef) {
    return "<v1:creatRequest><v1:subject>"
        + (personId == null ? "" : "<bean:uniqueIdentifier>" + personId + "</bean:uniqueIdentifier>")
        + "<bean:gender>m</bean:gender>"
        + (birth == null ? "" : birth.length() == 4 ? "<bean:yearOfBirth>" + birth + "</bean:yearOfBirth>"
            : "<bean:dateOfBirth>" + birth + "</bean:dateOfBirth>")
        + "</v1:subject>" + studyRef.replace("bean:studyRef", "v1:study") + "</v1:creatRequest>";
  }

  private int personsRegisteredIn(long studyId) {
    return jdbc.queryForObject(
        "select count(*) from subject where registered_study_id = ?", Integer.class, studyId);
  }

  /** subject creat registers a person in the study's registry, as the caller (OC-786 too). */
  @Test
  public void oc786_subjectCreatRegistersAPersonInTheStudysRegistryAsTheCaller() throws Exception {
    String pid = "PID-" + System.nanoTime() % 1_000_000;
    SoapClient.Answer a = client.call("subject", crc, NEW_PASSWORD, creat(pid, "1961-02-03", studyRef()));
    a.valid("subject");
    assertEquals(a.body(), "Success", a.text("result"));
    java.util.Map<String, Object> row = jdbc.queryForMap(
        "select id, person_id, sex, date_of_birth, created_by, registered_at_id from subject"
            + " where registered_study_id = ?", r.study().getId());
    assertEquals(pid, row.get("person_id"));
    assertEquals(crc, row.get("created_by"));
    assertEquals("m", row.get("sex"));
    assertEquals(java.sql.Date.valueOf("1961-02-03"), row.get("date_of_birth"));
    assertEquals((long) r.siteA().getId(), ((Number) row.get("registered_at_id")).longValue());
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "select count(*) from audit_log where action = 'subject.person.create' and actor = ? and entity_id = ?",
        Integer.class, crc, String.valueOf(row.get("id"))));
    // no study subject came with it
    assertEquals(0, (int) jdbc.queryForObject(
        "select count(*) from study_subject where subject_id = ?", Integer.class, row.get("id")));
  }

  @Test
  public void subjectCreatRefusesADuplicatePersonIdAFutureBirthAndAnotherSiteWritingNothing() throws Exception {
    String label = "PR-" + System.nanoTime() % 1_000_000;
    assertEquals("Success", client.call("studySubject", crc, NEW_PASSWORD, createSubject(label, "x")).text("result"));
    String pid = "REG-" + label;
    assertEquals("Success", client.call("subject", crc, NEW_PASSWORD, creat(pid, "1980-01-02", studyRef())).text("result"));
    int before = personsRegisteredIn(r.study().getId());
    // the person ID of an enrolled subject, of a registered person, a birth in the future, a year
    // alone where the study collects the full date of birth
    for (String body : java.util.List.of(creat("P-" + label, "1970-05-06", studyRef()), creat("Y-" + label, "1970", studyRef()),
        creat(pid, "1970-05-06", studyRef()), creat("NEW-" + label, "2999-01-01", studyRef()))) {
      SoapClient.Answer a = client.call("subject", crc, NEW_PASSWORD, body);
      a.valid("subject");
      assertEquals(body, "Fail", a.text("result"));
    }
    // a site user at site A cannot register at site B
    String siteB = studyRef().replace(r.siteA().getProtocolId(), r.siteB().getProtocolId());
    assertEquals("Fail", client.call("subject", crc, NEW_PASSWORD, creat("B-" + label, "1970-05-06", siteB)).text("result"));
    assertEquals(before, personsRegisteredIn(r.study().getId()));
  }

  @Test
  public void subjectCreatFollowsThePersonIdParameterOfTheStudy() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    RunningStudy required = new SubjectFixtures(studies, definitions, roles, fixtures).runningStudy(
        p -> p.setPersonId(jp.ac.umin.libreclinica.core.study.StudyParameters.Usage.REQUIRED));
    accountService.changeOwnPassword(required.crcA(), AccountFixtures.PASSWORD, NEW_PASSWORD);
    String ref = "<bean:studyRef><bean:identifier>" + required.study().getProtocolId() + "</bean:identifier>"
        + "<bean:siteRef><bean:identifier>" + required.siteA().getProtocolId()
        + "</bean:identifier></bean:siteRef></bean:studyRef>";
    assertEquals("Fail", client.call("subject", required.crcA(), NEW_PASSWORD, creat(null, "1970-05-06", ref)).text("result"));
    assertEquals(0, personsRegisteredIn(required.study().getId()));
    assertEquals("Success",
        client.call("subject", required.crcA(), NEW_PASSWORD, creat("REQ-1", "1970-05-06", ref)).text("result"));

    RunningStudy notUsed = new SubjectFixtures(studies, definitions, roles, fixtures).runningStudy(
        p -> p.setPersonId(jp.ac.umin.libreclinica.core.study.StudyParameters.Usage.NOT_USED));
    accountService.changeOwnPassword(notUsed.crcA(), AccountFixtures.PASSWORD, NEW_PASSWORD);
    String ref2 = ref.replace(required.study().getProtocolId(), notUsed.study().getProtocolId())
        .replace(required.siteA().getProtocolId(), notUsed.siteA().getProtocolId());
    assertEquals("Success",
        client.call("subject", notUsed.crcA(), NEW_PASSWORD, creat("IGNORED-1", "1970-05-06", ref2)).text("result"));
    assertEquals("the person ID is not kept where the study does not use it", 0, (int) jdbc.queryForObject(
        "select count(*) from subject where registered_study_id = ? and person_id is not null", Integer.class,
        notUsed.study().getId()));
  }

  @Test
  public void aDuplicateSubjectFailsWithAReasonInTheCallersLanguageAndWritesNothing() throws Exception {
    String label = "DUP-" + System.nanoTime() % 1_000_000;
    assertEquals("Success", client.call("studySubject", crc, NEW_PASSWORD, createSubject(label, "x")).text("result"));
    int before = subjectsAtSiteA();
    accountService.changePreferredLocale(crc, Locale.JAPANESE);
    SoapClient.Answer a = client.call("studySubject", crc, NEW_PASSWORD, createSubject(label, "y"));
    a.valid("studySubject");
    assertEquals("Fail", a.text("result"));
    assertNotNull(a.text("error"));
    assertEquals(before, subjectsAtSiteA());
  }

  @Test
  public void isStudySubjectAndListAllByStudyShowTheSubjectWithItsEvents() throws Exception {
    String label = "LS-" + System.nanoTime() % 1_000_000;
    client.call("studySubject", crc, NEW_PASSWORD, createSubject(label, "被験者二次"));
    SoapClient.Answer is =
        client.call("studySubject", crc, NEW_PASSWORD,
            createSubject(label, "x").replace("createRequest", "isStudySubjectRequest"));
    is.valid("studySubject");
    assertEquals("Success", is.text("result"));
    assertTrue(is.text("studySubjectOID").startsWith("SS_"));
    SoapClient.Answer missing =
        client.call("studySubject", crc, NEW_PASSWORD,
            createSubject("NOPE" + label, "x").replace("createRequest", "isStudySubjectRequest"));
    missing.valid("studySubject");
    assertEquals("Fail", missing.text("result"));

    SoapClient.Answer ev = client.call("event", crc, NEW_PASSWORD, schedule(label, r.visit().getOid()));
    ev.valid("event");
    assertEquals(ev.body(), "Success", ev.text("result"));
    assertEquals("1", ev.text("studyEventOrdinal"));
    SoapClient.Answer again = client.call("event", crc, NEW_PASSWORD, schedule(label, r.visit().getOid()));
    assertEquals("the repeating event's next occurrence", "2", again.text("studyEventOrdinal"));

    SoapClient.Answer list =
        client.call("studySubject", crc, NEW_PASSWORD,
            "<v1:listAllByStudyRequest>" + studyRef() + "</v1:listAllByStudyRequest>");
    list.valid("studySubject");
    assertEquals("Success", list.text("result"));
    assertTrue(list.body().contains("被験者二次"));
    assertTrue(list.body().contains(r.visit().getOid()));
  }

  private String schedule(String label, String definitionOid) {
    return "<v1:scheduleRequest><v1:event><bean:studySubjectRef><bean:label>" + label
        + "</bean:label></bean:studySubjectRef>" + studyRef()
        + "<bean:eventDefinitionOID>" + definitionOid + "</bean:eventDefinitionOID>"
        + "<bean:location>東京</bean:location><bean:startDate>2026-05-01</bean:startDate>"
        + "<bean:startTime>09:30:00</bean:startTime></v1:event></v1:scheduleRequest>";
  }

  @Test
  public void schedulingWithAnUnknownOidOrSubjectFailsAndWritesNothing() throws Exception {
    String label = "EV-" + System.nanoTime() % 1_000_000;
    client.call("studySubject", crc, NEW_PASSWORD, createSubject(label, "x"));
    int events = jdbc.queryForObject("select count(*) from study_event", Integer.class);
    SoapClient.Answer a = client.call("event", crc, NEW_PASSWORD, schedule(label, "SE_NO_SUCH"));
    a.valid("event");
    assertEquals("Fail", a.text("result"));
    SoapClient.Answer b = client.call("event", crc, NEW_PASSWORD, schedule("NO-" + label, r.visit().getOid()));
    assertEquals("Fail", b.text("result"));
    assertEquals(events, (int) jdbc.queryForObject("select count(*) from study_event", Integer.class));
  }

  @Test
  public void studyEventDefinitionListAllNamesTheDefinitions() throws Exception {
    SoapClient.Answer a =
        client.call("studyEventDefinition", crc, NEW_PASSWORD,
            "<v1:listAllRequest><v1:studyEventDefinitionListAll>" + studyRef()
                + "</v1:studyEventDefinitionListAll></v1:listAllRequest>");
    a.valid("studyEventDefinition");
    assertEquals("Success", a.text("result"));
    assertTrue(a.body().contains(r.screening().getOid()) && a.body().contains("有害事象"));
  }

  @Test
  public void createCrfListsEveryErrorOfABadSpreadsheetAndADataImportWithoutOdmFails() throws Exception {
    SoapClient.Answer crf =
        client.call("crf", crc, NEW_PASSWORD,
            "<v1:createCrfRequest><v1:fileName>bad.xls</v1:fileName><v1:file>"
                + java.util.Base64.getEncoder().encodeToString("not a spreadsheet".getBytes(StandardCharsets.UTF_8))
                + "</v1:file></v1:createCrfRequest>");
    crf.valid("crf");
    assertEquals("Fail", crf.text("result"));
    assertNotNull(crf.text("error"));
    SoapClient.Answer data = client.call("data", crc, NEW_PASSWORD, "<v1:importRequest/>");
    data.valid("data");
    assertEquals("Fail", data.text("result"));
  }

  private String odm(String studyOid, String subjectKey) {
    return "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" FileOID=\"f\" FileType=\"Snapshot\" ODMVersion=\"1.3\">"
        + "<ClinicalData StudyOID=\"" + studyOid + "\" MetaDataVersionOID=\"v1.0.0\">"
        + "<SubjectData SubjectKey=\"" + subjectKey + "\"/></ClinicalData></ODM>";
  }

  @Test
  public void oc663_dataImportRunsTheOdmImportAndNamesUnknownOidsWithoutCrashing() throws Exception {
    accountService.changeOwnPassword(r.dataManager(), AccountFixtures.PASSWORD, NEW_PASSWORD);
    SoapClient.Answer created = client.call("studySubject", crc, NEW_PASSWORD, createSubject("IMP-1", "x"));
    assertEquals(created.body(), "Success", created.text("result"));
    String subjectOid = jdbc.queryForObject(
        "select oid from study_subject where parent_study_id = ? and label = 'IMP-1'", String.class, r.study().getId());
    SoapClient.Answer ok = client.call("data", r.dataManager(), NEW_PASSWORD,
        "<v1:importRequest>" + odm(r.siteA().getOid(), subjectOid) + "</v1:importRequest>");
    ok.valid("data");
    assertEquals(ok.body(), "Success", ok.text("result"));

    SoapClient.Answer unknown = client.call("data", r.dataManager(), NEW_PASSWORD,
        "<v1:importRequest>" + odm(r.siteA().getOid(), "SS_NOBODY_東京") + "</v1:importRequest>");
    unknown.valid("data");
    assertEquals("Fail", unknown.text("result"));
    assertTrue(unknown.body(), unknown.text("error").contains("SS_NOBODY_東京"));

    SoapClient.Answer refused = client.call("data", crc, NEW_PASSWORD,
        "<v1:importRequest>" + odm(r.siteA().getOid(), subjectOid) + "</v1:importRequest>");
    refused.valid("data");
    assertEquals("a clinical research coordinator may not import", "Fail", refused.text("result"));
  }
}
