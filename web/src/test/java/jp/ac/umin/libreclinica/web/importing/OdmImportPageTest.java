package jp.ac.umin.libreclinica.web.importing;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
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
import jp.ac.umin.libreclinica.core.odm.importing.OdmImport;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadService;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The ODM import page: upload, validation in the background, the report with lines and OIDs,
 * the confirmation with a scope and a reason, the history; and every kind of bad file refused
 * with a message naming where, nothing stored.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class OdmImportPageTest {

  @Autowired private MockMvc mvc;
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

  private AccountFixtures accounts;
  private DesignFixture design;
  private String dm;
  private StudySubject tokyo;
  private StudySubject other;

  @Before
  public void enterData() {
    accounts = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
    dm = accounts.businessAdmin().userName();
    design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    studies.changeStatus(design.study.getId(), StudyStatus.AVAILABLE, null, dm);
    tokyo = subjects.add(design.site.getId(), subject("東京-001"), null, false, dm);
    other = subjects.add(design.study.getId(), subject("S-002"), null, false, dm);
    StudyEvent ae = studyEvents.schedule(tokyo.getId(), design.adverseEvents.getId(),
        new EventInput(Instant.parse("2026-05-01T00:00:00Z"), null, null), dm);
    EventCrf form = entry.start(dm, ae.getId(), design.site.getId(), design.aeV1.crfVersionId());
    assertTrue(entry.save(dm, form.getId(),
        Map.of(ItemKey.of("AEYN"), "1", new ItemKey("AETERM", 1), "頭痛", new ItemKey("AETERM", 2), "発熱"),
        Map.of(), null).saved());
  }

  private SubjectInput subject(String label) {
    Map<Long, Long> groups = new HashMap<>();
    jdbc.query("SELECT c.id, min(g.id) FROM subject_group_class c JOIN subject_group g ON g.group_class_id = c.id"
            + " WHERE c.study_id = ? GROUP BY c.id",
        rs -> {
          groups.put(rs.getLong(1), rs.getLong(2));
        },
        design.study.getId());
    return new SubjectInput(label, null, LocalDate.of(2026, 4, 1), Sex.FEMALE, "1970-05-06", null, groups);
  }

  // ------------------------------------------------------------------ files

  private String oidOf(CrfUploadOutcome crf, String itemName) {
    return jdbc.queryForObject("SELECT oid FROM item WHERE crf_id = ? AND name = ?", String.class, crf.crfId(), itemName);
  }

  private String groupOidOf(CrfUploadOutcome crf, String itemName) {
    return jdbc.queryForObject("SELECT ig.oid FROM item_group ig JOIN item_group_metadata igm ON igm.item_group_id = ig.id"
        + " JOIN item_form_metadata ifm ON ifm.item_group_metadata_id = igm.id JOIN item i ON i.id = ifm.item_id"
        + " WHERE i.crf_id = ? AND i.name = ? AND igm.crf_version_id = ?", String.class,
        crf.crfId(), itemName, crf.crfVersionId());
  }

  private static String odm(String encoding, String prolog, String studyOid, String subjectKey, String body) {
    return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n" + prolog
        + "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n"
        + "<ClinicalData StudyOID=\"" + studyOid + "\" MetaDataVersionOID=\"v1.0.0\">\n"
        + "<SubjectData SubjectKey=\"" + subjectKey + "\">\n" + body + "</SubjectData>\n</ClinicalData>\n</ODM>\n";
  }

  private String aeTerm(String formOid, String repeatKey, String value) {
    return "<StudyEventData StudyEventOID=\"" + design.adverseEvents.getOid() + "\" StudyEventRepeatKey=\"1\">\n"
        + "<FormData FormOID=\"" + formOid + "\">\n"
        + "<ItemGroupData ItemGroupOID=\"" + groupOidOf(design.aeV1, "AETERM") + "\" ItemGroupRepeatKey=\"" + repeatKey + "\">\n"
        + "<ItemData ItemOID=\"" + oidOf(design.aeV1, "AETERM") + "\" Value=\"" + value + "\"/>\n</ItemGroupData>\n"
        + "</FormData>\n</StudyEventData>\n";
  }

  private String tokyoFile(String body) {
    return odm("UTF-8", "", design.site.getOid(), tokyo.getOid(), body);
  }

  private String shokuji(String value) {
    return "<StudyEventData StudyEventOID=\"" + design.registration.getOid() + "\">\n"
        + "<FormData FormOID=\"" + design.japanese.crfVersionOid() + "\">\n"
        + "<ItemGroupData ItemGroupOID=\"" + groupOidOf(design.japanese, "SHOKUJI") + "\">\n"
        + "<ItemData ItemOID=\"" + oidOf(design.japanese, "SHOKUJI") + "\" Value=\"" + value + "\"/>\n"
        + "<ItemData ItemOID=\"" + oidOf(design.japanese, "KOMENTO") + "\" Value=\"日本語の備考\"/>\n"
        + "</ItemGroupData>\n</FormData>\n</StudyEventData>\n";
  }

  // ------------------------------------------------------------------ page helpers

  private ResultActions upload(byte[] bytes, String name) throws Exception {
    return mvc.perform(multipart("/studies/" + design.study.getId() + "/imports")
        .file(new MockMultipartFile("file", name, "application/xml", bytes))
        .header("Accept-Language", "en").with(user(dm)).with(csrf()));
  }

  /** Uploads, waits for the validation and returns the upload. */
  private OdmImport validated(byte[] bytes, String name) throws Exception {
    String location = upload(bytes, name).andExpect(status().is3xxRedirection())
        .andReturn().getResponse().getRedirectedUrl();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    return waitFor(id);
  }

  private OdmImport waitFor(long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      OdmImport row = uploads.view(dm, id);
      if (!row.getStage().running()) {
        return row;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("import " + id + " still running after 60 s");
  }

  private String detail(OdmImport row) throws Exception {
    return mvc.perform(get("/studies/" + design.study.getId() + "/imports/" + row.getId())
            .header("Accept-Language", "en").with(user(dm)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  private ResultActions confirm(OdmImport row, String scope, String reason) throws Exception {
    var req = post("/studies/" + design.study.getId() + "/imports/" + row.getId() + "/confirm")
        .param("scope", scope).header("Accept-Language", "en").with(user(dm)).with(csrf());
    if (reason != null) {
      req.param("reason", reason);
    }
    return mvc.perform(req);
  }

  private List<String> aeTerms() {
    return jdbc.queryForList("SELECT d.value FROM item_data d JOIN item i ON i.id = d.item_id"
        + " JOIN event_crf e ON e.id = d.event_crf_id JOIN study_event se ON se.id = e.study_event_id"
        + " WHERE i.name = 'AETERM' AND se.study_subject_id = ? ORDER BY d.ordinal", String.class, tokyo.getId());
  }

  private int storedValuesOfTheStudy() {
    return jdbc.queryForObject("SELECT count(*) FROM item_data d JOIN event_crf e ON e.id = d.event_crf_id"
        + " JOIN study_event se ON se.id = e.study_event_id WHERE se.study_subject_id IN (?, ?)", Integer.class,
        tokyo.getId(), other.getId());
  }

  private int uploadsOfTheStudy() {
    return jdbc.queryForObject("SELECT count(*) FROM odm_import WHERE study_id = ?", Integer.class, design.study.getId());
  }

  /** Validates a bad file and checks the report names the line and the OID, and nothing can be stored. */
  private void refusedWithLineAndOid(String xml, Charset charset, String message, int line, String oid) throws Exception {
    int before = storedValuesOfTheStudy();
    OdmImport row = validated(xml.getBytes(charset), "bad.xml");
    assertEquals(OdmImport.Stage.INVALID, row.getStage());
    String page = detail(row);
    assertTrue(page, page.contains(message));
    if (line > 0) {
      assertTrue(page, page.contains("<td>" + line + "</td>"));
    }
    if (oid != null) {
      assertTrue(page, page.contains(oid));
    }
    assertTrue(page, !page.contains("id=\"confirm\""));
    confirm(row, "FILE", "x").andExpect(status().isOk())
        .andExpect(content().string(containsString("This file cannot be imported now")));
    assertEquals(before, storedValuesOfTheStudy());
  }

  // ------------------------------------------------------------------ tests

  @Test
  public void aDataManagerValidatesThenImportsAChangeWithAReasonAndSeesTheHistory() throws Exception {
    mvc.perform(get("/studies/" + design.study.getId()).header("Accept-Language", "en").with(user(dm)))
        .andExpect(content().string(containsString("/studies/" + design.study.getId() + "/imports")));
    String xml = tokyoFile(aeTerm(design.aeV1.crfVersionOid(), "1", "偏頭痛") + "")
        .replace("</SubjectData>", "</SubjectData>\n<SubjectData SubjectKey=\"" + other.getOid() + "\">\n"
            + shokuji("2") + "</SubjectData>")
        .replace("StudyOID=\"" + design.site.getOid() + "\"", "StudyOID=\"" + design.study.getOid() + "\"");
    OdmImport row = validated(xml.getBytes(StandardCharsets.UTF_8), "changes 変更.xml");
    assertEquals(OdmImport.Stage.VALID, row.getStage());
    assertEquals(2, row.getSubjects());
    assertEquals(1, row.getChangedValues());
    assertEquals(2, row.getNewValues());
    String page = detail(row);
    assertTrue(page, page.contains("id=\"confirm\""));
    assertTrue(page, page.contains("1 stored values change"));
    assertEquals(List.of("頭痛", "発熱"), aeTerms());

    confirm(row, "FILE", " ").andExpect(status().isOk())
        .andExpect(content().string(containsString("1 stored values would change: give a reason for change.")));
    confirm(row, "FILE", "原資料との照合").andExpect(status().is3xxRedirection());
    OdmImport done = waitFor(row.getId());
    assertEquals(OdmImport.Stage.IMPORTED, done.getStage());
    assertEquals(List.of("偏頭痛", "発熱"), aeTerms());
    assertEquals(Integer.valueOf(1), jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'ItemData'"
        + " AND old_value = '頭痛' AND new_value = '偏頭痛' AND reason = '原資料との照合'", Integer.class));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = 'odm.import.upload' AND entity_id = ?", Integer.class,
        row.getId().toString()));

    mvc.perform(get("/studies/" + design.study.getId() + "/imports").header("Accept-Language", "en").with(user(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("changes 変更.xml")))
        .andExpect(content().string(containsString(row.getFileSha256().substring(0, 12))))
        .andExpect(content().string(containsString("Imported")));
    // importing the same upload again is refused
    confirm(done, "FILE", "again").andExpect(content().string(containsString("This file cannot be imported now")));
  }

  @Test
  public void eachValidSubjectGoesInWhenTheUserChoosesIt() throws Exception {
    String xml = odm("UTF-8", "", design.study.getOid(), other.getOid(), shokuji("3"));
    OdmImport row = validated(xml.getBytes(StandardCharsets.UTF_8), "one.xml");
    assertEquals(OdmImport.Stage.VALID, row.getStage());
    confirm(row, "SUBJECT", null).andExpect(status().is3xxRedirection());
    OdmImport done = waitFor(row.getId());
    assertEquals(OdmImport.Stage.IMPORTED, done.getStage());
    assertTrue(detail(done).contains("Each subject whose data can all be stored"));
  }

  @Test
  public void oc3472_importingV2OfAFormWhoseV1IsStartedIsRefusedAndCreatesNoSecondEventCrf() throws Exception {
    refusedWithLineAndOid(tokyoFile(aeTerm(design.aeV2.crfVersionOid(), "1", "めまい")), StandardCharsets.UTF_8,
        "already entered in version " + design.aeV1.crfVersionOid(), 6, design.aeV2.crfVersionOid());
    assertEquals(Integer.valueOf(1), jdbc.queryForObject("SELECT count(*) FROM event_crf e JOIN study_event se"
        + " ON se.id = e.study_event_id WHERE se.study_subject_id = ? AND e.crf_id = ?", Integer.class,
        tokyo.getId(), design.aeV1.crfId()));
  }

  @Test
  public void oc178_oneBadCodeListValueImportsNothingAndNamesItsLineAndOid() throws Exception {
    String body = aeTerm(design.aeV1.crfVersionOid(), "3", "めまい").replace("</FormData>",
        "<ItemGroupData ItemGroupOID=\"" + groupOidOf(design.aeV1, "AEYN") + "\">\n"
            + "<ItemData ItemOID=\"" + oidOf(design.aeV1, "AEYN") + "\" Value=\"9\"/>\n</ItemGroupData>\n</FormData>");
    refusedWithLineAndOid(tokyoFile(body), StandardCharsets.UTF_8, "", 11, oidOf(design.aeV1, "AEYN"));
    assertEquals(List.of("頭痛", "発熱"), aeTerms());
  }

  @Test
  public void aValueBreakingItsTypeIsReportedWithItsLineAndOid() throws Exception {
    refusedWithLineAndOid(odm("UTF-8", "", design.study.getOid(), other.getOid(), shokuji("abc")),
        StandardCharsets.UTF_8, "", 8, oidOf(design.japanese, "SHOKUJI"));
  }

  @Test
  public void anExternalEntityIsRefusedAndNothingIsRead() throws Exception {
    String xml = tokyoFile(aeTerm(design.aeV1.crfVersionOid(), "1", "&xxe;")).replace("<ODM ",
        "<!DOCTYPE ODM [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<ODM ");
    refusedWithLineAndOid(xml, StandardCharsets.UTF_8,
        "Document type declarations and entities are not accepted", 2, null);
  }

  @Test
  public void billionLaughsIsRefused() throws Exception {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE ODM [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int k = 0; k < 10; k++) {
        dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>\n");
    String xml = tokyoFile(aeTerm(design.aeV1.crfVersionOid(), "1", "&lol9;")).replace("<ODM ", dtd + "<ODM ");
    refusedWithLineAndOid(xml, StandardCharsets.UTF_8,
        "Document type declarations and entities are not accepted", 2, null);
  }

  @Test
  public void odmOfAnotherStudyIsRefusedNamingItsOid() throws Exception {
    refusedWithLineAndOid(odm("UTF-8", "", "S_ELSEWHERE", tokyo.getOid(), ""), StandardCharsets.UTF_8,
        "The ODM is for another study", 3, "S_ELSEWHERE");
  }

  @Test
  public void unknownOidsAreEachNamed() throws Exception {
    String body = aeTerm(design.aeV1.crfVersionOid(), "1", "x").replace(oidOf(design.aeV1, "AETERM"), "I_NO_SUCH")
        + "<StudyEventData StudyEventOID=\"SE_NO_SUCH\"/>\n";
    refusedWithLineAndOid(tokyoFile(body), StandardCharsets.UTF_8, "No such item in CRF version", 8, "I_NO_SUCH");
    assertTrue(detail(waitFor(lastUpload())).contains("SE_NO_SUCH"));
    refusedWithLineAndOid(tokyoFile("").replace(tokyo.getOid(), "SS_NOBODY"), StandardCharsets.UTF_8,
        "No such subject", 4, "SS_NOBODY");
  }

  private long lastUpload() {
    return jdbc.queryForObject("SELECT max(id) FROM odm_import WHERE study_id = ?", Long.class, design.study.getId());
  }

  @Test
  public void duplicateRepeatKeysAreRefused() throws Exception {
    String twice = aeTerm(design.aeV1.crfVersionOid(), "2", "めまい").replace("</ItemGroupData>\n</FormData>",
        "</ItemGroupData>\n<ItemGroupData ItemGroupOID=\"" + groupOidOf(design.aeV1, "AETERM")
            + "\" ItemGroupRepeatKey=\"2\">\n<ItemData ItemOID=\"" + oidOf(design.aeV1, "AETERM")
            + "\" Value=\"嘔吐\"/>\n</ItemGroupData>\n</FormData>");
    refusedWithLineAndOid(tokyoFile(twice), StandardCharsets.UTF_8, "The repeat key 2 appears twice.", 10,
        groupOidOf(design.aeV1, "AETERM"));
  }

  @Test
  public void aShiftJisFileDeclaredAsUtf8IsRefusedNamingTheLine() throws Exception {
    String xml = tokyoFile(aeTerm(design.aeV1.crfVersionOid(), "3", "めまい"));
    refusedWithLineAndOid(xml, Charset.forName("Shift_JIS"), "The file is not in the encoding it declares (UTF-8)", 8,
        null);
  }

  @Test
  public void aShiftJisFileDeclaredAsShiftJisIsReadAsItDeclares() throws Exception {
    String xml = odm("Shift_JIS", "", design.site.getOid(), tokyo.getOid(),
        aeTerm(design.aeV1.crfVersionOid(), "3", "めまい"));
    OdmImport row = validated(xml.getBytes(Charset.forName("Shift_JIS")), "sjis.xml");
    assertEquals(OdmImport.Stage.VALID, row.getStage());
    confirm(row, "FILE", null).andExpect(status().is3xxRedirection());
    assertEquals(OdmImport.Stage.IMPORTED, waitFor(row.getId()).getStage());
    assertEquals(List.of("頭痛", "発熱", "めまい"), aeTerms());
  }

  @Test
  public void anUploadOverTheLimitIsRefusedBeforeItIsKept() throws Exception {
    long limit = uploads.maxBytes();
    ReflectionTestUtils.setField(uploads, "maxBytes", 1000L);
    try {
      int before = uploadsOfTheStudy();
      byte[] big = tokyoFile(aeTerm(design.aeV1.crfVersionOid(), "3", "x".repeat(2000))).getBytes(StandardCharsets.UTF_8);
      upload(big, "big.xml").andExpect(status().isPayloadTooLarge())
          .andExpect(content().string(containsString("The file is larger than the allowed 1,000 bytes.")));
      assertEquals(before, uploadsOfTheStudy());
    } finally {
      ReflectionTestUtils.setField(uploads, "maxBytes", limit);
    }
  }

  /** What happens when the container refuses a body beyond spring.servlet.multipart.max-file-size. */
  @Test
  public void aFileBeyondTheServersMultipartLimitComesBackToTheImportPageWithAMessage() throws Exception {
    String path = "/studies/" + design.study.getId() + "/imports";
    String location = mvc.perform(post(path).with(request -> {
      org.springframework.mock.web.MockHttpServletRequest refusing =
          new org.springframework.mock.web.MockHttpServletRequest(request.getServletContext(), "POST", path) {
            @Override
            public java.util.Collection<jakarta.servlet.http.Part> getParts() {
              throw new IllegalStateException(
                  "org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException: too large");
            }
          };
      refusing.setContentType("multipart/form-data; boundary=xyz");
      refusing.addHeader("Content-Type", "multipart/form-data; boundary=xyz");
      refusing.setParameter("_csrf", request.getParameter("_csrf"));
      return refusing;
    }).with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
    mvc.perform(get(location).header("Accept-Language", "en").with(user(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("larger than this server accepts for uploads on a page")));
  }

  @Test
  public void aZipIsRefusedClearly() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("odm.xml"));
      zip.write(new byte[10_000_000]);
    }
    int before = uploadsOfTheStudy();
    upload(bytes.toByteArray(), "odm.zip").andExpect(status().isUnsupportedMediaType())
        .andExpect(content().string(containsString("Compressed files (.zip, .gz) are not accepted")));
    assertEquals(before, uploadsOfTheStudy());
  }

  @Test
  public void aUserWithoutTheImportRightSeesNoLinkAndIsRefused() throws Exception {
    String plain = accounts.user().userName();
    mvc.perform(get("/studies/" + design.study.getId() + "/imports").with(user(plain)))
        .andExpect(status().isForbidden());
    mvc.perform(multipart("/studies/" + design.study.getId() + "/imports")
            .file(new MockMultipartFile("file", "a.xml", "application/xml", "<ODM/>".getBytes(StandardCharsets.UTF_8)))
            .with(user(plain)).with(csrf()))
        .andExpect(status().isForbidden());
  }
}
