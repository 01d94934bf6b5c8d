package jp.ac.umin.libreclinica.ws.api.importing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.design.DesignFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadService;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** ODM imports over the API: validate, import, follow the job, read the report; bad uploads refused. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = RealAccountsWsTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class OdmImportApiTest {

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private GroupClassService groupClasses;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService studyEvents;
  @Autowired private DataEntryService entry;
  @Autowired private OdmUploadService uploads;

  private final ObjectMapper json = new ObjectMapper();
  private DesignFixture design;
  private String dm;
  private String token;
  private StudySubject tokyo;

  @Before
  public void enterData() {
    dm = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).businessAdmin().userName();
    token = tokens.create(dm, jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique("t"), null).secret();
    design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    studies.changeStatus(design.study.getId(), StudyStatus.AVAILABLE, null, dm);
    Map<Long, Long> groups = new HashMap<>();
    jdbc.query("SELECT c.id, min(g.id) FROM subject_group_class c JOIN subject_group g ON g.group_class_id = c.id"
        + " WHERE c.study_id = ? GROUP BY c.id", rs -> {
          groups.put(rs.getLong(1), rs.getLong(2));
        }, design.study.getId());
    tokyo = subjects.add(design.site.getId(),
        new SubjectInput("東京-001", null, LocalDate.of(2026, 4, 1), Sex.FEMALE, "1970-05-06", null, groups), null, false, dm);
    StudyEvent ae = studyEvents.schedule(tokyo.getId(), design.adverseEvents.getId(),
        new EventInput(Instant.parse("2026-05-01T00:00:00Z"), null, null), dm);
    EventCrf form = entry.start(dm, ae.getId(), design.site.getId(), design.aeV1.crfVersionId());
    assertTrue(entry.save(dm, form.getId(), Map.of(ItemKey.of("AEYN"), "1", new ItemKey("AETERM", 1), "頭痛"),
        Map.of(), null).saved());
  }

  private String oidOf(CrfUploadOutcome crf, String itemName) {
    return jdbc.queryForObject("SELECT oid FROM item WHERE crf_id = ? AND name = ?", String.class, crf.crfId(), itemName);
  }

  private String groupOidOf(CrfUploadOutcome crf, String itemName) {
    return jdbc.queryForObject("SELECT ig.oid FROM item_group ig JOIN item_group_metadata igm ON igm.item_group_id = ig.id"
        + " JOIN item_form_metadata ifm ON ifm.item_group_metadata_id = igm.id JOIN item i ON i.id = ifm.item_id"
        + " WHERE i.crf_id = ? AND i.name = ? AND igm.crf_version_id = ?", String.class,
        crf.crfId(), itemName, crf.crfVersionId());
  }

  private String file(String item, String value) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n"
        + "<ClinicalData StudyOID=\"" + design.site.getOid() + "\" MetaDataVersionOID=\"v1.0.0\">\n"
        + "<SubjectData SubjectKey=\"" + tokyo.getOid() + "\">\n"
        + "<StudyEventData StudyEventOID=\"" + design.adverseEvents.getOid() + "\" StudyEventRepeatKey=\"1\">\n"
        + "<FormData FormOID=\"" + design.aeV1.crfVersionOid() + "\">\n"
        + "<ItemGroupData ItemGroupOID=\"" + groupOidOf(design.aeV1, item) + "\" ItemGroupRepeatKey=\"1\">\n"
        + "<ItemData ItemOID=\"" + oidOf(design.aeV1, item) + "\" Value=\"" + value + "\"/>\n"
        + "</ItemGroupData>\n</FormData>\n</StudyEventData>\n</SubjectData>\n</ClinicalData>\n</ODM>\n";
  }

  private MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header(HttpHeaders.ACCEPT_LANGUAGE, "en");
  }

  private MockHttpServletRequestBuilder postFile(byte[] body) {
    return api(post("/api/v1/studies/" + design.study.getOid() + "/odm-imports")
        .contentType(MediaType.APPLICATION_XML).content(body));
  }

  private long idOf(String location) {
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private JsonNode waitFor(long id) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonNode n = json.readTree(mvc.perform(api(get("/api/v1/odm-imports/" + id)))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
      String stage = n.get("stage").asText();
      if (!stage.equals("VALIDATING") && !stage.equals("IMPORTING")) {
        return n;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("import " + id + " still running");
  }

  private List<String> aeTerms() {
    return jdbc.queryForList("SELECT d.value FROM item_data d JOIN item i ON i.id = d.item_id"
        + " JOIN event_crf e ON e.id = d.event_crf_id JOIN study_event se ON se.id = e.study_event_id"
        + " WHERE i.name = 'AETERM' AND se.study_subject_id = ? ORDER BY d.ordinal", String.class, tokyo.getId());
  }

  @Test
  public void aClientValidatesFollowsTheJobThenImportsWithAReason() throws Exception {
    String location = mvc.perform(postFile(file("AETERM", "偏頭痛").getBytes(StandardCharsets.UTF_8))
            .param("fileName", "ae.xml"))
        .andExpect(status().isAccepted())
        .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/v1/odm-imports/")))
        .andExpect(jsonPath("$.fileName").value("ae.xml"))
        .andExpect(jsonPath("$.sha256").value(org.hamcrest.Matchers.hasLength(64)))
        .andReturn().getResponse().getHeader(HttpHeaders.LOCATION);
    long id = idOf(location);
    JsonNode validated = waitFor(id);
    assertEquals("VALID", validated.get("stage").asText());
    assertEquals(1, validated.get("summary").get("changedValues").asInt());
    assertEquals("DONE", validated.get("job").get("status").asText());

    mvc.perform(api(post("/api/v1/odm-imports/" + id + "/import")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("1 stored values would change: give a reason for change."));
    mvc.perform(api(post("/api/v1/odm-imports/" + id + "/import")).param("reason", "転記誤り"))
        .andExpect(status().isAccepted());
    assertEquals("IMPORTED", waitFor(id).get("stage").asText());
    assertEquals(List.of("偏頭痛"), aeTerms());
  }

  @Test
  public void importingAtOnceABadFileStoresNothingAndReportsLineOidAndMessage() throws Exception {
    String location = mvc.perform(postFile(file("AEYN", "9").getBytes(StandardCharsets.UTF_8))
            .param("validateOnly", "false").param("scope", "FILE"))
        .andExpect(status().isAccepted()).andReturn().getResponse().getHeader(HttpHeaders.LOCATION);
    JsonNode done = waitFor(idOf(location));
    assertEquals("REFUSED", done.get("stage").asText());
    JsonNode p = done.get("problems").get(0);
    assertEquals("error", p.get("severity").asText());
    assertEquals(8, p.get("line").asInt());
    assertEquals(oidOf(design.aeV1, "AEYN"), p.get("oid").asText());
    assertTrue(p.toString(), p.get("message").asText().length() > 5);
    assertEquals(List.of("頭痛"), aeTerms());
  }

  @Test
  public void aDeclaredTwoGigabyteBodyIsRefusedBeforeAnythingIsRead() throws Exception {
    int before = jdbc.queryForObject("SELECT count(*) FROM odm_import", Integer.class);
    mvc.perform(postFile(new byte[0]).with(request -> {
      MockHttpServletRequest huge = new MockHttpServletRequest(request.getServletContext(), "POST", request.getRequestURI()) {
        @Override
        public long getContentLengthLong() {
          return 2L * 1024 * 1024 * 1024;
        }

        @Override
        public ServletInputStream getInputStream() {
          return new ServletInputStream() {
            @Override
            public int read() {
              throw new AssertionError("the body must not be read");
            }

            @Override
            public boolean isFinished() {
              return false;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener listener) {
              throw new UnsupportedOperationException();
            }
          };
        }
      };
      request.getHeaderNames().asIterator().forEachRemaining(h -> huge.addHeader(h, request.getHeader(h)));
      huge.setContentType(MediaType.APPLICATION_XML_VALUE);
      return huge;
    }))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.detail").value(containsString("The file is larger than the allowed")));
    assertEquals(before, jdbc.queryForObject("SELECT count(*) FROM odm_import", Integer.class).intValue());
  }

  @Test
  public void aStreamedBodyOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
    long limit = uploads.maxBytes();
    ReflectionTestUtils.setField(uploads, "maxBytes", 500L);
    try {
      int before = jdbc.queryForObject("SELECT count(*) FROM odm_import", Integer.class);
      mvc.perform(postFile(file("AETERM", "x".repeat(1000)).getBytes(StandardCharsets.UTF_8)))
          .andExpect(status().isPayloadTooLarge())
          .andExpect(jsonPath("$.detail").value("The file is larger than the allowed 500 bytes."));
      assertEquals(before, jdbc.queryForObject("SELECT count(*) FROM odm_import", Integer.class).intValue());
    } finally {
      ReflectionTestUtils.setField(uploads, "maxBytes", limit);
    }
  }

  @Test
  public void aZipIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("odm.xml"));
      zip.write(file("AETERM", "x").getBytes(StandardCharsets.UTF_8));
    }
    mvc.perform(postFile(bytes.toByteArray()))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.reason").value("odm.import.compressed"));
  }

  @Test
  public void anUnknownImportIsNotFound() throws Exception {
    mvc.perform(api(get("/api/v1/odm-imports/999999999")))
        .andExpect(status().isNotFound());
  }
}
