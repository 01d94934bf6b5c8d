package jp.ac.umin.libreclinica.core.odm.studyimport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataExporter;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataFilter;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.odm.OdmMetadataExporter;
import jp.ac.umin.libreclinica.core.odm.OdmSchemas;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * The whole-study import's round trip: LibreClinica's R01 reference extract (read from
 * {@code ../shared/reference}, never copied) becomes a study here, is exported again with the
 * ODM exporters, validates, and is compared value by value with the original. Every difference is
 * one of the list documented in docs/odm.md ("Whole-study import: documented differences").
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class StudyImportRoundTripTest {

  static final String R01 = "example-R01-full-extract-odm13-oc.xml";

  /**
   * docs/odm.md, "Whole-study import: documented differences": what the export writes that the
   * R01 extract ("with no attributes") left out, derived on import from its audit logs.
   */
  static final Set<String> DOCUMENTED = new TreeSet<>(List.of(
      "subject.Status: written, the extract had none",
      "event.StartDate: written, the extract had none",
      "event.EndDate: written, the extract had none",
      "event.Status: written, the extract had none",
      "form.Version: written, the extract had none",
      "form.Status: written, the extract had none"));

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyImportService imports;
  @Autowired private ClinicalDataExporter clinical;
  @Autowired private OdmMetadataExporter metadata;

  private static String admin;
  private static byte[] original;
  private static StudyImportResult result;
  private static byte[] exported;

  @Before
  public void importOnce() throws Exception {
    if (result != null) {
      return;
    }
    admin = accounts().businessAdmin().userName();
    original = Files.readAllBytes(OdmSchemas.referenceDir().resolve(R01));
    result = imports.importStudy(admin, original, R01);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    clinical.exportFull(admin, result.studyId(), ClinicalDataFilter.all().withAudits(true).withNotes(true),
        OdmExportOptions.libreClinica(), out);
    exported = out.toByteArray();
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  private ExtractView originalView() throws Exception {
    return ExtractView.read(original, result::oid);
  }

  @Test
  public void theR01ExtractBecomesAStudyWithAllItsSubjectsAndValues() throws Exception {
    ExtractView file = originalView();
    assertEquals(13, file.subjects.size());
    assertEquals(769, file.valueCount);
    assertEquals(file.subjects.size(), result.counts().subjects());
    assertEquals(file.valueCount, result.counts().values());
    assertEquals(4, result.counts().sites());
    assertEquals(4, result.counts().events());
    assertEquals(8, result.counts().crfVersions());
    Integer stored = jdbc.queryForObject("SELECT count(*) FROM item_data d JOIN event_crf c ON c.id = d.event_crf_id"
        + " JOIN study_event e ON e.id = c.study_event_id JOIN study_subject s ON s.id = e.study_subject_id"
        + " WHERE s.parent_study_id = ?", Integer.class, result.studyId());
    assertEquals(769, stored.intValue());
    assertEquals("S_R0112345", result.studyOid());
  }

  @Test
  public void theExportOfTheImportedStudyValidatesAgainstThePublishedSchemasPlusOurAddendum() {
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), exported));
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    metadata.export(admin, result.studyId(), OdmExportOptions.libreClinica(), meta);
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), meta.toByteArray()));
    ByteArrayOutputStream strict = new ByteArrayOutputStream();
    clinical.exportFull(admin, result.studyId(), ClinicalDataFilter.all().withAudits(true).withNotes(true),
        OdmExportOptions.strictOpenClinica(), strict);
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinica(), strict.toByteArray()));
  }

  @Test
  public void exportedAgainTheStudyDiffersFromTheExtractOnlyAsDocumented() throws Exception {
    ExtractView before = originalView();
    ExtractView after = ExtractView.read(exported, (kind, oid) -> oid);
    List<String> details = new ArrayList<>();
    Set<String> kinds = new TreeSet<>();
    compareLevel("subject", before.subjects, after.subjects, kinds, details);
    compareLevel("event", before.events, after.events, kinds, details);
    compareLevel("form", before.forms, after.forms, kinds, details);
    for (Map.Entry<String, String> v : before.values.entrySet()) {
      String there = after.values.get(v.getKey());
      if (!Objects.equals(v.getValue(), there)) {
        kinds.add("value: changed or lost");
        details.add(v.getKey() + " " + v.getValue() + " -> " + there);
      }
    }
    for (String k : after.values.keySet()) {
      if (!before.values.containsKey(k)) {
        kinds.add("value: added");
        details.add(k + " added");
      }
    }
    assertEquals(before.values.size(), after.values.size());
    if (!before.notes.equals(after.notes)) {
      kinds.add("notes: differ");
      details.add(before.notes + "\n -> " + after.notes);
    }
    assertEquals(String.join("\n", details.subList(0, Math.min(40, details.size()))), DOCUMENTED, kinds);
    assertEquals(4, before.notes.size());
  }

  private static void compareLevel(String level, Map<String, Map<String, String>> before,
      Map<String, Map<String, String>> after, Set<String> kinds, List<String> details) {
    assertEquals(level + " keys", new TreeSet<>(before.keySet()), new TreeSet<>(after.keySet()));
    for (Map.Entry<String, Map<String, String>> e : before.entrySet()) {
      Map<String, String> o = e.getValue();
      Map<String, String> n = after.get(e.getKey());
      Set<String> names = new HashSet<>(o.keySet());
      names.addAll(n.keySet());
      for (String a : names) {
        String was = o.get(a);
        String is = n.get(a);
        if (was == null && is != null) {
          kinds.add(level + "." + a + ": written, the extract had none");
        } else if (was != null && is == null) {
          kinds.add(level + "." + a + ": lost");
          details.add(e.getKey() + " " + a + " lost: " + was);
        } else if (was != null && !sameValue(was, is)) {
          kinds.add(level + "." + a + ": changed");
          details.add(e.getKey() + " " + a + " " + was + " -> " + is);
        }
      }
    }
  }

  /** Equal, or the same instant written with another offset. */
  private static boolean sameValue(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return instant(a).equals(instant(b));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static java.time.Instant instant(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (RuntimeException e) {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }
  }

  @Test
  public void theAuditLogsOfTheExtractAreKeptAsReadOnlyImportedHistory() throws Exception {
    int inFile = count(original, "<OpenClinica:AuditLog ");
    Integer kept = jdbc.queryForObject("SELECT count(*) FROM imported_audit a JOIN study_subject s ON s.id = a.study_subject_id"
        + " WHERE s.parent_study_id = ?", Integer.class, result.studyId());
    assertEquals(inFile, kept.intValue());
    assertEquals(inFile, result.counts().auditLogs());
    try {
      jdbc.update("DELETE FROM imported_audit WHERE study_subject_id IN (SELECT id FROM study_subject WHERE parent_study_id = ?)",
          result.studyId());
      fail("imported audit rows must be read-only");
    } catch (org.springframework.dao.DataAccessException expected) {
      assertTrue(expected.getMessage(), expected.getMessage().contains("read-only"));
    }
  }

  @Test
  public void theReportListsWhatCouldNotBeCarriedAndIsStored() {
    StudyImportService.StoredImport stored = imports.stored(admin, result.importId());
    assertEquals(result.studyId(), stored.studyId().longValue());
    assertEquals("DONE", stored.status());
    assertEquals(result.notCarried().size(), stored.notCarried().size());
    assertTrue(stored.notCarried().stream().anyMatch(n -> n.reasonKey().equals("studyimport.nc.rules")
        && n.element().equals("OpenClinicaRules:Rules") && n.line() > 0));
    assertEquals(result.importId(), imports.importOfStudy(result.studyId()).longValue());
    assertEquals(13, stored.counts().subjects());
  }

  @Test
  public void theImportIsAuditedAsTheImportingUserWithTheFileAsReason() {
    Integer rows = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE study_id = ? AND actor = ?"
        + " AND action = 'item.import' AND reason = ?", Integer.class, result.studyId(), admin, "imported from " + R01);
    assertEquals(769, rows.intValue());
  }

  @Test
  public void anExtractWhoseStudyExistsHereIsRefusedAndChangesNothing() {
    int studies = jdbc.queryForObject("SELECT count(*) FROM study", Integer.class);
    try {
      imports.importStudy(admin, original, R01);
      fail("an existing study must be refused");
    } catch (StudyImportException e) {
      assertEquals("studyimport.studyExists", e.messageKey());
      assertEquals("S_R0112345", e.arguments()[1]);
    }
    try {
      imports.preview(admin, original, R01);
      fail("the preview refuses it too");
    } catch (StudyImportException e) {
      assertEquals("studyimport.studyExists", e.messageKey());
    }
    assertEquals(studies, jdbc.queryForObject("SELECT count(*) FROM study", Integer.class).intValue());
  }

  @Test
  public void aFailureHalfwayLeavesNoHalfStudy() {
    String suffix = Long.toString(System.nanoTime() % 100000);
    String text = new String(original, StandardCharsets.US_ASCII)
        .replace("R01-12345", "R99-" + suffix).replace("S_R0112345", "S_R99" + suffix)
        .replace("OpenClinica:StudySubjectID=\"CAM102\"", "OpenClinica:StudySubjectID=\"CAM101\"");
    int studies = jdbc.queryForObject("SELECT count(*) FROM study", Integer.class);
    int definitions = jdbc.queryForObject("SELECT count(*) FROM study_event_definition", Integer.class);
    int subjects = jdbc.queryForObject("SELECT count(*) FROM study_subject", Integer.class);
    int imported = jdbc.queryForObject("SELECT count(*) FROM study_import", Integer.class);
    try {
      imports.importStudy(admin, text.getBytes(StandardCharsets.US_ASCII), "dup.xml");
      fail("a second subject CAM101 must fail the import");
    } catch (StudyImportException e) {
      assertEquals("studyimport.duplicateSubject", e.messageKey());
      assertEquals("CAM101", e.arguments()[1]);
      assertTrue((Integer) e.arguments()[0] > 4700);
    }
    assertEquals(studies, jdbc.queryForObject("SELECT count(*) FROM study", Integer.class).intValue());
    assertEquals(definitions, jdbc.queryForObject("SELECT count(*) FROM study_event_definition", Integer.class).intValue());
    assertEquals(subjects, jdbc.queryForObject("SELECT count(*) FROM study_subject", Integer.class).intValue());
    assertEquals(imported, jdbc.queryForObject("SELECT count(*) FROM study_import", Integer.class).intValue());
    assertFalse(jdbc.queryForObject("SELECT count(*) FROM study WHERE protocol_id = ?", Integer.class, "R99-" + suffix + "6") > 0);
  }

  @Test
  public void aFileWithoutMetadataIsNotAFullExtract() {
    String clinicalOnly = "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" ODMVersion=\"1.3\">\n"
        + "<ClinicalData StudyOID=\"S_X\" MetaDataVersionOID=\"v1.0.0\"/>\n</ODM>";
    try {
      imports.preview(admin, clinicalOnly.getBytes(StandardCharsets.UTF_8), "clin.xml");
      fail();
    } catch (StudyImportException e) {
      assertEquals("studyimport.noMetadata", e.messageKey());
    }
  }

  @Test
  public void malformedXmlIsRefusedNamingItsLine() {
    String broken = "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n<Study OID=\"S_X\">\n<GlobalVariables>\n</Study>\n</ODM>";
    try {
      imports.importStudy(admin, broken.getBytes(StandardCharsets.UTF_8), "broken.xml");
      fail();
    } catch (StudyImportException e) {
      assertEquals("studyimport.malformed", e.messageKey());
      assertEquals(4, e.arguments()[0]);
    }
  }

  @Test
  public void aDocumentTypeDeclarationIsRefused() {
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE ODM [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">&x;</ODM>";
    try {
      imports.preview(admin, xxe.getBytes(StandardCharsets.UTF_8), "xxe.xml");
      fail();
    } catch (StudyImportException e) {
      assertTrue(e.messageKey(), e.messageKey().equals("studyimport.dtd") || e.messageKey().equals("studyimport.malformed"));
    }
  }

  @Test
  public void thePreviewCountsWhatTheFileHoldsAndCreatesNothing() throws Exception {
    String text = new String(original, StandardCharsets.US_ASCII)
        .replace("R01-12345", "R98-PREVIEW").replace("S_R0112345", "S_R98PREV");
    int studies = jdbc.queryForObject("SELECT count(*) FROM study", Integer.class);
    StudyImportPreview p = imports.preview(admin, text.getBytes(StandardCharsets.US_ASCII), "p.xml");
    assertEquals(13, p.counts().subjects());
    assertEquals(769, p.counts().values());
    assertEquals(4, p.counts().sites());
    assertEquals(6, p.counts().crfs());
    assertEquals(143, p.counts().items());
    assertEquals("R98-PREVIEW6", p.protocolId());
    assertFalse(p.notCarried().isEmpty());
    assertEquals(studies, jdbc.queryForObject("SELECT count(*) FROM study", Integer.class).intValue());
  }

  @Test
  public void onlyUsersWhoMayCreateStudiesMayImport() {
    String plain = accounts().user().userName();
    try {
      imports.preview(plain, original, R01);
      fail();
    } catch (PermissionDeniedException expected) {
      // refused before the file is read
    }
  }

  private static int count(byte[] xml, String needle) {
    String s = new String(xml, StandardCharsets.US_ASCII);
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
