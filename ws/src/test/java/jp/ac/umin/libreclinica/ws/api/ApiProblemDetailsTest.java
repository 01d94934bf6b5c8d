package jp.ac.umin.libreclinica.ws.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.wstest.WsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WsTestApplication.class)
@AutoConfigureMockMvc
public class ApiProblemDetailsTest {

  @Autowired MockMvc mvc;
  @Autowired ApiTokenService tokens;
  @Autowired MessageSource messages;

  private String auth;

  @Before
  public void token() {
    auth = "Bearer " + tokens.create("api-alice", "p-" + UUID.randomUUID(), null).secret();
  }

  private String en(String key, Object... args) {
    return messages.getMessage(key, args, Locale.ENGLISH);
  }

  @Test
  public void anUnknownPathIs404() throws Exception {
    mvc.perform(get("/api/v1/no-such-thing").header(HttpHeaders.AUTHORIZATION, auth))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value(en("api.error.notFound.title")))
        .andExpect(jsonPath("$.detail").value(en("api.error.notFound.detail",
            "/api/v1/no-such-thing")))
        .andExpect(jsonPath("$.detail").value("Nothing was found at /api/v1/no-such-thing."));
  }

  @Test
  public void invalidFieldsAre400WithOneEntryPerField() throws Exception {
    mvc.perform(post("/api/v1/test/echo").header(HttpHeaders.AUTHORIZATION, auth)
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("api.error.validation"))
        .andExpect(jsonPath("$.title").value(en("api.error.validation.title")))
        .andExpect(jsonPath("$.errors", hasSize(1)))
        .andExpect(jsonPath("$.errors[0].field").value("name"))
        .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
  }

  @Test
  public void hostileInputIsEchoedOnlyAsJsonData() throws Exception {
    mvc.perform(post("/api/v1/test/echo").header(HttpHeaders.AUTHORIZATION, auth)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"<script>alert(1)</script>𠮷\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("name"));
    mvc.perform(post("/api/v1/test/echo").header(HttpHeaders.AUTHORIZATION, auth)
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"𠮷'--\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("𠮷'--"));
  }

  @Test
  public void unreadableJsonIs400() throws Exception {
    mvc.perform(post("/api/v1/test/echo").header(HttpHeaders.AUTHORIZATION, auth)
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value(en("api.error.badRequest.title")));
  }

  @Test
  public void aWrongMethodIs405() throws Exception {
    mvc.perform(delete("/api/v1/me").header(HttpHeaders.AUTHORIZATION, auth))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().string("Allow", containsString("GET")))
        .andExpect(jsonPath("$.detail").value(en("api.error.methodNotAllowed.detail", "DELETE")));
  }

  @Test
  public void aFailureIs500WithAReferenceAndWithoutInternals() throws Exception {
    mvc.perform(get("/api/v1/test/boom").header(HttpHeaders.AUTHORIZATION, auth))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value(en("api.error.internal.title")))
        .andExpect(jsonPath("$.incident", matchesPattern("[0-9a-f-]{36}")))
        .andExpect(jsonPath("$.detail", containsString("Quote the reference")))
        .andExpect(content().string(not(containsString("secret internal detail"))))
        .andExpect(content().string(not(containsString("IllegalStateException"))))
        .andExpect(content().string(not(containsString("at jp.ac"))));
  }
}
