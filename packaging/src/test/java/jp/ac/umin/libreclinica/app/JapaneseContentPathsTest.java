package jp.ac.umin.libreclinica.app;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.csv.CsvDecoding;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.csv.CsvWriter;
import jp.ac.umin.libreclinica.core.csv.UnencodableValue;
import jp.ac.umin.libreclinica.core.csv.UnencodableValuesException;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.odm.OdmMetadataExporter;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Japanese content end to end, path by path, in the whole application: a Japanese study name,
 * event name, CRF labels and options and non-BMP characters (𠮷, 𩸽) go in through the REST API
 * (study API, CRF spreadsheet upload) and come out unchanged through the API (raw UTF-8, no
 * escapes), the ODM metadata export and a CSV (UTF-8 with BOM; Windows-31J refused, naming the
 * items). A faulty spreadsheet's problems come back in Japanese.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = LibreClinicaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class JapaneseContentPathsTest {

  private static final byte[] YOSHI_UTF8 = HexFormat.of().parseHex("f0a0aeb7"); // 𠮷
  private static final byte[] HOKKE_UTF8 = HexFormat.of().parseHex("f0a9b8bd"); // 𩸽

  @Autowired private TestRestTemplate http;
  @Autowired private ApiTokenService tokens;
  @Autowired private StudyService studies;
  @Autowired private CrfService crfs;
  @Autowired private OdmMetadataExporter odm;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  private final ObjectMapper json = new ObjectMapper();

  private String admin;
  private String bearer;

  @Before
  public void anAdministratorWithAToken() {
    admin = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin().userName();
    bearer = "Bearer " + tokens.create(admin, unique("ja"), null).secret();
  }

  private HttpHeaders headers(MediaType type) {
    HttpHeaders h = new HttpHeaders();
    h.set(HttpHeaders.AUTHORIZATION, bearer);
    h.set(HttpHeaders.ACCEPT_LANGUAGE, "ja");
    if (type != null) {
      h.setContentType(type);
    }
    return h;
  }

  private ResponseEntity<byte[]> postJson(String path, String body) {
    return http.exchange(path, HttpMethod.POST,
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers(MediaType.APPLICATION_JSON)),
        byte[].class);
  }

  private ResponseEntity<byte[]> upload(byte[] xlsx, String fileName) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(xlsx) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/api/v1/crfs", HttpMethod.POST,
        new HttpEntity<>(parts, headers(MediaType.MULTIPART_FORM_DATA)), byte[].class);
  }

  private JsonNode read(ResponseEntity<byte[]> r, HttpStatus expected) throws Exception {
    String body = new String(r.getBody(), StandardCharsets.UTF_8);
    assertEquals(body, expected, r.getStatusCode());
    return json.readTree(body);
  }

  /**
   * Jackson writes a character beyond the BMP as a JSON escape of its surrogate pair (valid JSON,
   * read back unchanged); raw UTF-8 is as good. Either, never a replacement character.
   */
  private static boolean nonBmpIntact(byte[] body, byte[] utf8, String escape) {
    String text = new String(body, StandardCharsets.UTF_8);
    return !text.contains("?") && !text.contains("\uFFFD")
        && (contains(body, utf8) || text.toUpperCase(java.util.Locale.ROOT).contains(escape.toUpperCase(java.util.Locale.ROOT)));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  public void japaneseStudyEventAndCrfTextSurviveTheApiTheOdmExportAndACsv() throws Exception {
    String protocolId = unique("JA");
    String studyName = "日本語の試験 𠮷𩸽 " + protocolId;
    JsonNode study = read(postJson("/api/v1/studies",
        "{\"name\":\"" + studyName + "\",\"protocolId\":\"" + protocolId + "\","
            + "\"principalInvestigator\":\"髙橋 𠮷子\",\"phase\":\"PHASE_II\","
            + "\"protocolType\":\"INTERVENTIONAL\"}"), HttpStatus.CREATED);
    assertEquals(studyName, study.path("name").asText());
    String studyOid = study.path("oid").asText();

    ResponseEntity<byte[]> eventResponse = postJson("/api/v1/studies/" + studyOid + "/event-definitions",
        "{\"name\":\"登録時 𩸽\",\"type\":\"scheduled\",\"category\":\"来院\"}");
    JsonNode event = read(eventResponse, HttpStatus.CREATED);
    assertEquals("登録時 𩸽", event.path("name").asText());
    assertTrue("non-BMP written as UTF-8 or as a JSON surrogate escape, never '?'",
        nonBmpIntact(eventResponse.getBody(), HOKKE_UTF8, "\\uD867\\uDE3D"));

    String crfName = "問診票 𩸽 " + unique("q");
    JsonNode uploaded = read(upload(RealisticCrfs.japanese(crfName, "第1版").xlsx(), "問診票.xlsx"),
        HttpStatus.CREATED);
    assertEquals(crfName, uploaded.path("crfName").asText());
    assertEquals("第1版", uploaded.path("versionName").asText());
    String crfOid = uploaded.path("crfOid").asText();

    read(postJson("/api/v1/studies/" + studyOid + "/event-definitions/" + event.path("oid").asText() + "/crfs",
        "{\"crfOid\":\"" + crfOid + "\"}"), HttpStatus.CREATED);
    ResponseEntity<byte[]> used = http.exchange("/api/v1/studies/" + studyOid + "/crfs", HttpMethod.GET,
        new HttpEntity<>(headers(null)), byte[].class);
    JsonNode usedJson = read(used, HttpStatus.OK);
    assertEquals(crfName, usedJson.path(0).path("crf").path("name").asText());
    assertEquals("登録時 𩸽", usedJson.path(0).path("usedIn").path(0).path("eventName").asText());
    assertTrue(nonBmpIntact(used.getBody(), HOKKE_UTF8, "\\uD867\\uDE3D"));

    // the ODM metadata file carries every label and option as typed
    long studyId = studies.viewByOid(admin, studyOid).getId();
    ByteArrayOutputStream xml = new ByteArrayOutputStream();
    odm.export(admin, studyId, OdmExportOptions.libreClinica(), xml);
    byte[] xmlBytes = xml.toByteArray();
    String odmText = new String(xmlBytes, StandardCharsets.UTF_8);
    for (String expected : List.of(studyName, "登録時 𩸽", crfName, "氏（𠮷野家の「𠮷」も可）", "回答しない",
        "患者背景", "高血圧")) {
      assertTrue(expected + " in the ODM file", odmText.contains(expected));
    }
    assertTrue(contains(xmlBytes, YOSHI_UTF8));

    // a CSV of the CRF's items: UTF-8 with a BOM, read back unchanged
    long versionId = crfs.versionsOf(crfs.crfIdByOid(crfOid)).get(0).id();
    List<ItemDefinition> items = crfs.getVersion(versionId).definition().items();
    ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
    try (CsvWriter w = new CsvWriter(utf8, CsvEncoding.UTF8_BOM)) {
      w.header(List.of("項目", "ラベル"));
      for (ItemDefinition i : items) {
        w.row(i.name(), List.of(i.name(), i.leftText()));
      }
      w.finish();
    }
    byte[] csv = utf8.toByteArray();
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3));
    assertTrue(contains(csv, YOSHI_UTF8));
    assertTrue(CsvDecoding.decode(csv).contains("KANJA_SEI,氏（𠮷野家の「𠮷」も可）\r\n"));

    // Windows-31J cannot hold 𠮷: refused, naming the item, instead of writing '?'
    try (CsvWriter w = new CsvWriter(new ByteArrayOutputStream(), CsvEncoding.WINDOWS_31J)) {
      w.header(List.of("項目", "ラベル"));
      for (ItemDefinition i : items) {
        w.row(i.name(), List.of(i.name(), i.leftText()));
      }
      w.finish();
      fail("𠮷 written in Windows-31J");
    } catch (UnencodableValuesException e) {
      assertEquals(List.of(new UnencodableValue(2, "KANJA_SEI", "ラベル", "𠮷")), e.listed());
    }
  }

  @Test
  public void aFaultySpreadsheetsProblemsComeBackInJapanese() throws Exception {
    byte[] faulty = CrfWorkbookBuilder.crf(unique("不備"), "v1")
        .section("S1", "セクション")
        .item("AGE").dataType("INTEGER").done()
        .xlsx();
    JsonNode problem = read(upload(faulty, "不備.xlsx"), HttpStatus.BAD_REQUEST);
    assertEquals("CRFのスプレッドシートを受け付けられません", problem.path("title").asText());
    assertEquals("api.error.crfRejected", problem.path("code").asText());
    JsonNode first = problem.path("errors").path(0);
    assertEquals("Items", first.path("sheet").asText());
    assertEquals(2, first.path("row").asInt());
    assertEquals("DATA_TYPE", first.path("column").asText());
    assertEquals("INTEGER", first.path("value").asText());
    assertEquals("\"INTEGER\" は使用できません。ST, INT, REAL, DATE, PDATE, FILE のいずれかを指定してください。",
        first.path("message").asText());
    assertEquals("Itemsシート 2行目 DATA_TYPE列: \"INTEGER\" は使用できません。ST, INT, REAL, DATE, PDATE, FILE"
        + " のいずれかを指定してください。", first.path("location").asText());
  }
}
