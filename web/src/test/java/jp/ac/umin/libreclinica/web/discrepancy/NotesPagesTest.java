package jp.ac.umin.libreclinica.web.discrepancy;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNote;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NewNote;
import jp.ac.umin.libreclinica.core.discrepancy.NoteField;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteTarget;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;
import jp.ac.umin.libreclinica.core.discrepancy.NotesFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class NotesPagesTest {

  @Autowired private MockMvc mvc;
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

  private NotesFixture f;

  @Before
  public void aRunningStudy() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
  }

  private long newestThreadOf(long eventCrfId, String item) {
    return notes.threadsOn(f.r.dataManager(), NoteTarget.itemValue(eventCrfId, item, 1)).stream()
        .mapToLong(DiscrepancyNote::getId).max().orElseThrow();
  }

  @Test
  public void aMonitorRaisesAQueryFromDataEntryTheCrcProposesAndTheMonitorCloses() throws Exception {
    long crf = f.crfA.getId();
    mvc.perform(get("/event-crfs/" + crf).with(user(f.siteMonitorA)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/notes/on?eventCrf=" + crf + "&amp;item=HEIGHT&amp;row=1")))
        .andExpect(content().string(containsString("flag-none")));
    mvc.perform(get("/notes/on").param("eventCrf", String.valueOf(crf)).param("item", "HEIGHT").param("row", "1")
            .with(user(f.siteMonitorA)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"QUERY\"")));
    mvc.perform(post("/notes").with(user(f.siteMonitorA)).with(csrf())
            .param("eventCrf", String.valueOf(crf)).param("item", "HEIGHT").param("row", "1")
            .param("type", "QUERY").param("description", "Height 300?").param("assignedTo", f.r.crcA()))
        .andExpect(redirectedUrlPattern("/notes/*"));
    long id = newestThreadOf(crf, "HEIGHT");
    mvc.perform(get("/event-crfs/" + crf).with(user(f.r.crcA())))
        .andExpect(content().string(containsString("flag-NEW")))
        .andExpect(content().string(containsString("Notes (1 assigned to me)")));
    mvc.perform(get("/notes/" + id).with(user(f.r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Height 300?")))
        .andExpect(content().string(containsString("value=\"RESOLUTION_PROPOSED\"")))
        .andExpect(content().string(not(containsString("value=\"CLOSED\""))));
    mvc.perform(post("/notes/" + id).with(user(f.r.crcA())).with(csrf()).param("version", "1")
            .param("status", "RESOLUTION_PROPOSED").param("description", "It is 170").param("assignedTo", f.siteMonitorA))
        .andExpect(redirectedUrl("/notes/" + id));
    mvc.perform(post("/notes/" + id).with(user(f.siteMonitorA)).with(csrf()).param("version", "2")
            .param("status", "CLOSED").param("description", "Thanks"))
        .andExpect(redirectedUrl("/notes/" + id));
    assertEquals(NoteStatus.CLOSED, notes.thread(f.siteMonitorA, id).parent().getStatus());
    mvc.perform(get("/event-crfs/" + crf).with(user(f.r.crcA())))
        .andExpect(content().string(containsString("flag-CLOSED")));
  }

  @Test
  public void aStaleOrForbiddenAnswerIsRefusedWithAMessage() throws Exception {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, NoteTarget.itemValue(f.crfA.getId(), "WEIGHT", 1),
        new NewNote(NoteType.QUERY, "Weight?", null, null));
    mvc.perform(post("/notes/" + t.getId()).with(user(f.r.crcA())).with(csrf()).param("version", "99")
            .param("status", "UPDATED").param("description", "x"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Someone answered this thread while you were writing")));
    mvc.perform(post("/notes").with(user(f.r.crcA())).with(csrf())
            .param("eventCrf", String.valueOf(f.crfA.getId())).param("item", "WEIGHT").param("row", "1")
            .param("type", "ANNOTATION").param("description", " "))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Enter a description.")));
  }

  /** LC #20: "view within record" opened the first section instead of the note's. */
  @Test
  public void lc20_viewWithinRecordOpensTheNotesSectionInEveryCrfState() throws Exception {
    CrfUploadOutcome large = crfs.commit(RealisticCrfs.large(Fixtures.unique("LG"), "v1", 20).xlsx(), "lg.xlsx", f.r.dataManager());
    EventCrf e = entry.start(f.r.crcA(), f.eventA.getId(), f.r.siteA().getId(), large.crfVersionId());
    // Q0003 sits in the second section
    DiscrepancyNote initial = notes.raise(f.siteMonitorA, NoteTarget.itemValue(e.getId(), "Q0003", 1),
        new NewNote(NoteType.QUERY, "in section 2", null, null));
    mvc.perform(get("/notes/" + initial.getId()).with(user(f.siteMonitorA)))
        .andExpect(content().string(containsString("href=\"/event-crfs/" + e.getId() + "#section-2\"")));
    mvc.perform(get("/studies/" + f.r.study().getId() + "/notes").with(user(f.r.dataManager())))
        .andExpect(content().string(containsString("/notes/" + initial.getId())));
    entry.markComplete(f.r.crcA(), e.getId());
    DiscrepancyNote completed = notes.raise(f.siteMonitorA, NoteTarget.itemValue(e.getId(), "Q0003", 1),
        new NewNote(NoteType.QUERY, "after completion", null, null));
    mvc.perform(get("/notes/" + completed.getId()).with(user(f.siteMonitorA)))
        .andExpect(content().string(containsString("href=\"/event-crfs/" + e.getId() + "#section-2\"")));
    // the record opens the same way in both states, with the section there to scroll to
    mvc.perform(get("/event-crfs/" + e.getId()).with(user(f.siteMonitorA)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"section-2\"")))
        .andExpect(content().string(containsString("flag-NEW")));
  }

  /** LC #424: the subject field flag did nothing and the note was not saved. */
  @Test
  public void lc424_subjectFieldNotesAreRaisedFromTheSubjectPagesAndTheFlagFollows() throws Exception {
    long s = f.subjectA.getId();
    for (String page : List.of("/subjects/" + s, "/subjects/" + s + "/edit")) {
      mvc.perform(get(page).with(user(f.r.crcA())))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("/notes/on?subject=" + s + "&amp;field=ENROLLMENT_DATE")))
          .andExpect(content().string(containsString("/notes/on?subject=" + s + "&amp;field=DATE_OF_BIRTH")))
          .andExpect(content().string(containsString("/notes/on?subject=" + s + "&amp;field=SEX")));
    }
    for (String field : List.of("ENROLLMENT_DATE", "DATE_OF_BIRTH", "SEX")) {
      mvc.perform(post("/notes").with(user(f.r.crcA())).with(csrf())
              .param("subject", String.valueOf(s)).param("field", field)
              .param("type", "ANNOTATION").param("description", "checked " + field))
          .andExpect(redirectedUrlPattern("/notes/*"));
      List<DiscrepancyNote> threads = notes.threadsOn(f.r.crcA(), NoteTarget.subject(s, NoteField.valueOf(field)));
      assertEquals(1, threads.size());
      assertEquals(s, threads.get(0).getStudySubjectId());
      assertEquals(NoteField.valueOf(field), threads.get(0).getField());
    }
    mvc.perform(get("/subjects/" + s).with(user(f.r.crcA())))
        .andExpect(content().string(containsString("flag-NOT_APPLICABLE")))
        .andExpect(content().string(containsString("/notes/on?event=" + f.eventA.getId() + "&amp;field=EVENT_LOCATION")));
    // and from the event's own page
    mvc.perform(post("/notes").with(user(f.siteMonitorA)).with(csrf())
            .param("event", String.valueOf(f.eventA.getId())).param("field", "EVENT_START")
            .param("type", "QUERY").param("description", "start before consent?"))
        .andExpect(redirectedUrlPattern("/notes/*"));
    mvc.perform(get("/study-events/" + f.eventA.getId() + "/edit").with(user(f.r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/notes/on?event=" + f.eventA.getId() + "&amp;field=EVENT_END")))
        .andExpect(content().string(containsString("flag-NEW")));
  }

  @Test
  public void aValueFailingItsCheckIsSavedWithAFailedValidationCheckNote() throws Exception {
    long crf = f.crfA.getId();
    mvc.perform(post("/event-crfs/" + crf).with(user(f.r.crcA())).with(csrf()).param("v.HEIGHT.1", "300"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"n.HEIGHT.1\"")));
    mvc.perform(post("/event-crfs/" + crf).with(user(f.r.crcA())).with(csrf()).param("v.HEIGHT.1", "300")
            .param("n.HEIGHT.1", "confirmed with the patient"))
        .andExpect(redirectedUrl("/event-crfs/" + crf));
    assertEquals("300", entry.values(f.r.crcA(), crf).get(ItemKey.of("HEIGHT")).getValue());
    DiscrepancyNote fvc = notes.threadsOn(f.r.crcA(), NoteTarget.itemValue(crf, "HEIGHT", 1)).get(0);
    assertEquals(NoteType.FAILED_VALIDATION_CHECK, fvc.getType());
  }

  @Test
  public void theNotesViewFiltersPagesAndDownloadsCsvAndASiteUserSeesOnlyTheirSite() throws Exception {
    notes.raise(f.r.dataManager(), NoteTarget.itemValue(f.crfA.getId(), "WEIGHT", 1), new NewNote(NoteType.QUERY, "at A", null, null));
    notes.raise(f.r.dataManager(), NoteTarget.itemValue(f.crfB.getId(), "WEIGHT", 1), new NewNote(NoteType.QUERY, "at B", null, null));
    mvc.perform(get("/studies/" + f.r.study().getId() + "/notes").with(user(f.r.dataManager())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("at A")))
        .andExpect(content().string(containsString("at B")))
        .andExpect(content().string(containsString("2 thread(s)")));
    mvc.perform(get("/studies/" + f.r.study().getId() + "/notes").param("site", String.valueOf(f.r.siteB().getId()))
            .with(user(f.r.dataManager())))
        .andExpect(content().string(not(containsString("at A"))));
    mvc.perform(get("/studies/" + f.r.siteA().getId() + "/notes").with(user(f.r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("at A")))
        .andExpect(content().string(not(containsString("at B"))));
    mvc.perform(get("/studies/" + f.r.study().getId() + "/notes").with(user(f.r.crcA())))
        .andExpect(status().isForbidden());
    byte[] csv = mvc.perform(get("/studies/" + f.r.study().getId() + "/notes.csv").param("encoding", "UTF8_BOM")
            .with(user(f.r.dataManager())))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", containsString("text/csv")))
        .andReturn().getResponse().getContentAsByteArray();
    assertEquals((byte) 0xEF, csv[0]);
    String text = new String(csv, StandardCharsets.UTF_8);
    assertTrue(text, text.contains("at A") && text.contains("at B") && text.contains("Thread ID"));
  }

  @Test
  public void theNotesViewDownloadsAsPdfWithTheSameFiltersAndVisibility() throws Exception {
    byte[] pdf = mvc.perform(get("/studies/" + f.r.siteA().getId() + "/notes.pdf").with(user(f.r.crcA())))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", containsString("application/pdf")))
        .andReturn().getResponse().getContentAsByteArray();
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    mvc.perform(get("/studies/" + f.r.study().getId() + "/notes.pdf").with(user(f.r.crcA())))
        .andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + f.r.study().getId() + "/notes").with(user(f.r.dataManager())))
        .andExpect(content().string(containsString("/notes.pdf")));
  }
}
