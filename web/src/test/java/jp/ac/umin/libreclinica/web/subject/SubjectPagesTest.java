package jp.ac.umin.libreclinica.web.subject;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class SubjectPagesTest {

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

  private SubjectFixtures fixtures;

  @Before
  public void setUp() {
    fixtures = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc));
  }

  /** The add form as a browser sends it; {@code overrides} are name, value pairs replacing fields. */
  private static MockHttpServletRequestBuilder addForm(
      long scopeId, String who, String label, String... overrides) {
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("label", label);
    fields.put("secondaryLabel", "");
    fields.put("enrollmentDate", "2026/4/1");
    fields.put("sex", "FEMALE");
    fields.put("dateOfBirth", "1970-05-06");
    fields.put("personId", "");
    fields.put("requestToken", UUID.randomUUID().toString());
    fields.put("version", "0");
    for (int i = 0; i < overrides.length; i += 2) {
      fields.put(overrides[i], overrides[i + 1]);
    }
    MockHttpServletRequestBuilder b =
        post("/studies/" + scopeId + "/subjects")
            .with(user(who).roles("USER"))
            .with(csrf())
            .header("Accept-Language", "en");
    fields.forEach(b::param);
    return b;
  }

  private long count(long parentId) {
    return jdbc.queryForObject("select count(*) from study_subject where parent_study_id = ?", Long.class, parentId);
  }

  @Test
  public void aCrcAddsASubjectAndSeesItOnTheMatrixAndItsPage() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    String location =
        mvc.perform(addForm(r.siteA().getId(), r.crcA(), "TK-001"))
            .andExpect(status().is3xxRedirection())
            .andReturn().getResponse().getRedirectedUrl();
    assertTrue(location, location.matches("/subjects/\\d+"));
    mvc.perform(get(location).with(user(r.crcA()).roles("USER")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("TK-001")))
        .andExpect(content().string(containsString("Subject added")));
    mvc.perform(get("/studies/" + r.siteA().getId() + "/subjects").with(user(r.crcA()).roles("USER")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("TK-001")))
        .andExpect(content().string(containsString("Not scheduled")));
  }

  @Test
  public void aSiteUserSeesOnlyTheirSite() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    subjects.add(r.siteA().getId(), aSubject("ONLY-A"), null, false, r.crcA());
    subjects.add(r.siteB().getId(), aSubject("ONLY-B"), null, false, r.investigatorB());
    mvc.perform(get("/studies/" + r.study().getId() + "/subjects").with(user(r.crcA()).roles("USER")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + r.siteA().getId() + "/subjects").with(user(r.crcA()).roles("USER")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("ONLY-A")))
        .andExpect(content().string(not(containsString("ONLY-B"))));
    mvc.perform(get("/subjects").with(user(r.crcA()).roles("USER")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/studies/" + r.siteA().getId() + "/subjects")));
  }

  @Test
  public void badInputIsNamedOnTheFieldAndNothingIsStored() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    RunningStudy other = fixtures.runningStudy();
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "BAD-1", "enrollmentDate", "2026/2/30"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The date 2026-2-30 does not exist.")));
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "L".repeat(31)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Use at most 30 characters.")));
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "BAD-2", "dateOfBirth", "someday"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("someday")));
    mvc.perform(addForm(r.study().getId(), r.dataManager(), "BAD-3", "siteId", String.valueOf(other.siteA().getId())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a site of this study")));
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "BAD-4", "groups[999999]", "1"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("does not belong to a group class of this study")));
    assertEquals(0, count(r.study().getId()));
    assertEquals(0, count(other.study().getId()));
  }

  /** Upstream OC-7271 (#20): markup in subject fields was stored and rendered. */
  @Test
  public void oc637_subjectFieldsRejectMarkup() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    String hostile = "<script>alert(1)</script>";
    for (String field : new String[] {"label", "secondaryLabel", "personId"}) {
      mvc.perform(addForm(r.siteA().getId(), r.crcA(), "XSS-1", field, hostile))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("The characters &lt; and &gt; cannot be used here.")))
          .andExpect(content().string(not(containsString(hostile))));
    }
    assertEquals(0, count(r.study().getId()));
    // free text (the event location) is kept as typed and always shown escaped
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("XSS-2"), null, false, r.crcA());
    events.schedule(s.getId(), r.screening().getId(), new EventInput(Instant.parse("2026-04-07T01:00:00Z"), null, hostile), r.crcA());
    mvc.perform(get("/subjects/" + s.getId()).with(user(r.crcA()).roles("USER")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
        .andExpect(content().string(not(containsString(hostile))));
  }

  /** Upstream OC-18040 (#32): with auto non-editable IDs the update form still changed the label. */
  @Test
  public void oc3527_autoNonEditableLabelCannotBeChanged() throws Exception {
    RunningStudy r = fixtures.runningStudy(p -> p.setSubjectIdGeneration(StudyParameters.SubjectIdGeneration.AUTO_NON_EDITABLE));
    StudySubject s = subjects.add(r.siteA().getId(), aSubject(null), null, false, r.crcA());
    mvc.perform(get("/subjects/" + s.getId() + "/edit").with(user(r.crcA()).roles("USER")))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("name=\"label\""))));
    mvc.perform(post("/subjects/" + s.getId() + "/edit")
            .with(user(r.crcA()).roles("USER")).with(csrf()).header("Accept-Language", "en")
            .param("label", "FORGED").param("enrollmentDate", "2026-04-01").param("sex", "FEMALE")
            .param("dateOfBirth", "1970-05-06").param("version", String.valueOf(s.getVersion())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("cannot be changed: the subject ID stays")));
    assertEquals(s.getLabel(), subjects.get(s.getId()).getLabel());
  }

  /** Upstream OC-13471 (#33): double-clicking "Add" created two subjects. */
  @Test
  public void oc3380_concurrentAddCreatesOneSubject() throws Exception {
    RunningStudy r = fixtures.runningStudy(p -> p.setSubjectIdGeneration(StudyParameters.SubjectIdGeneration.AUTO_EDITABLE));
    String token = UUID.randomUUID().toString();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      sent.add(pool.submit(() -> {
        start.await();
        return mvc.perform(addForm(r.siteA().getId(), r.crcA(), "", "requestToken", token))
            .andReturn().getResponse().getStatus();
      }));
    }
    start.countDown();
    for (Future<Integer> f : sent) {
      f.get();
    }
    pool.shutdown();
    assertEquals(1, count(r.study().getId()));
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "", "requestToken", token))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("This form was already sent")));
    assertEquals(1, count(r.study().getId()));
  }

  @Test
  public void aDuplicatePersonIdAsksForConfirmation() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    subjects.add(r.siteA().getId(), aSubject("PID-1").withPersonId("P-77"), null, false, r.crcA());
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "PID-2", "personId", "P-77"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is already recorded for subject(s) PID-1")))
        .andExpect(content().string(containsString("confirmDuplicatePersonId")));
    assertEquals(1, count(r.study().getId()));
    mvc.perform(addForm(r.siteA().getId(), r.crcA(), "PID-2", "personId", "P-77", "confirmDuplicatePersonId", "true"))
        .andExpect(status().is3xxRedirection());
    assertEquals(2, count(r.study().getId()));
  }

  @Test
  public void removeRestoreAndReassignThroughThePages() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("RR-1"), null, false, r.crcA());
    String dm = r.dataManager();
    mvc.perform(post("/subjects/" + s.getId() + "/status").with(user(dm).roles("BUSINESS_ADMIN")).with(csrf())
            .header("Accept-Language", "en").param("action", "remove").param("reason", ""))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Give a reason.")));
    mvc.perform(post("/subjects/" + s.getId() + "/status").with(user(dm).roles("BUSINESS_ADMIN")).with(csrf())
            .param("action", "remove").param("reason", "同意撤回"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/subjects/" + s.getId() + "/status").with(user(dm).roles("BUSINESS_ADMIN")).with(csrf())
            .param("action", "restore").param("reason", "取消"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/subjects/" + s.getId() + "/reassign").with(user(dm).roles("BUSINESS_ADMIN")).with(csrf())
            .header("Accept-Language", "en").param("site", String.valueOf(fixtures.runningStudy().siteA().getId())).param("reason", "forged"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a site of the subject&#39;s study")));
    mvc.perform(post("/subjects/" + s.getId() + "/reassign").with(user(dm).roles("BUSINESS_ADMIN")).with(csrf())
            .param("site", String.valueOf(r.siteB().getId())).param("reason", "転院"))
        .andExpect(status().is3xxRedirection());
    assertEquals(r.siteB().getId().longValue(), subjects.get(s.getId()).getStudyId());
    mvc.perform(get("/subjects/" + s.getId()).with(user(dm).roles("BUSINESS_ADMIN")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Subject reassigned")))
        .andExpect(content().string(containsString("Subject removed")))
        .andExpect(content().string(containsString("同意撤回")));
  }

  @Test
  public void anEventIsScheduledThroughThePageInTheDisplayZone() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("EV-1"), null, false, r.crcA());
    mvc.perform(post("/subjects/" + s.getId() + "/events").with(user(r.crcA()).roles("USER")).with(csrf())
            .header("Accept-Language", "en")
            .param("definitionId", String.valueOf(r.screening().getId()))
            .param("startDate", "2026/4/7").param("startTime", "9:30")
            .param("endDate", "2026-04-07").param("endTime", "9:00")
            .param("location", "外来").param("version", "0"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The end cannot be before the start.")));
    mvc.perform(post("/subjects/" + s.getId() + "/events").with(user(r.crcA()).roles("USER")).with(csrf())
            .header("Accept-Language", "en")
            .param("definitionId", String.valueOf(r.screening().getId()))
            .param("startDate", "2026/4/7").param("startTime", "25:00").param("version", "0"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a time of day")));
    mvc.perform(post("/subjects/" + s.getId() + "/events").with(user(r.crcA()).roles("USER")).with(csrf())
            .param("definitionId", String.valueOf(fixtures.runningStudy().screening().getId()))
            .param("startDate", "2026/4/7").param("version", "0"))
        .andExpect(status().isOk());
    assertTrue(events.eventsOf(r.crcA(), s.getId()).isEmpty());
    mvc.perform(post("/subjects/" + s.getId() + "/events").with(user(r.crcA()).roles("USER")).with(csrf())
            .param("definitionId", String.valueOf(r.screening().getId()))
            .param("startDate", "2026/4/7").param("startTime", "9:30").param("location", "外来").param("version", "0"))
        .andExpect(status().is3xxRedirection());
    StudyEvent e = events.eventsOf(r.crcA(), s.getId()).get(0);
    assertEquals("9:30 in Asia/Tokyo", Instant.parse("2026-04-07T00:30:00Z"), e.getStartAt());
    mvc.perform(get("/study-events/" + e.getId() + "/edit").with(user(r.crcA()).roles("USER")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Skipped")));
  }
}
