package jp.ac.umin.libreclinica.ws.api.dataset;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.extract.DatasetExtractor;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Datasets and extracts over the API follow the same rules as the pages. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = RealAccountsWsTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
@Import({DataCaptureFixture.class, DatasetApiTest.FakeExtractor.class})
public class DatasetApiTest {

  /** Stands in for the extract writer. */
  @TestConfiguration
  static class FakeExtractor {
    @Bean
    @Primary
    DatasetExtractor fakeDatasetExtractor() {
      return (actor, baseName, spec, format, out, progress) -> {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(baseName + ".txt"));
        zip.write(spec.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
      };
    }
  }

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private DataCaptureFixture fixture;

  private Captured c;
  private String studyOid;

  @Before
  public void aStudyWithData() {
    c = fixture.completed(false);
    studyOid = c.study().study().getOid();
  }

  private MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.create(user, unique("t"), null).secret());
  }

  private String json(MockHttpServletRequestBuilder r, int status, String body) throws Exception {
    return mvc.perform(r.contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().is(status))
        .andReturn().getResponse().getContentAsString();
  }

  @Test
  public void aDataManagerDefinesUpdatesCopiesRemovesAndRestoresADataset() throws Exception {
    String dm = c.dataManager();
    String base = "/api/v1/studies/" + studyOid + "/datasets";
    String name = unique("DS");
    String created = mvc.perform(as(dm, post(base)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"" + name + "\",\"eventOids\":[\"" + c.study().screening().getOid() + "\"],"
                + "\"subjectAttributes\":[\"SEX\"],\"dateFrom\":\"2026-01-01\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", containsString(base + "/")))
        .andExpect(jsonPath("$.name").value(name))
        .andExpect(jsonPath("$.dateTo").doesNotExist())
        .andExpect(jsonPath("$.status").value("AVAILABLE"))
        .andReturn().getResponse().getContentAsString();
    int id = JsonPath.read(created, "$.id");
    int version = JsonPath.read(created, "$.version");
    mvc.perform(as(dm, get(base))).andExpect(status().isOk())
        .andExpect(jsonPath("$.datasets[?(@.id == " + id + ")].name").value(name));
    json(as(dm, put(base + "/" + id)), 200,
        "{\"name\":\"" + name + "\",\"description\":\"changed\",\"version\":" + version + "}");
    mvc.perform(as(dm, get(base + "/" + id))).andExpect(status().isOk())
        .andExpect(jsonPath("$.description").value("changed"))
        .andExpect(jsonPath("$.eventOids.length()").value(0));
    // a stale version is refused
    mvc.perform(as(dm, put(base + "/" + id)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"" + name + "\",\"version\":" + version + "}"))
        .andExpect(status().isConflict());
    String copyName = unique("COPY");
    mvc.perform(as(dm, post(base + "/" + id + "/copy")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"" + copyName + "\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.name").value(copyName));
    mvc.perform(as(dm, post(base + "/" + id + "/remove")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
    mvc.perform(as(dm, post(base + "/" + id + "/remove")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"obsolete\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("REMOVED"))
        .andExpect(jsonPath("$.statusReason").value("obsolete"));
    mvc.perform(as(dm, post(base + "/" + id + "/restore")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"needed\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("AVAILABLE"));
  }

  @Test
  public void badDefinitionsAreProblemDetailsNamingTheFieldAndTheUnknownOids() throws Exception {
    String dm = c.dataManager();
    String base = "/api/v1/studies/" + studyOid + "/datasets";
    mvc.perform(as(dm, post(base)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"" + unique("DS") + "\",\"itemOids\":[\"I_NOPE\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("itemOids"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("I_NOPE")));
    mvc.perform(as(dm, post(base)).contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "en")
            .content("{\"name\":\"" + unique("DS") + "\",\"dateFrom\":\"2026-02-01\",\"dateTo\":\"2026-01-01\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("dateFrom"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("after the end date")));
    mvc.perform(as(dm, post(base)).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("name"));
    // a CRC may not extract
    mvc.perform(as(c.study().crcA(), get("/api/v1/studies/" + c.study().siteA().getOid() + "/datasets")))
        .andExpect(status().isForbidden());
  }

  @Test
  public void anExtractIsStartedFollowedAndDownloadedAndASiteUserGetsTheirSite() throws Exception {
    String dm = c.dataManager();
    String created = json(as(dm, post("/api/v1/studies/" + studyOid + "/datasets")), 201,
        "{\"name\":\"" + unique("DS") + "\"}");
    int id = JsonPath.read(created, "$.id");
    mvc.perform(as(dm, post("/api/v1/datasets/" + id + "/extracts")).contentType(MediaType.APPLICATION_JSON)
            .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("format"));
    String started = mvc.perform(as(dm, post("/api/v1/datasets/" + id + "/extracts"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"format\":\"XLSX\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.format").value("XLSX"))
        .andReturn().getResponse().getContentAsString();
    int job = JsonPath.read(started, "$.id");
    String status = "QUEUED";
    for (int i = 0; i < 600 && (status.equals("QUEUED") || status.equals("RUNNING")); i++) {
      Thread.sleep(100);
      status = JsonPath.read(mvc.perform(as(dm, get("/api/v1/extracts/" + job))).andExpect(status().isOk())
          .andReturn().getResponse().getContentAsString(), "$.status");
    }
    assertEquals("DONE", status);
    mvc.perform(as(dm, get("/api/v1/datasets/" + id + "/extracts"))).andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(job))
        .andExpect(jsonPath("$[0].sha256").isString())
        .andExpect(jsonPath("$[0].file").value("/api/v1/extracts/" + job + "/file"));
    byte[] zip = mvc.perform(as(dm, get("/api/v1/extracts/" + job + "/file")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", containsString("application/zip")))
        .andReturn().getResponse().getContentAsByteArray();
    assertEquals('P', zip[0]);

    // site B's investigator: the extract is of site B; the study-wide one is not theirs
    String inv = c.investigator();
    mvc.perform(as(inv, get("/api/v1/extracts/" + job + "/file"))).andExpect(status().isForbidden());
    String atSite = mvc.perform(as(inv, post("/api/v1/datasets/" + id + "/extracts"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"format\":\"TAB\"}"))
        .andExpect(status().isAccepted())
        .andReturn().getResponse().getContentAsString();
    assertEquals(c.study().siteB().getId().intValue(), (int) JsonPath.read(atSite, "$.studyId"));
    mvc.perform(as(dm, get("/api/v1/extracts/999999999"))).andExpect(status().isNotFound());
  }
}
