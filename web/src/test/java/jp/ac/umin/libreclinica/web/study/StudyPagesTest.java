package jp.ac.umin.libreclinica.web.study;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyRepository;
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
public class StudyPagesTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyRepository studies;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  private AccountFixtures fixtures;
  private String admin;

  @Before
  public void anAdministrator() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin().userName();
  }

  private MockHttpServletRequestBuilder createStudy(String protocolId, String startDate, String language) {
    return createStudy(protocolId, startDate, language, "Study " + protocolId);
  }

  private MockHttpServletRequestBuilder createStudy(
      String protocolId, String startDate, String language, String name) {
    return post("/studies")
        .with(user(admin).roles("BUSINESS_ADMIN"))
        .with(csrf())
        .header("Accept-Language", language)
        .param("name", name)
        .param("protocolId", protocolId)
        .param("principalInvestigator", "PI")
        .param("phase", "PHASE_II")
        .param("protocolType", "INTERVENTIONAL")
        .param("startDate", startDate)
        .param("expectedEnrollment", "10")
        .param("version", "0");
  }

  private Study byProtocolId(String protocolId) {
    return studies.findAll().stream()
        .filter(s -> s.getProtocolId().equals(protocolId))
        .findFirst()
        .orElseThrow();
  }

  /** Upstream OC-6733: dates were read with the browser's locale, not the application's. */
  @Test
  public void oc326_aDateIsReadTheSameWhateverTheBrowserLanguage() throws Exception {
    for (String language : new String[] {"ja-JP", "de-DE", "en-US"}) {
      String protocolId = "DT-" + language + "-" + UUID.randomUUID().toString().substring(0, 6);
      mvc.perform(createStudy(protocolId, "2026-04-07", language)).andExpect(status().is3xxRedirection());
      assertEquals(language, LocalDate.of(2026, 4, 7), byProtocolId(protocolId).getStartDate());
      protocolId = "DS-" + language + "-" + UUID.randomUUID().toString().substring(0, 6);
      mvc.perform(createStudy(protocolId, "2026/4/7", language)).andExpect(status().is3xxRedirection());
      assertEquals(language, LocalDate.of(2026, 4, 7), byProtocolId(protocolId).getStartDate());
    }
  }

  @Test
  public void anImpossibleDateIsNamedAndNothingIsStored() throws Exception {
    String protocolId = "BAD-" + UUID.randomUUID().toString().substring(0, 6);
    mvc.perform(createStudy(protocolId, "2026/2/30", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The date 2026-2-30 does not exist.")));
    assertFalse(studies.findAll().stream().anyMatch(s -> s.getProtocolId().equals(protocolId)));
  }

  @Test
  public void hostileTextIsStoredAsTypedAndShownEscaped() throws Exception {
    String protocolId = "XSS-" + UUID.randomUUID().toString().substring(0, 6);
    mvc.perform(
            createStudy(protocolId, "", "en", "<script>alert(1)</script> 𠮷"))
        .andExpect(status().is3xxRedirection());
    Study s = byProtocolId(protocolId);
    assertEquals("<script>alert(1)</script> 𠮷", s.getName());
    mvc.perform(get("/studies/" + s.getId()).with(user(admin).roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt; 𠮷")))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<script>alert(1)"))));
  }

  @Test
  public void aDuplicateProtocolIdIsNamedOnTheField() throws Exception {
    String protocolId = "DUP-" + UUID.randomUUID().toString().substring(0, 6);
    mvc.perform(createStudy(protocolId, "", "en")).andExpect(status().is3xxRedirection());
    mvc.perform(createStudy(protocolId.toLowerCase(), "", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is already used by another study or site")));
  }

  @Test
  public void aUserWithoutRightsCannotCreateOrSeeAStudy() throws Exception {
    String plain = fixtures.user().userName();
    String protocolId = "NO-" + UUID.randomUUID().toString().substring(0, 6);
    mvc.perform(createStudy(protocolId, "", "en").with(user(plain).roles("USER")))
        .andExpect(status().isForbidden());
    mvc.perform(createStudy(protocolId, "", "en")).andExpect(status().is3xxRedirection());
    mvc.perform(get("/studies/" + byProtocolId(protocolId).getId()).with(user(plain).roles("USER")))
        .andExpect(status().isForbidden());
  }
}
