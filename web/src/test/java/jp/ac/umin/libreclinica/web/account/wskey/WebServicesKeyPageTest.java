package jp.ac.umin.libreclinica.web.account.wskey;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.account.WebServicesDigest;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService;
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

/** The web-services key page: issue (shown once), use, replace and revoke with confirmation. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class WebServicesKeyPageTest {

  private static final Pattern KEY = Pattern.compile("lcws_[A-Za-z0-9_-]{32}");

  @Autowired private MockMvc mvc;
  @Autowired private WebServicesCredentialService keys;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  @Test
  public void aKeyIsShownOnceWorksAsTheSoapPasswordAndIsRevokedOnlyWhenConfirmed() throws Exception {
    String me = new AccountFixtures(accounts, history, encoder, jdbc).user().userName();
    mvc.perform(get("/account/ws-key").with(user(me)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("You have no web-services key.")));
    String secret = (String) mvc.perform(post("/account/ws-key").with(csrf()).with(user(me)))
        .andExpect(status().is3xxRedirection())
        .andReturn().getFlashMap().get("secret");
    Matcher m = KEY.matcher(secret);
    assertTrue(secret, m.matches());
    assertTrue(keys.authenticate(me, WebServicesDigest.of(secret)).succeeded());
    // the page afterwards shows only the last characters
    String page = mvc.perform(get("/account/ws-key").with(user(me)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertFalse(page.contains(secret));
    assertTrue(page.contains(secret.substring(secret.length() - 4)));

    mvc.perform(post("/account/ws-key/revoke").with(csrf()).with(user(me)))
        .andExpect(flash().attribute("message", "wskey.revoke.confirmNeeded"));
    assertTrue(keys.activeKey(me).isPresent());
    mvc.perform(post("/account/ws-key/revoke").param("confirmed", "true").with(csrf()).with(user(me)))
        .andExpect(flash().attribute("message", "wskey.revoked"));
    assertFalse(keys.activeKey(me).isPresent());
    assertFalse(keys.authenticate(me, WebServicesDigest.of(secret)).succeeded());
  }

  @Test
  public void issuingNeedsTheCsrfToken() throws Exception {
    String me = new AccountFixtures(accounts, history, encoder, jdbc).user().userName();
    mvc.perform(post("/account/ws-key").with(user(me))).andExpect(status().isForbidden());
    assertFalse(keys.activeKey(me).isPresent());
  }
}
