package jp.ac.umin.libreclinica.ws.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.apitoken.IssuedApiToken;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.wstest.WsTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WsTestApplication.class)
@AutoConfigureMockMvc
public class ApiSecurityTest {

  @Autowired MockMvc mvc;
  @Autowired ApiTokenService tokens;
  @Autowired AuditService audit;
  @Autowired MessageSource messages;

  private IssuedApiToken tokenOf(String user) {
    return tokens.create(user, "t-" + UUID.randomUUID(), null);
  }

  private static String bearer(IssuedApiToken token) {
    return "Bearer " + token.secret();
  }

  private String english(String key) {
    String text = messages.getMessage(key, null, Locale.ENGLISH);
    assertEquals(false, text.equals(key));
    return text;
  }

  private long rejections(Long tokenId) {
    return audit
        .search(new AuditQuery(null, "api.token.rejected", "api_token",
            tokenId == null ? null : tokenId.toString()), PageRequest.of(0, 1))
        .getTotalElements();
  }

  @Test
  public void meNamesTheTokensOwnerWithAuthoritiesAndLanguage() throws Exception {
    mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(tokenOf("api-alice"))))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.userName").value("api-alice"))
        .andExpect(jsonPath("$.locale").value("en"))
        .andExpect(jsonPath("$.authorities[0]").value("ROLE_USER"));
  }

  @Test
  public void theSchemeNameIsCaseInsensitiveAndNoSessionIsCreated() throws Exception {
    MvcResult result =
        mvc.perform(get("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "bearer " + tokenOf("api-alice").secret()))
            .andExpect(status().isOk())
            .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
            .andReturn();
    assertNull(result.getRequest().getSession(false));
  }

  @Test
  public void withoutATokenTheAnswerIs401ProblemDetailInEnglish() throws Exception {
    mvc.perform(get("/api/v1/me"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
        .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"))
        .andExpect(jsonPath("$.type").value("about:blank"))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.title").value(english("api.error.unauthorized.title")))
        .andExpect(jsonPath("$.title").value("Authentication required"))
        .andExpect(jsonPath("$.detail").value(english("api.error.unauthorized.detail")))
        .andExpect(jsonPath("$.instance").value("/api/v1/me"))
        .andExpect(jsonPath("$.code").value("api.error.unauthorized"));
  }

  @Test
  public void aLanguageWithoutBundleFallsBackToEnglish() throws Exception {
    mvc.perform(get("/api/v1/me").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").value("Authentication required"));
  }

  @Test
  public void anUnknownTokenIsRefusedAndAudited() throws Exception {
    long before = rejections(null);
    mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer lct_forged"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")))
        .andExpect(jsonPath("$.code").value("api.error.tokenRefused"))
        .andExpect(jsonPath("$.title").value(english("api.error.tokenRefused.title")));
    assertEquals(before + 1, rejections(null));
  }

  @Test
  public void aRevokedTokenIsRefusedAndAudited() throws Exception {
    IssuedApiToken token = tokenOf("api-alice");
    tokens.revoke("api-alice", token.token().getId());
    mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("api.error.tokenRefused"));
    assertEquals(1, rejections(token.token().getId()));
  }

  @Test
  public void aTokenOfALockedAccountIsRefusedAndAudited() throws Exception {
    IssuedApiToken token = tokenOf("api-locked");
    mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("api.error.tokenRefused"));
    assertEquals(1, rejections(token.token().getId()));
  }

  @Test
  public void aTokenWhoseOwnerIsNotAUserIsRefused() throws Exception {
    IssuedApiToken token = tokenOf("api-gone");
    mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
        .andExpect(status().isUnauthorized());
    assertEquals(1, rejections(token.token().getId()));
  }

  @Test
  public void anEmptyBearerTokenIsRefused() throws Exception {
    mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer   "))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  public void adminEndpointsAreForbiddenToUsersAndOpenToAdministrators() throws Exception {
    mvc.perform(get("/api/v1/admin/test/ping")
            .header(HttpHeaders.AUTHORIZATION, bearer(tokenOf("api-alice"))))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value(english("api.error.forbidden.title")))
        .andExpect(jsonPath("$.detail").value(english("api.error.forbidden.detail")));
    mvc.perform(get("/api/v1/admin/test/ping")
            .header(HttpHeaders.AUTHORIZATION, bearer(tokenOf("api-admin"))))
        .andExpect(status().isOk())
        .andExpect(content().string("pong"));
  }

  @Test
  public void sessionCookiesAreNotCredentialsOfTheApi() throws Exception {
    mvc.perform(get("/api/v1/me").header(HttpHeaders.COOKIE, "SESSION=abc; JSESSIONID=def"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  public void theMethodDoesNotLeakTheToken() throws Exception {
    IssuedApiToken token = tokenOf("api-alice");
    mvc.perform(delete("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().string(not(containsString(token.secret()))));
  }
}
