package jp.ac.umin.libreclinica.web.boundary;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.web.i18n.UiLanguage;
import jp.ac.umin.libreclinica.web.i18n.UiLanguages;
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

/**
 * DESIGN.md: dropping i18n-ja and umin-extensions out of the WAR leaves a working English,
 * local-login EDC. The web module's tests run without those jars, so this starts core and web
 * as they are, with the real audit trail and accounts, and signs in.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class WithoutOptionalModulesTest {

  @Autowired private MockMvc mvc;
  @Autowired private UiLanguages languages;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  @Test
  public void theOptionalModulesAreNotOnTheClasspath() {
    for (String name :
        new String[] {
          "jp.ac.umin.libreclinica.i18n.ja.JapaneseLanguageAutoConfiguration",
          "jp.ac.umin.libreclinica.i18n.ja.FullWidthFolding"
        }) {
      try {
        Class.forName(name);
        fail(name + " is on the classpath: this test would prove nothing");
      } catch (ClassNotFoundException expected) {
        // as it should be
      }
    }
    assertNull(getClass().getClassLoader().getResource("i18n/frame_ja.properties"));
  }

  @Test
  public void onlyEnglishIsOfferedAndAJapaneseBrowserGetsEnglish() throws Exception {
    assertEquals(1, languages.all().size());
    assertEquals(UiLanguage.ENGLISH, languages.all().get(0));
    mvc.perform(get("/login").header("Accept-Language", "ja-JP,ja;q=0.9"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("lang=\"en\"")))
        .andExpect(content().string(containsString("Sign in")))
        .andExpect(content().string(not(containsString("日本語"))));
  }

  @Test
  public void aLocalUserSignsInAndSeesTheEnglishFrame() throws Exception {
    AccountFixtures.TestAccount user =
        new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin();
    Cookie session =
        mvc.perform(formLogin().user(user.userName()).password(user.password()))
            .andExpect(redirectedUrl("/"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    mvc.perform(get("/").cookie(session).header("Accept-Language", "ja"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Sign out")))
        .andExpect(content().string(containsString(user.userName())));
  }
}
