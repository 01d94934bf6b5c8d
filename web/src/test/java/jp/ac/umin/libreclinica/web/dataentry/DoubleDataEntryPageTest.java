package jp.ac.umin.libreclinica.web.dataentry;

import static jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.typed;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.DoubleDataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

/** The second-entry and reconciliation pages of double data entry. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@Import(DataCaptureFixture.class)
public class DoubleDataEntryPageTest {

  @Autowired private MockMvc mvc;
  @Autowired private DataCaptureFixture fixture;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private CrfService crfs;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private DataEntryService entry;
  @Autowired private DoubleDataEntryService dde;

  private String first;
  private String second;
  private String dm;
  private long id;
  private long subjectId;

  @Before
  public void aVitalSignsCrfWhoseFirstEntryIsComplete() {
    SubjectFixtures.RunningStudy study = new SubjectFixtures(studies, definitions, roles, fixture.accounts()).runningStudy();
    dm = study.dataManager();
    first = study.investigatorB();
    var other = fixture.accounts().user();
    roles.assign(dm, other.id(), study.siteB().getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
    second = other.userName();
    CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", dm);
    definitions.attachCrf(study.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, true, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
    StudySubject s = subjects.add(study.siteB().getId(), SubjectFixtures.aSubject(unique("S").substring(0, 10)), null, false, first);
    subjectId = s.getId();
    StudyEvent screening = events.schedule(s.getId(), study.screening().getId(),
        new EventInput(Instant.parse("2026-04-07T01:00:00Z"), null, null), first);
    EventCrf e = entry.startForEvent(first, screening.getId(), vitals.crfVersionId());
    id = e.getId();
    assertTrue(entry.save(first, id, typed("VSDAT", "2026-04-07", "HEIGHT", "170.5", "SEX", "2",
        "COMMENT", "体調良好"), Map.of(), null).saved());
    entry.markComplete(first, id);
  }

  private String page(String path, String who) throws Exception {
    return mvc.perform(get(path).with(user(who)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  public void theSecondUserGetsABlindFormWithoutTheFirstValues() throws Exception {
    mvc.perform(get("/event-crfs/" + id).with(user(second)))
        .andExpect(redirectedUrl("/event-crfs/" + id + "/second-entry"));
    String html = page("/event-crfs/" + id + "/second-entry", second);
    Document doc = Jsoup.parse(html);
    assertEquals(1, doc.select("input[name=v.HEIGHT.1]").size());
    assertEquals("", doc.select("input[name=v.HEIGHT.1]").attr("value"));
    assertTrue(html, !html.contains("170.5") && !html.contains("体調良好"));
    assertTrue("no item history link", doc.select("a.history").isEmpty());
    assertTrue(doc.text().contains("The first entry is not shown"));
  }

  @Test
  public void aDifferingValueIsShownWithBothEntriesResolvedAndTheCrfCompleted() throws Exception {
    mvc.perform(post("/event-crfs/" + id + "/second-entry").with(user(second)).with(csrf())
            .param("v.VSDAT.1", "2026/4/7").param("v.HEIGHT.1", "171").param("v.SEX.1", "2")
            .param("v.COMMENT.1", "体調良好"))
        .andExpect(redirectedUrl("/event-crfs/" + id + "/reconcile"))
        .andExpect(flash().attribute("flash", "4 value(s) saved. 1 item(s) differ from the first entry: resolve each below."));
    Document doc = Jsoup.parse(page("/event-crfs/" + id + "/reconcile", second));
    assertEquals(1, doc.select("table.mismatches tbody tr").size());
    assertEquals("170.5", doc.select("tr[id=mismatch-HEIGHT.1] .first-value").text());
    assertEquals("171", doc.select("tr[id=mismatch-HEIGHT.1] .second-value").text());
    String version = doc.select("input[name=s.HEIGHT.1]").attr("value");
    // a corrected value that is not a number is named, and nothing changes
    mvc.perform(post("/event-crfs/" + id + "/reconcile").with(user(second)).with(csrf()).header("Accept-Language", "en")
            .param("r.HEIGHT.1", "CORRECTED").param("c.HEIGHT.1", "abc").param("s.HEIGHT.1", version))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a number")))
        .andExpect(content().string(containsString("value=\"abc\"")));
    assertEquals("170.5", entry.values(dm, id).get(ItemKey.of("HEIGHT")).getValue());
    mvc.perform(post("/event-crfs/" + id + "/reconcile").with(user(second)).with(csrf())
            .param("r.HEIGHT.1", "TAKE_SECOND").param("s.HEIGHT.1", version))
        .andExpect(redirectedUrl("/event-crfs/" + id + "/reconcile"));
    assertEquals("171", entry.values(dm, id).get(ItemKey.of("HEIGHT")).getValue());
    assertEquals(1, Jsoup.parse(page("/event-crfs/" + id + "/reconcile", second)).select("#entries-agree").size());
    mvc.perform(post("/event-crfs/" + id + "/second-entry/complete").with(user(second)).with(csrf()))
        .andExpect(redirectedUrl("/event-crfs/" + id));
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, entry.get(dm, id).getStatus());
  }

  @Test
  public void theFirstUserIsToldThatAnotherUserMustEnterItAgain() throws Exception {
    mvc.perform(get("/event-crfs/" + id + "/second-entry").with(user(first)).header("Accept-Language", "en"))
        .andExpect(redirectedUrl("/event-crfs/" + id))
        .andExpect(flash().attribute("flash",
            "You entered or completed the first entry of this CRF. Double data entry must be done by a different user."));
    Document doc = Jsoup.parse(page("/event-crfs/" + id, first));
    assertEquals(1, doc.select(".dde-waiting").size());
    assertTrue("no save button while waiting", doc.select("button[value=save]").isEmpty());
    mvc.perform(post("/event-crfs/" + id).with(user(first)).with(csrf()).header("Accept-Language", "en")
            .param("v.HEIGHT.1", "180"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("waits for double data entry by another user")));
    assertEquals("170.5", entry.values(dm, id).get(ItemKey.of("HEIGHT")).getValue());
  }

  @Test
  public void aMonitorSeesTheWaitingCrfAndIsNotSentToTheSecondEntry() throws Exception {
    var monitor = fixture.accounts().user();
    roles.assign(dm, monitor.id(), studies.get(entry.get(dm, id).getStudyId()).getId(), Role.SITE_MONITOR);
    Document doc = Jsoup.parse(page("/event-crfs/" + id, monitor.userName()));
    assertEquals(1, doc.select(".dde-waiting").size());
    mvc.perform(get("/event-crfs/" + id + "/second-entry").with(user(monitor.userName())))
        .andExpect(status().isForbidden());
  }

  @Test
  public void theSubjectPageShowsTheDoubleDataEntryStatusWithItsIcon() throws Exception {
    Document doc = Jsoup.parse(page("/subjects/" + subjectId, dm));
    assertEquals(1, doc.select(".crf-INITIAL_DATA_ENTRY_COMPLETE").size());
    assertTrue(doc.text().contains("Initial data entry completed"));
    dde.save(second, id, typed("HEIGHT", "170.5"), Map.of());
    doc = Jsoup.parse(page("/subjects/" + subjectId, dm));
    assertEquals(1, doc.select(".crf-DOUBLE_DATA_ENTRY").size());
  }

  @Test
  public void aBadValueInTheSecondEntryIsNamedAndWhatWasTypedStays() throws Exception {
    mvc.perform(post("/event-crfs/" + id + "/second-entry").with(user(second)).with(csrf()).header("Accept-Language", "en")
            .param("v.HEIGHT.1", "abc").param("v.SEX.1", "2"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a number")))
        .andExpect(content().string(containsString("value=\"abc\"")))
        .andExpect(content().string(not(containsString("170.5"))));
    assertEquals(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE, entry.get(dm, id).getStatus());
    assertTrue(dde.secondValues(second, id).isEmpty());
  }
}
