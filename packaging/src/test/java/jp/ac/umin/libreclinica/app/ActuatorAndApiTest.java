package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.junit4.SpringRunner;

/** The whole application on a real port: actuator, and the API's public surface. */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = LibreClinicaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class ActuatorAndApiTest {

  @Autowired TestRestTemplate http;
  @Autowired BuildProperties build;
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode getJson(String path, HttpStatus expected) throws Exception {
    ResponseEntity<String> r = http.getForEntity(path, String.class);
    assertEquals(r.getBody(), expected, r.getStatusCode());
    return json.readTree(r.getBody());
  }

  @Test
  public void healthIsUpAndIncludesTheDatabase() throws Exception {
    JsonNode health = getJson("/actuator/health", HttpStatus.OK);
    assertEquals("UP", health.path("status").asText());
    assertEquals("UP", health.path("components").path("db").path("status").asText());
    // details (database product, disk paths) are for signed-in administrators only
    assertTrue(health.path("components").path("db").path("details").isMissingNode());
  }

  @Test
  public void infoNamesTheVersionAndTheGitCommit() throws Exception {
    JsonNode info = getJson("/actuator/info", HttpStatus.OK);
    assertEquals(build.getVersion(), info.path("build").path("version").asText());
    assertFalse(info.path("build").path("version").asText().isEmpty());
    String commit = info.path("git").path("commit").path("id").asText();
    assertTrue("git commit in " + info, commit.matches("[0-9a-f]{7,40}"));
  }

  @Test
  public void apiErrorsFollowAcceptLanguage() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "ja-JP,ja;q=0.9,en;q=0.5");
    ResponseEntity<String> ja =
        http.exchange("/api/v1/me", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertEquals(HttpStatus.UNAUTHORIZED, ja.getStatusCode());
    assertTrue(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(ja.getHeaders().getContentType()));
    assertEquals("認証が必要です", json.readTree(ja.getBody()).path("title").asText());

    JsonNode en = getJson("/api/v1/me", HttpStatus.UNAUTHORIZED);
    assertEquals("Authentication required", en.path("title").asText());
  }

  @Test
  public void theOpenApiDocumentIsServed() throws Exception {
    JsonNode doc = getJson("/api/v1/openapi.json", HttpStatus.OK);
    assertTrue(doc.path("openapi").asText().startsWith("3."));
    assertNotNull(doc.path("paths").get("/api/v1/me"));
    assertEquals(build.getVersion(), doc.path("info").path("version").asText());
  }
}
