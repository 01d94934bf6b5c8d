package jp.ac.umin.libreclinica.ws.api.signature;

import static jp.ac.umin.libreclinica.core.account.AccountFixtures.PASSWORD;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.ws.api.ApiSecurityConfiguration;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Signatures and locks over the API follow the same rules as the pages. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = RealAccountsWsTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
@Import(DataCaptureFixture.class)
public class SignatureApiTest {

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private DataCaptureFixture fixture;

  private Captured c;
  private String oid;

  @Before
  public void aCompletedCasebook() {
    c = fixture.completed(false);
    oid = c.subject().getOid();
  }

  private MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.create(user, unique("t"), null).secret());
  }

  private static String body(String hash, String password) {
    return "{\"sha256\":\"" + hash + "\",\"password\":\"" + password + "\"}";
  }

  @Test
  public void theInvestigatorSignsWithThePreviewsHashAndPasswordAndAWrongOneIsRefused() throws Exception {
    String preview = mvc.perform(as(c.investigator(), get("/api/v1/subjects/" + oid + "/signing")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.meaningKey").value("signature.meaning.casebook"))
        .andReturn().getResponse().getContentAsString();
    String hash = JsonPath.read(preview, "$.sha256");
    mvc.perform(as(c.investigator(), post("/api/v1/subjects/" + oid + "/signatures"))
            .contentType(MediaType.APPLICATION_JSON).content(body(hash, "wrong")))
        // a refusal that names the field at fault is bad input: 400 with the field in "errors"
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("password"));
    mvc.perform(as(c.investigator(), post("/api/v1/subjects/" + oid + "/signatures"))
            .contentType(MediaType.APPLICATION_JSON).content(body(hash, PASSWORD)))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.valid").value(true))
        .andExpect(jsonPath("$.sha256").value(hash));
    mvc.perform(as(c.dataManager(), get("/api/v1/subjects/" + oid + "/signatures")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].scope").value("casebook"));
    mvc.perform(as(c.dataManager(), post("/api/v1/subjects/" + oid + "/signatures"))
            .contentType(MediaType.APPLICATION_JSON).content(body(hash, PASSWORD)))
        .andExpect(status().isForbidden());
  }

  @Test
  public void onlyADataManagerLocksAndALockedCasebookRefusesSigningAndCrfLocks() throws Exception {
    mvc.perform(as(c.investigator(), put("/api/v1/subjects/" + oid + "/casebook-lock")))
        .andExpect(status().isForbidden());
    mvc.perform(as(c.dataManager(), put("/api/v1/subjects/" + oid + "/casebook-lock").param("reason", "DB lock")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.locked").value(true));
    mvc.perform(as(c.investigator(), get("/api/v1/subjects/" + oid + "/signing")))
        .andExpect(status().isConflict());
    mvc.perform(as(c.dataManager(), put("/api/v1/event-crfs/" + c.eventCrf().getId() + "/lock")))
        .andExpect(status().isConflict());
    mvc.perform(as(c.dataManager(), delete("/api/v1/subjects/" + oid + "/casebook-lock")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.locked").value(false));
    mvc.perform(as(c.dataManager(), put("/api/v1/event-crfs/" + c.eventCrf().getId() + "/lock")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("locked"));
    mvc.perform(as(c.dataManager(), delete("/api/v1/event-crfs/" + c.eventCrf().getId() + "/lock")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("data entry complete"));
  }

  @Test
  public void theOpenApiDocumentDescribesSignaturesAndLocks() throws Exception {
    mvc.perform(get(ApiSecurityConfiguration.OPENAPI_PATH))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/subjects/{oid}/signatures'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/subjects/{oid}/signing'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/subjects/{oid}/casebook-lock'].put").exists())
        .andExpect(jsonPath("$.paths['/api/v1/event-crfs/{id}/lock'].delete").exists());
  }
}
