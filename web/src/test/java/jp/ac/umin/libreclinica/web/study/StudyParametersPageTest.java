package jp.ac.umin.libreclinica.web.study;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
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
public class StudyParametersPageTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyService studies;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  @Test
  public void theStudySetsEveryParameterAndASiteOnlyWhatItMayOverride() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    String dm = fixtures.businessAdmin().userName();
    Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("PAR"), "parameters"), dm);
    Study site = studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("PARS"), "site"), dm);
    mvc.perform(get("/studies/" + study.getId() + "/parameters").with(user(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Subject ID generation")));
    mvc.perform(post("/studies/" + study.getId() + "/parameters").with(user(dm)).with(csrf())
            .param("version", String.valueOf(studies.get(study.getId()).getVersion()))
            .param("subjectIdGeneration", "AUTO_NON_EDITABLE").param("subjectIdPrefix", "TKY")
            .param("dateOfBirth", "YEAR_ONLY").param("personId", "NOT_USED")
            .param("eventLocation", "REQUIRED").param("interviewerName", "REQUIRED")
            .param("interviewerNameDefault", "PREFILLED").param("interviewDate", "OPTIONAL")
            .param("interviewDateDefault", "BLANK"))
        .andExpect(status().is3xxRedirection());
    StudyParameters p = studies.get(study.getId()).getParameters();
    assertEquals(StudyParameters.SubjectIdGeneration.AUTO_NON_EDITABLE, p.getSubjectIdGeneration());
    assertEquals(StudyParameters.DateOfBirth.YEAR_ONLY, p.getDateOfBirth());
    assertEquals(StudyParameters.Usage.REQUIRED, p.getEventLocation());
    // a forged post for the site cannot change what only the study sets
    mvc.perform(post("/studies/" + site.getId() + "/parameters").with(user(dm)).with(csrf())
            .param("version", String.valueOf(studies.get(site.getId()).getVersion()))
            .param("subjectIdGeneration", "MANUAL").param("dateOfBirth", "FULL")
            .param("personId", "REQUIRED").param("eventLocation", "NOT_USED")
            .param("interviewerName", "OPTIONAL").param("interviewerNameDefault", "BLANK")
            .param("interviewDate", "OPTIONAL").param("interviewDateDefault", "BLANK"))
        .andExpect(status().is3xxRedirection());
    StudyParameters s = studies.get(site.getId()).getParameters();
    assertEquals(StudyParameters.SubjectIdGeneration.AUTO_NON_EDITABLE, s.getSubjectIdGeneration());
    assertEquals(StudyParameters.DateOfBirth.YEAR_ONLY, s.getDateOfBirth());
    assertEquals(StudyParameters.Usage.NOT_USED, s.getEventLocation());
  }

  @Test
  public void aUserWhoCannotBuildGetsNoParametersPage() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    String dm = fixtures.businessAdmin().userName();
    Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("PAR"), "parameters"), dm);
    String other = fixtures.user().userName();
    mvc.perform(get("/studies/" + study.getId() + "/parameters").with(user(other)))
        .andExpect(status().isForbidden());
  }
}
