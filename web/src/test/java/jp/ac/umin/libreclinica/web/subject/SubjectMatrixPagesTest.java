package jp.ac.umin.libreclinica.web.subject;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static org.junit.Assert.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.casebook.MatrixSort;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The subject matrix filters: one subject per event status in the "Screening" column, and a
 * subject whose repeating "Visit" has two occurrences (the latest one counts).
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class SubjectMatrixPagesTest {

  private static final Instant T = Instant.parse("2026-04-07T01:00:00Z");

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

  private RunningStudy r;
  /** What each subject's cell shows, per event definition. */
  private final Map<String, Map<Long, SubjectEventStatus>> expected = new LinkedHashMap<>();

  @Before
  public void aStudyWithEveryEventStatus() {
    r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
    String inv = r.investigatorB();
    for (SubjectEventStatus s : SubjectEventStatus.values()) {
      StudySubject subject = subjects.add(r.siteB().getId(), aSubject("S-" + s.name()), null, false, inv);
      expect(subject, r.screening(), s);
      if (s == SubjectEventStatus.NOT_SCHEDULED) {
        continue;
      }
      StudyEvent e = events.schedule(subject.getId(), r.screening().getId(), new EventInput(T, null, null), inv);
      switch (s) {
        case DATA_ENTRY_STARTED -> events.followDataEntry(e.getId(), s, inv);
        case COMPLETED -> complete(e, inv);
        case SIGNED -> {
          complete(e, inv);
          events.markSigned(e.getId(), true, "署名", inv);
        }
        case STOPPED, SKIPPED -> events.changeStatus(e.getId(), s, null, inv);
        case LOCKED -> events.changeStatus(e.getId(), s, null, r.dataManager());
        default -> { }
      }
    }
    StudySubject repeated = subjects.add(r.siteB().getId(), aSubject("S-REPEAT"), null, false, inv);
    events.schedule(repeated.getId(), r.visit().getId(), new EventInput(T, null, null), inv);
    StudyEvent second = events.schedule(repeated.getId(), r.visit().getId(), new EventInput(T, null, null), inv);
    events.changeStatus(second.getId(), SubjectEventStatus.STOPPED, null, inv);
    expect(repeated, r.screening(), SubjectEventStatus.NOT_SCHEDULED);
    expect(repeated, r.visit(), SubjectEventStatus.STOPPED);
  }

  private void complete(StudyEvent e, String who) {
    events.followDataEntry(e.getId(), SubjectEventStatus.DATA_ENTRY_STARTED, who);
    events.followDataEntry(e.getId(), SubjectEventStatus.COMPLETED, who);
  }

  private void expect(StudySubject s, StudyEventDefinition d, SubjectEventStatus status) {
    expected.computeIfAbsent(s.getLabel(), k -> new LinkedHashMap<>()).put(d.getId(), status);
  }

  private SubjectEventStatus expectedCell(String label, StudyEventDefinition d) {
    return expected.get(label).getOrDefault(d.getId(), SubjectEventStatus.NOT_SCHEDULED);
  }

  private Set<String> labelsShown(String query) throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/studies/" + r.study().getId() + "/subjects?" + query)
                .with(user(r.dataManager()).roles("BUSINESS_ADMIN"))
                .header("Accept-Language", "ja"))
            .andReturn().getResponse();
    assertEquals(query, 200, response.getStatus());
    Document page = Jsoup.parse(response.getContentAsString());
    Set<String> labels = new TreeSet<>();
    for (Element a : page.select("table.matrix tbody tr td:first-child a")) {
      labels.add(a.text());
    }
    return labels;
  }

  /** LC #316: filtering the matrix by an event definition showed the error page. */
  @Test
  public void lc316_filterMatrixByEveryEventDefinition() throws Exception {
    for (StudyEventDefinition d : new StudyEventDefinition[] {r.screening(), r.visit(), r.adverseEvent()}) {
      for (MatrixSort sort : MatrixSort.values()) {
        for (String dir : new String[] {"asc", "desc"}) {
          Set<String> shown =
              labelsShown("e" + d.getId() + "=NOT_SCHEDULED&sort=" + sort + "&dir=" + dir + "&q=s-");
          Set<String> wanted = new TreeSet<>();
          expected.keySet().stream()
              .filter(l -> expectedCell(l, d) == SubjectEventStatus.NOT_SCHEDULED)
              .forEach(wanted::add);
          assertEquals(d.getName() + " " + sort + " " + dir, wanted, shown);
        }
      }
    }
  }

  /** LC #469: selecting "not started" in a status filter hit a broken query. */
  @Test
  public void lc469_everyEventStatusFilterValueWorks() throws Exception {
    for (StudyEventDefinition d : new StudyEventDefinition[] {r.screening(), r.visit(), r.adverseEvent()}) {
      for (SubjectEventStatus s : SubjectEventStatus.values()) {
        Set<String> wanted = new TreeSet<>();
        expected.keySet().stream().filter(l -> expectedCell(l, d) == s).forEach(wanted::add);
        assertEquals(d.getName() + " = " + s, wanted, labelsShown("e" + d.getId() + "=" + s));
      }
    }
    assertEquals("filters combine", Set.of("S-REPEAT"),
        labelsShown("e" + r.screening().getId() + "=NOT_SCHEDULED&e" + r.visit().getId() + "=STOPPED"));
    assertEquals("an unknown value filters nothing", expected.keySet(),
        labelsShown("e" + r.screening().getId() + "=BOGUS"));
  }

  @Test
  public void otherFiltersAndPagingKeepTheRightRows() throws Exception {
    assertEquals(Set.of("S-LOCKED"), labelsShown("q=s-lock"));
    assertEquals("full-width is folded where the Japanese module is installed; here it is plain",
        Set.of(), labelsShown("q=%EF%BC%B3"));
    assertEquals(Set.of(), labelsShown("site=" + r.siteA().getId()));
    assertEquals(expected.keySet(), labelsShown("site=" + r.siteB().getId()));
    assertEquals(expected.keySet(), labelsShown("status=AVAILABLE&page=0"));
    assertEquals(Set.of(), labelsShown("status=REMOVED"));
    assertEquals(Set.of(), labelsShown("page=1"));
    assertEquals("a bad status value is a 400, not an error page", 400,
        mvc.perform(get("/studies/" + r.study().getId() + "/subjects?status=NOPE")
                .with(user(r.dataManager()).roles("BUSINESS_ADMIN")))
            .andReturn().getResponse().getStatus());
  }
}
