package jp.ac.umin.libreclinica.web.sdv;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfRepository;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.discrepancy.NotesFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
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

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class SdvPageTest {

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
  @Autowired private EventCrfRepository eventCrfs;

  private NotesFixture f;

  @Before
  public void aCompletedCrfAtSiteA() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
    entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("VSDAT"), "2026-04-07"), Map.of(), null);
    entry.markComplete(f.r.crcA(), f.crfA.getId());
  }

  @Test
  public void aMonitorMarksAndUnmarksFromTheSdvPage() throws Exception {
    String page = "/studies/" + f.r.siteA().getId() + "/sdv";
    mvc.perform(get(page).with(user(f.siteMonitorA)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(f.subjectA.getLabel())))
        .andExpect(content().string(containsString("100% required")))
        .andExpect(content().string(containsString("Not verified")));
    mvc.perform(post(page).with(user(f.siteMonitorA)).with(csrf())
            .param("eventCrf", String.valueOf(f.crfA.getId())).param("action", "verify"))
        .andExpect(redirectedUrl(page));
    assertTrue(eventCrfs.findById(f.crfA.getId()).orElseThrow().isSdvVerified());
    mvc.perform(get(page).param("verified", "true").with(user(f.siteMonitorA)))
        .andExpect(content().string(containsString("1 completed CRF(s)")))
        .andExpect(content().string(containsString(f.siteMonitorA)));
    mvc.perform(get(page).param("requirement", "NOT_REQUIRED").with(user(f.siteMonitorA)))
        .andExpect(content().string(containsString("0 completed CRF(s)")))
        .andExpect(content().string(not(containsString(f.subjectA.getLabel() + "</a>"))));
    mvc.perform(post(page).with(user(f.siteMonitorA)).with(csrf())
            .param("eventCrf", String.valueOf(f.crfA.getId())).param("action", "unverify"))
        .andExpect(redirectedUrl(page));
    assertFalse(eventCrfs.findById(f.crfA.getId()).orElseThrow().isSdvVerified());
  }

  @Test
  public void aCrcMayLookButNotVerify() throws Exception {
    String page = "/studies/" + f.r.siteA().getId() + "/sdv";
    mvc.perform(get(page).with(user(f.r.crcA()))).andExpect(status().isOk());
    mvc.perform(post(page).with(user(f.r.crcA())).with(csrf())
            .param("eventCrf", String.valueOf(f.crfA.getId())).param("action", "verify"))
        .andExpect(status().isForbidden());
    assertFalse(eventCrfs.findById(f.crfA.getId()).orElseThrow().isSdvVerified());
  }
}
