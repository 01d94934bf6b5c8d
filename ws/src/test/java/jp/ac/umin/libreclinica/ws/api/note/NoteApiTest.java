package jp.ac.umin.libreclinica.ws.api.note;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfRepository;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NotesFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
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

/** Notes and SDV through the API, with real accounts, roles and tokens. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = RealAccountsWsTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class NoteApiTest {

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
  @Autowired private DiscrepancyNoteService notes;
  @Autowired private EventCrfRepository eventCrfs;

  private NotesFixture f;

  @Before
  public void aRunningStudy() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
  }

  private MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.create(user, unique("t"), null).secret())
        .contentType(MediaType.APPLICATION_JSON);
  }

  @Test
  public void aMonitorRaisesTheCrcProposesTheMonitorCloses() throws Exception {
    String raised = mvc.perform(as(f.siteMonitorA, post("/api/v1/notes")).content(
            "{\"target\":{\"eventCrfId\":" + f.crfA.getId() + ",\"itemName\":\"HEIGHT\"},"
                + "\"type\":\"QUERY\",\"description\":\"Height 300?\",\"assignedTo\":\"" + f.r.crcA() + "\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/notes/")))
        .andExpect(jsonPath("$.status").value("NEW"))
        .andExpect(jsonPath("$.field").value("ITEM_VALUE"))
        .andExpect(jsonPath("$.notes.length()").value(1))
        .andReturn().getResponse().getHeader("Location");
    long id = Long.parseLong(raised.substring(raised.lastIndexOf('/') + 1));
    mvc.perform(as(f.r.crcA(), get("/api/v1/notes/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.answers[0]").value("UPDATED"))
        .andExpect(jsonPath("$.answers[1]").value("RESOLUTION_PROPOSED"))
        .andExpect(jsonPath("$.answers.length()").value(2));
    mvc.perform(as(f.r.crcA(), post("/api/v1/notes/" + id + "/close")).content("{\"description\":\"done\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(as(f.r.crcA(), post("/api/v1/notes/" + id + "/answers"))
            .content("{\"status\":\"RESOLUTION_PROPOSED\",\"description\":\"It is 170\",\"version\":1}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("RESOLUTION_PROPOSED"));
    mvc.perform(as(f.siteMonitorA, post("/api/v1/notes/" + id + "/answers"))
            .content("{\"status\":\"UPDATED\",\"description\":\"stale\",\"version\":1}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").exists());
    mvc.perform(as(f.siteMonitorA, post("/api/v1/notes/" + id + "/close")).content("{\"description\":\"Thanks\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CLOSED"))
        .andExpect(jsonPath("$.notes.length()").value(3));
    assertEquals(NoteStatus.CLOSED, notes.thread(f.siteMonitorA, id).parent().getStatus());
  }

  @Test
  public void aCrcMayNotRaiseAQueryAndBadRequestsAreRefused() throws Exception {
    mvc.perform(as(f.r.crcA(), post("/api/v1/notes")).content(
            "{\"target\":{\"studySubjectId\":" + f.subjectA.getId() + ",\"field\":\"SEX\"},"
                + "\"type\":\"QUERY\",\"description\":\"x\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(as(f.r.crcA(), post("/api/v1/notes")).content(
            "{\"target\":{\"studySubjectId\":" + f.subjectA.getId() + ",\"field\":\"SEX\"},"
                + "\"type\":\"ANNOTATION\",\"description\":\"confirmed\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.status").value("NOT_APPLICABLE"));
    mvc.perform(as(f.r.crcA(), post("/api/v1/notes")).content(
            "{\"target\":{\"studySubjectId\":" + f.subjectA.getId() + ",\"field\":\"NOPE\"},\"type\":\"ANNOTATION\",\"description\":\"x\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(as(f.r.crcA(), post("/api/v1/notes")).content(
            "{\"target\":{\"studySubjectId\":" + f.subjectA.getId() + ",\"field\":\"SEX\"},\"type\":\"ANNOTATION\",\"description\":\" \"}"))
        .andExpect(status().isConflict());
    mvc.perform(as(f.r.crcA(), get("/api/v1/notes/999999999")))
        .andExpect(status().isNotFound());
  }

  @Test
  public void theListShowsASiteUserOnlyTheirSite() throws Exception {
    mvc.perform(as(f.r.dataManager(), post("/api/v1/notes")).content(
        "{\"target\":{\"studyEventId\":" + f.eventB.getId() + ",\"field\":\"EVENT_LOCATION\"},\"type\":\"QUERY\",\"description\":\"at B\"}"))
        .andExpect(status().isCreated());
    mvc.perform(as(f.r.dataManager(), post("/api/v1/notes")).content(
        "{\"target\":{\"studyEventId\":" + f.eventA.getId() + ",\"field\":\"EVENT_START\"},\"type\":\"QUERY\",\"description\":\"at A\"}"))
        .andExpect(status().isCreated());
    mvc.perform(as(f.r.dataManager(), get("/api/v1/studies/" + f.r.study().getOid() + "/notes")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(2))
        .andExpect(jsonPath("$.countsByStatus.NEW").value(2));
    mvc.perform(as(f.r.crcA(), get("/api/v1/studies/" + f.r.siteA().getOid() + "/notes")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.notes[0].description").value("at A"));
    mvc.perform(as(f.r.crcA(), get("/api/v1/studies/" + f.r.study().getOid() + "/notes")))
        .andExpect(status().isForbidden());
  }

  @Test
  public void aMonitorVerifiesACompletedCrfAndACrcMayNot() throws Exception {
    entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("VSDAT"), "2026-04-07"), Map.of(), null);
    mvc.perform(as(f.siteMonitorA, put("/api/v1/event-crfs/" + f.crfA.getId() + "/sdv")).content("{\"verified\":true}"))
        .andExpect(status().isConflict());
    entry.markComplete(f.r.crcA(), f.crfA.getId());
    mvc.perform(as(f.r.crcA(), put("/api/v1/event-crfs/" + f.crfA.getId() + "/sdv")).content("{\"verified\":true}"))
        .andExpect(status().isForbidden());
    assertFalse(eventCrfs.findById(f.crfA.getId()).orElseThrow().isSdvVerified());
    mvc.perform(as(f.siteMonitorA, put("/api/v1/event-crfs/" + f.crfA.getId() + "/sdv")).content("{\"verified\":true}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.verified").value(true))
        .andExpect(jsonPath("$.verifiedBy").value(f.siteMonitorA));
    mvc.perform(as(f.r.crcA(), get("/api/v1/event-crfs/" + f.crfA.getId() + "/sdv")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.verified").value(true));
    assertTrue(eventCrfs.findById(f.crfA.getId()).orElseThrow().isSdvVerified());
  }
}
