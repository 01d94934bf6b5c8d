package jp.ac.umin.libreclinica.ws.api.subject;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.audit.AuditContext;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The data API with real accounts, roles and tokens, through the same services as the pages. */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = RealAccountsWsTestApplication.class,
    properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class DataApiTest {

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private AuditService audit;

  private final ObjectMapper json = new ObjectMapper();
  private RunningStudy r;
  private CrfUploadOutcome vitals;

  @Before
  public void aRunningStudyWithAVitalSignsCrfAtScreening() {
    r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
    vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), r.dataManager());
  }

  private MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder req) {
    return req.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.create(user, unique("t"), null).secret())
        .contentType(MediaType.APPLICATION_JSON);
  }

  private JsonNode call(String user, MockHttpServletRequestBuilder req, int expected) throws Exception {
    var response = mvc.perform(as(user, req)).andReturn().getResponse();
    String body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(body, expected, response.getStatus());
    return body.isEmpty() ? null : json.readTree(body);
  }

  /** A subject at site A with a started vital signs CRF, through the API as a CRC would. */
  private long startedEventCrf(String label) throws Exception {
    JsonNode subject = call(r.crcA(), post("/api/v1/studies/" + r.siteA().getOid() + "/subjects")
        .content("{\"label\":\"" + label + "\",\"enrollmentDate\":\"2026/4/1\",\"sex\":\"f\","
            + "\"dateOfBirth\":\"1970-05-06\"}"), 201);
    long subjectId = subject.get("id").asLong();
    JsonNode event = call(r.crcA(), post("/api/v1/subjects/" + subjectId + "/events")
        .content("{\"eventDefinitionOid\":\"" + r.screening().getOid() + "\","
            + "\"start\":\"2026-04-07T09:30:00+09:00\",\"location\":\"外来\"}"), 201);
    long eventId = event.get("id").asLong();
    JsonNode forms = call(r.crcA(), get("/api/v1/study-events/" + eventId + "/forms"), 200);
    long version = forms.get(0).get("crfVersionId").asLong();
    JsonNode started = call(r.crcA(), post("/api/v1/study-events/" + eventId + "/event-crfs")
        .content("{\"crfVersionId\":" + version + "}"), 201);
    return started.get("id").asLong();
  }

  private long auditCount(long eventCrfId) {
    return audit.itemTrail(eventCrfId, itemId("HEIGHT"), org.springframework.data.domain.PageRequest.of(0, 1))
        .getTotalElements();
  }

  private long itemId(String name) {
    return jdbc.queryForObject("SELECT id FROM item WHERE crf_id = ? AND name = ?", Long.class,
        vitals.crfId(), name);
  }

  @Test
  public void aCrcEnrollsSchedulesEntersDataAndReadsItBackCanonicalAndAudited() throws Exception {
    long eventCrf = startedEventCrf("API-001");
    JsonNode saved = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"170.5\"},"
            + "{\"item\":\"VSDAT\",\"value\":\"2026/4/7\"},{\"item\":\"COMMENT\",\"value\":\"頭痛あり\"}]}"), 200);
    assertEquals(3, saved.get("changed").asInt());
    JsonNode read = call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200);
    assertEquals("170.5", valueOf(read, "HEIGHT"));
    assertEquals("2026-04-07", valueOf(read, "VSDAT"));
    assertEquals("頭痛あり", valueOf(read, "COMMENT"));
    assertEquals(1, auditCount(eventCrf));
    // the subject is found in the matrix of its site, with the event's status
    JsonNode page = call(r.crcA(), get("/api/v1/studies/" + r.siteA().getOid() + "/subjects?search=API-001"), 200);
    assertEquals(1, page.get("total").asInt());
    assertEquals("API-001", page.get("subjects").get(0).get("label").asText());
    JsonNode screening = null;
    for (JsonNode c : page.get("subjects").get(0).get("events")) {
      if (c.get("eventDefinitionOid").asText().equals(r.screening().getOid())) {
        screening = c;
      }
    }
    assertEquals("data entry started", screening.get("status").asText());
  }

  @Test
  public void theMatrixIsListedPageByPage() throws Exception {
    for (int i = 1; i <= 3; i++) {
      subjects.add(r.siteA().getId(), aSubject("PG-" + i), null, false, r.crcA());
    }
    JsonNode first = call(r.dataManager(), get("/api/v1/studies/" + r.study().getOid() + "/subjects?size=2&page=0"), 200);
    assertEquals(3, first.get("total").asInt());
    assertEquals(2, first.get("subjects").size());
    JsonNode second = call(r.dataManager(), get("/api/v1/studies/" + r.study().getOid() + "/subjects?size=2&page=1"), 200);
    assertEquals("PG-3", second.get("subjects").get(0).get("label").asText());
  }

  @Test
  public void aStaleWriteIsAConflictNamingTheItemAndStoresNothing() throws Exception {
    long eventCrf = startedEventCrf("API-002");
    call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"170\"}]}"), 200);
    // a second client read nothing and writes WEIGHT
    JsonNode conflict = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"180\"},{\"item\":\"WEIGHT\",\"value\":\"60\"}]}"), 409);
    assertEquals("api.error.conflict", conflict.get("code").asText());
    assertEquals("HEIGHT", conflict.get("changedMeanwhile").get(0).get("item").asText());
    assertTrue(conflict.get("detail").asText().contains("HEIGHT"));
    JsonNode read = call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200);
    assertEquals("170", valueOf(read, "HEIGHT"));
    assertEquals(null, valueOf(read, "WEIGHT"));
    // with the version it read, the write goes through
    long version = read.get("items").get(0).get("version").asLong();
    call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"180\"}],"
            + "\"seen\":[{\"item\":\"HEIGHT\",\"row\":1,\"version\":" + version + "}]}"), 200);
  }

  @Test
  public void badValuesAreNamedByItemAndNothingIsStored() throws Exception {
    long eventCrf = startedEventCrf("API-003");
    JsonNode bad = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"abc\"},{\"item\":\"SEX\",\"value\":\"7\"},"
            + "{\"item\":\"VSDAT\",\"value\":\"2026-02-30\"},{\"item\":\"WEIGHT\",\"value\":\"60\"}]}"), 400);
    assertEquals("api.error.validation", bad.get("code").asText());
    List<String> fields = new java.util.ArrayList<>();
    bad.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertTrue(fields.toString(), fields.containsAll(List.of("HEIGHT", "SEX", "VSDAT")));
    assertFalse(fields.contains("WEIGHT"));
    assertEquals(null, valueOf(call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200), "WEIGHT"));
  }

  @Test
  public void anItemOfAnotherCrfOrAMissingRowIsNamedAndNothingIsStored() throws Exception {
    long eventCrf = startedEventCrf("API-004");
    JsonNode forged = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"WEIGHT\",\"value\":\"60\"},{\"item\":\"AETERM\",\"value\":\"x\"}]}"), 400);
    assertEquals("AETERM", forged.get("errors").get(0).get("field").asText());
    JsonNode row = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"row\":2,\"value\":\"1\"}]}"), 400);
    assertEquals("HEIGHT#2", row.get("errors").get(0).get("field").asText());
    assertEquals(null, valueOf(call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200), "WEIGHT"));
  }

  @Test
  public void anotherSitesUserNeitherReadsNorWrites() throws Exception {
    long eventCrf = startedEventCrf("API-005");
    call(r.investigatorB(), get("/api/v1/event-crfs/" + eventCrf), 403);
    call(r.investigatorB(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"170\"}]}"), 403);
    call(r.investigatorB(), post("/api/v1/studies/" + r.siteA().getOid() + "/subjects")
        .content("{\"label\":\"X-1\",\"enrollmentDate\":\"2026-04-01\",\"sex\":\"m\"}"), 403);
    assertEquals(null, valueOf(call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200), "HEIGHT"));
  }

  @Test
  public void dataOfARemovedSubjectOrALockedEventIsNotChanged() throws Exception {
    long eventCrf = startedEventCrf("API-006");
    long subjectId = entrySubject(eventCrf);
    subjects.remove(subjectId, "同意撤回", r.dataManager());
    JsonNode removed = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"170\"}]}"), 409);
    assertEquals("dataentry.save.subjectRemoved", removed.get("reason").asText());
    assertTrue(removed.get("detail").asText().contains("API-006"));

    long other = startedEventCrf("API-007");
    long eventId = jdbc.queryForObject("SELECT study_event_id FROM event_crf WHERE id = ?", Long.class, other);
    events.changeStatus(eventId, SubjectEventStatus.LOCKED, "固定", r.dataManager());
    JsonNode locked = call(r.crcA(), put("/api/v1/event-crfs/" + other + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"170\"}]}"), 409);
    assertEquals("dataentry.locked.event", locked.get("reason").asText());
    assertEquals(null, valueOf(call(r.crcA(), get("/api/v1/event-crfs/" + other), 200), "HEIGHT"));
  }

  @Test
  public void aSiteWithDoubleDataEntryKeepsTheFirstEntryClosedUntilTheSecondIsDone() throws Exception {
    long row = definitions.crfsOf(r.screening().getId()).get(0).getId();
    definitions.setSiteParameters(r.siteA().getId(), row,
        new CrfParameters(true, null, true, false, false, SdvRequirement.NOT_REQUIRED, List.of()), r.dataManager());
    long eventCrf = startedEventCrf("API-DDE");
    call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"VSDAT\",\"value\":\"2026-04-07\"},{\"item\":\"HEIGHT\",\"value\":\"170\"}]}"), 200);
    entry.markComplete(r.crcA(), eventCrf);
    JsonNode read = call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200);
    assertEquals("initial data entry completed", read.get("status").asText());
    JsonNode closed = call(r.crcA(), put("/api/v1/event-crfs/" + eventCrf + "/items")
        .content("{\"values\":[{\"item\":\"HEIGHT\",\"value\":\"171\"}]}"), 409);
    assertEquals("dataentry.dde.firstPassClosed", closed.get("reason").asText());
    assertEquals("170", valueOf(call(r.crcA(), get("/api/v1/event-crfs/" + eventCrf), 200), "HEIGHT"));
  }

  @Test
  public void badSubjectAndEventInputIsNamed() throws Exception {
    JsonNode subject = call(r.crcA(), post("/api/v1/studies/" + r.siteA().getOid() + "/subjects")
        .content("{\"label\":\"API-008\",\"enrollmentDate\":\"2026-13-01\",\"sex\":\"x\"}"), 400);
    List<String> fields = new java.util.ArrayList<>();
    subject.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertTrue(fields.toString(), fields.containsAll(List.of("enrollmentDate", "sex")));
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("API-009"), null, false, r.crcA());
    JsonNode event = call(r.crcA(), post("/api/v1/subjects/" + s.getId() + "/events")
        .content("{\"eventDefinitionOid\":\"SE_NOPE\",\"start\":\"yesterday\"}"), 400);
    List<String> eventFields = new java.util.ArrayList<>();
    event.get("errors").forEach(e -> eventFields.add(e.get("field").asText()));
    assertTrue(eventFields.toString(), eventFields.containsAll(List.of("eventDefinitionOid", "start")));
    assertEquals(0, events.eventsOf(r.crcA(), s.getId()).size());
  }

  private long entrySubject(long eventCrf) {
    return jdbc.queryForObject(
        "SELECT e.study_subject_id FROM event_crf c JOIN study_event e ON e.id = c.study_event_id WHERE c.id = ?",
        Long.class, eventCrf);
  }

  private static String valueOf(JsonNode eventCrf, String item) {
    for (JsonNode i : eventCrf.get("items")) {
      if (i.get("item").asText().equals(item) && i.get("row").asInt() == 1) {
        return i.get("value").asText();
      }
    }
    return null;
  }
}
