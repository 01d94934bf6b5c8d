package jp.ac.umin.libreclinica.web.mail;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
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
public class EventMailsPageTest {

  @Autowired private MockMvc mvc;
  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;

  private RunningStudy r;

  @Before
  public void aRunningStudy() {
    r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
  }

  @Test
  public void aUserSubscribesThemselvesAndTheDataManagerSeesIt() throws Exception {
    String page = "/studies/" + r.siteA().getId() + "/event-mails";
    mvc.perform(get(page).with(user(r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Screening")))
        .andExpect(content().string(not(containsString("Everyone&#39;s subscriptions"))));
    mvc.perform(post(page).with(user(r.crcA())).with(csrf())
            .param("definition", String.valueOf(r.screening().getId())).param("when", "COMPLETED"))
        .andExpect(status().is3xxRedirection())
        .andExpect(flash().attributeExists("flash"));
    mvc.perform(post(page).with(user(r.crcA())).with(csrf())
            .param("definition", String.valueOf(r.screening().getId())).param("when", "COMPLETED"))
        .andExpect(flash().attribute("error", containsString("already subscribed")));
    mvc.perform(get(page).with(user(r.crcA())))
        .andExpect(content().string(containsString("Unsubscribe")));
    mvc.perform(get("/studies/" + r.study().getId() + "/event-mails").with(user(r.dataManager())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("(" + r.crcA() + ")")));
    mvc.perform(get("/studies/" + r.siteB().getId() + "/event-mails").with(user(r.crcA())))
        .andExpect(status().isForbidden());
  }
}
