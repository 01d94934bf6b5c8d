package jp.ac.umin.libreclinica.web.dataentry;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
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
public class DataEntryPageTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyService studies;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private String dm;
  private EventCrf eventCrf;

  @Before
  public void aStartedVitalSignsCrf() {
    dm = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin().userName();
    Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("DEP"), "pages"), dm);
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    CrfUploadOutcome vs =
        crfs.commit(RealisticCrfs.vitalSigns("VS-" + UUID.randomUUID(), "v1").xlsx(), "vs.xlsx", dm);
    eventCrf =
        entry.start(dm, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), study.getId(), vs.crfVersionId());
  }

  @Test
  public void showsTheFormWithEveryResponseTypeOfTheCrf() throws Exception {
    mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"v.HEIGHT.1\"")))
        .andExpect(content().string(containsString("type=\"radio\" name=\"v.SEX.1\"")))
        .andExpect(content().string(containsString("<textarea id=\"v.COMMENT.1\"")))
        .andExpect(content().string(containsString("data-scd-control=\"SEX\"")));
  }

  @Test
  public void savesAndShowsTheStoredValues() throws Exception {
    mvc.perform(post("/event-crfs/" + eventCrf.getId()).with(user(dm)).with(csrf())
            .param("v.HEIGHT.1", "170.5").param("v.SEX.1", "2").param("v.VSDAT.1", "2026/4/7"))
        .andExpect(redirectedUrl("/event-crfs/" + eventCrf.getId()));
    assertEquals("2026-04-07", entry.values(dm, eventCrf.getId()).get(ItemKey.of("VSDAT")).getValue());
    mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)))
        .andExpect(content().string(containsString("value=\"2026-04-07\"")));
  }

  @Test
  public void aBadValueIsNamedAndWhatWasTypedStays() throws Exception {
    mvc.perform(post("/event-crfs/" + eventCrf.getId()).with(user(dm)).with(csrf())
            .param("v.HEIGHT.1", "abc").param("v.WEIGHT.1", "61.2"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a number")))
        .andExpect(content().string(containsString("value=\"61.2\"")));
    assertEquals(false, entry.values(dm, eventCrf.getId()).containsKey(ItemKey.of("WEIGHT")));
  }

  @Test
  public void aSecondUsersStaleSaveIsRefusedNamingTheItemAndKeepingTheirInput() throws Exception {
    // both opened the empty form; the first saves HEIGHT
    mvc.perform(post("/event-crfs/" + eventCrf.getId()).with(user(dm)).with(csrf()).param("v.HEIGHT.1", "170"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/event-crfs/" + eventCrf.getId()).with(user(dm)).with(csrf())
            .param("v.HEIGHT.1", "180").param("v.WEIGHT.1", "70"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Someone else saved this CRF")))
        .andExpect(content().string(containsString("HEIGHT")))
        .andExpect(content().string(containsString("value=\"180\"")))
        .andExpect(content().string(containsString("Saved meanwhile by another user: 170")));
    assertEquals("170", entry.values(dm, eventCrf.getId()).get(ItemKey.of("HEIGHT")).getValue());
  }

  @Test
  public void halfWidthKatakanaInFreeTextIsSavedAsTypedAndFlaggedWithoutBlocking() throws Exception {
    String typed = "ｶﾙﾃ参照 𠮷";
    mvc.perform(post("/event-crfs/" + eventCrf.getId()).with(user(dm)).with(csrf())
            .header("Accept-Language", "en")
            .param("v.COMMENT.1", typed).param("v.HEIGHT.1", "170"))
        .andExpect(redirectedUrl("/event-crfs/" + eventCrf.getId()));
    assertEquals(typed, entry.values(dm, eventCrf.getId()).get(ItemKey.of("COMMENT")).getValue());
    String page = mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page);
    assertEquals("1 item(s) hold half-width katakana. The values are saved as typed; check them.",
        doc.select("#half-width-kana-warning").text());
    assertEquals(1, doc.select(".half-width-kana").size());
    assertEquals(typed, doc.select("textarea#v\\.COMMENT\\.1").text());
    assertTrue(doc.select("input#v\\.HEIGHT\\.1").first().parent().select(".half-width-kana").isEmpty());
  }

  @Test
  public void noKatakanaFlagWithoutHalfWidthKatakana() throws Exception {
    mvc.perform(post("/event-crfs/" + eventCrf.getId()).with(user(dm)).with(csrf())
            .param("v.COMMENT.1", "カルテ参照"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("half-width-kana"))));
  }
}
