package jp.ac.umin.libreclinica.web.account.tokens;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.apitoken.ApiToken;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenStatus;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class ApiTokensPageTest {

  private static final Pattern SECRET = Pattern.compile("lct_[A-Za-z0-9_-]{43}");

  @Autowired MockMvc mvc;
  @Autowired ApiTokenService tokens;
  @Autowired AuditService audit;

  private String name;

  @Before
  public void newUser() {
    name = "tok-" + UUID.randomUUID();
  }

  private RequestPostProcessor me() {
    return user(name).roles("USER");
  }

  @Test
  public void aNewTokenIsShownOnceAndAfterwardsOnlyItsBeginning() throws Exception {
    String html =
        mvc.perform(post("/account/tokens").param("name", "CI").with(csrf()).with(me()))
            .andExpect(status().isOk())
            .andExpect(header().string("Cache-Control", containsString("no-store")))
            .andExpect(content().string(containsString("It is shown only this once")))
            .andReturn().getResponse().getContentAsString();
    Matcher m = SECRET.matcher(html);
    assertTrue("the page shows the token", m.find());
    String secret = m.group();
    ApiToken stored = tokens.tokensOf(name).get(0);
    assertTrue(secret.startsWith(stored.getTokenHint()));
    assertEquals(name, tokens.check(secret).userName());
    mvc.perform(get("/account/tokens").with(me()))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(secret))))
        .andExpect(content().string(containsString(stored.getTokenHint())))
        .andExpect(content().string(containsString("CI")));
  }

  @Test
  public void aTokenWithAnExpiryDateWorksUntilThatDayEnds() throws Exception {
    mvc.perform(post("/account/tokens").param("name", "dated")
            .param("expiresOn", LocalDate.now().plusDays(3).toString()).with(csrf()).with(me()))
        .andExpect(status().isOk());
    ApiToken stored = tokens.tokensOf(name).get(0);
    assertTrue(stored.getExpiresAt() != null && stored.isUsableAt(java.time.Instant.now()));
  }

  @Test
  public void badInputGetsFieldMessagesAndCreatesNothing() throws Exception {
    mvc.perform(post("/account/tokens").param("name", "   ").with(csrf()).with(me()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Enter a name for the token.")));
    mvc.perform(post("/account/tokens").param("name", "x".repeat(101)).with(csrf()).with(me()))
        .andExpect(content().string(containsString("Enter a name of at most 100 characters.")));
    mvc.perform(post("/account/tokens").param("name", "old").param("expiresOn", "2001-01-01")
            .with(csrf()).with(me()))
        .andExpect(content().string(containsString("Choose today or a later date.")));
    mvc.perform(post("/account/tokens").param("name", "a\u0007b").with(csrf()).with(me()))
        .andExpect(content().string(containsString("must not contain line breaks")));
    assertTrue(tokens.tokensOf(name).isEmpty());
  }

  @Test
  public void aDuplicateNameIsRefused() throws Exception {
    mvc.perform(post("/account/tokens").param("name", "laptop").with(csrf()).with(me()));
    mvc.perform(post("/account/tokens").param("name", "Laptop").with(csrf()).with(me()))
        .andExpect(content().string(containsString("You already have an active token named")));
    assertEquals(1, tokens.tokensOf(name).size());
  }

  @Test
  public void hostileNamesAreShownEscaped() throws Exception {
    mvc.perform(post("/account/tokens").param("name", "<script>alert(1)</script>𠮷")
            .with(csrf()).with(me()))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;𠮷")))
        .andExpect(content().string(not(containsString("<script>alert"))));
  }

  @Test
  public void revokingATokenEndsItAndIsAudited() throws Exception {
    long id = tokens.create(name, "to-revoke", null).token().getId();
    mvc.perform(post("/account/tokens/" + id + "/revoke").with(csrf()).with(me()))
        .andExpect(redirectedUrl("/account/tokens"))
        .andExpect(flash().attribute("flash", "The token has been revoked."));
    assertEquals(ApiTokenStatus.REVOKED, tokens.tokensOf(name).get(0).getStatus());
    assertEquals(1, audit.search(new AuditQuery(name, "api.token.revoke", "api_token",
        String.valueOf(id)), PageRequest.of(0, 1)).getTotalElements());
    mvc.perform(get("/account/tokens").with(me()))
        .andExpect(content().string(containsString("Revoked")));
  }

  @Test
  public void nobodyRevokesSomeoneElsesToken() throws Exception {
    long id = tokens.create(name, "mine", null).token().getId();
    mvc.perform(post("/account/tokens/" + id + "/revoke").with(csrf())
            .with(user("intruder-" + UUID.randomUUID()).roles("USER")))
        .andExpect(flash().attribute("flash", "You have no such token."));
    assertEquals(ApiTokenStatus.ACTIVE, tokens.tokensOf(name).get(0).getStatus());
  }

  @Test
  public void thePageNeedsASignedInUserAndFormsNeedTheCsrfToken() throws Exception {
    mvc.perform(get("/account/tokens")).andExpect(redirectedUrlPattern("**/login"));
    mvc.perform(post("/account/tokens").param("name", "x").with(me()))
        .andExpect(status().isForbidden());
  }
}
