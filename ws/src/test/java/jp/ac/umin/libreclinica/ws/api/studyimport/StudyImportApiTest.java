package jp.ac.umin.libreclinica.ws.api.studyimport;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.crf.template.SharedReference;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Assert;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** /api/v1/study-imports: check, start, follow; refusals as problem details. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = RealAccountsWsTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class StudyImportApiTest {

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private MockHttpServletRequestBuilder as(TestAccount a, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, "Bearer "
        + tokens.create(a.userName(), AccountFixtures.uniqueName("t"), null).secret());
  }

  private MockMultipartFile extract(String protocol, String oid) throws Exception {
    String text = Files.readString(SharedReference.dir().resolve("reference/odm/example-R01-full-extract-odm13-oc.xml"),
        StandardCharsets.US_ASCII).replace("R01-12345", protocol).replace("S_R0112345", oid);
    return new MockMultipartFile("file", "r01.xml", "application/xml", text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  public void anAdministratorChecksThenImportsAndFollowsTheImport() throws Exception {
    TestAccount admin = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin();
    String suffix = Long.toString(System.nanoTime() % 10000);
    int studies = jdbc.queryForObject("SELECT count(*) FROM study", Integer.class);
    mvc.perform(as(admin, multipart("/api/v1/study-imports").file(extract("A" + suffix, "S_A" + suffix)).param("check", "true")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CHECKED"))
        .andExpect(jsonPath("$.counts.subjects").value(13))
        .andExpect(jsonPath("$.counts.values").value(769))
        .andExpect(jsonPath("$.notCarried[0].reason").exists());
    Assert.assertEquals(studies, jdbc.queryForObject("SELECT count(*) FROM study", Integer.class).intValue());
    String body = mvc.perform(as(admin, multipart("/api/v1/study-imports").file(extract("A" + suffix, "S_A" + suffix))))
        .andExpect(status().isAccepted())
        .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/v1/study-imports/")))
        .andReturn().getResponse().getContentAsString();
    int id = JsonPath.read(body, "$.id");
    String status = "";
    for (int i = 0; i < 1200 && !status.equals("DONE") && !status.equals("FAILED"); i++) {
      Thread.sleep(100);
      status = JsonPath.read(mvc.perform(as(admin, get("/api/v1/study-imports/" + id)))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.status");
    }
    mvc.perform(as(admin, get("/api/v1/study-imports/" + id)))
        .andExpect(jsonPath("$.status").value("DONE"))
        .andExpect(jsonPath("$.studyOid").value("S_A" + suffix))
        .andExpect(jsonPath("$.counts.values").value(769))
        .andExpect(jsonPath("$.jobStatus").value("DONE"));
  }

  @Test
  public void malformedXmlIsABadRequestNamingTheLine() throws Exception {
    TestAccount admin = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin();
    MockMultipartFile broken = new MockMultipartFile("file", "b.xml", "application/xml",
        "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n<Study>\n</ODM>".getBytes(StandardCharsets.UTF_8));
    mvc.perform(as(admin, multipart("/api/v1/study-imports").file(broken)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("Line 3")));
  }

  @Test
  public void aUserWhoMayNotCreateStudiesIsForbidden() throws Exception {
    TestAccount plain = new AccountFixtures(accounts, history, encoder, jdbc).user();
    mvc.perform(as(plain, multipart("/api/v1/study-imports").file(extract("B1", "S_B1")).param("check", "true")))
        .andExpect(status().isForbidden());
  }
}
