package jp.ac.umin.libreclinica.app;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.RoleLevel;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Upstream defect OC-3512: in Japanese, an investigator could not change the active study,
 * because translated strings were compared as values. Here every role switches study/site with
 * the interface in Japanese (browser and saved language), and the role and status shown are the
 * right ones.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class)
@AutoConfigureMockMvc
public class StudySwitchJapaneseTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyService studies;
  @Autowired private RoleAssignmentService roles;
  @Autowired private AccountService accountService;
  @Autowired private MessageSource messages;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private static MockHttpServletRequestBuilder japanese(MockHttpServletRequestBuilder r, TestAccount a) {
    return r.with(user(a.userName()).roles("USER")).header("Accept-Language", "ja-JP,ja;q=0.9");
  }

  private String ja(String key) {
    return messages.getMessage(key, null, Locale.JAPANESE);
  }

  @Test
  public void oc3512_switchStudyInJapanese() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    String admin = fixtures.businessAdmin().userName();
    Study study = studies.createStudy(aStudy(unique("JA"), "日本語の試験"), admin);
    Study siteA = studies.createSite(study.getId(), aStudy(unique("JAA"), "東京施設"), admin);
    Study siteB = studies.createSite(study.getId(), aStudy(unique("JAB"), "大阪施設"), admin);
    // the bundle really is Japanese, so the comparisons below are in Japanese
    assertEquals("CRC（臨床研究コーディネーター）", ja(Role.CLINICAL_RESEARCH_COORDINATOR.messageKey()));
    String pending = ja("study.status.pending");
    assertEquals("準備中", pending);

    for (Role role : Role.values()) {
      TestAccount a = fixtures.user();
      accountService.changePreferredLocale(a.userName(), Locale.JAPANESE);
      Study first;
      Study second;
      Role secondRole = role;
      if (role.level() == RoleLevel.STUDY) {
        roles.assign(admin, a.id(), study.getId(), role);
        first = study;
        second = siteB; // a study-level role applies at the study's sites
      } else {
        roles.assign(admin, a.id(), siteA.getId(), role);
        secondRole = role == Role.INVESTIGATOR ? Role.CLINICAL_RESEARCH_COORDINATOR : Role.INVESTIGATOR;
        roles.assign(admin, a.id(), siteB.getId(), secondRole);
        first = siteA;
        second = siteB;
      }
      mvc.perform(japanese(get("/account/study"), a))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("試験・施設の切り替え")))
          .andExpect(content().string(containsString(first.getName())))
          .andExpect(content().string(containsString(ja(role.messageKey()))));

      switchTo(a, first, role, pending);
      switchTo(a, second, secondRole, pending);
    }
  }

  private void switchTo(TestAccount a, Study place, Role expected, String status) throws Exception {
    mvc.perform(japanese(post("/account/study"), a).with(csrf()).param("studyId", place.getId().toString()))
        .andExpect(redirectedUrl("/"));
    assertEquals(place.getId(), accounts.findById(a.id()).orElseThrow().getActiveStudyId());
    mvc.perform(japanese(get("/"), a))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("lang=\"ja\"")))
        .andExpect(content().string(containsString(place.getName())))
        .andExpect(content().string(containsString("(" + ja(expected.messageKey()) + ")")))
        .andExpect(content().string(containsString("<td>" + ja(expected.messageKey()) + "</td>")))
        .andExpect(content().string(containsString("<td>" + status + "</td>")));
  }
}
