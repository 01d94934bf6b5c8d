package jp.ac.umin.libreclinica.core.odm.importing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
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
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.design.DesignFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataExporter;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataFilter;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
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
 * ODM import against data entered through the real services: the export of a study imports
 * back unchanged, a changed value needs and records a reason, and bad files import nothing.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class OdmImportServiceTest {

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
  @Autowired private ClinicalDataExporter exporter;
  @Autowired private OdmImportService importer;

  private DesignFixture design;
  private String dm;
  private StudySubject tokyo;
  private StudySubject other;

  @Before
  public void enterData() {
    dm = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).businessAdmin().userName();
    design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    studies.changeStatus(design.study.getId(), StudyStatus.AVAILABLE, null, dm);
    tokyo = subjects.add(design.site.getId(), subject("東京-001"), null, false, dm);
    other = subjects.add(design.study.getId(), subject("S-002"), null, false, dm);
    StudyEvent reg = studyEvents.schedule(tokyo.getId(), design.registration.getId(),
        new EventInput(Instant.parse("2026-04-07T01:30:00Z"), null, null), dm);
    EventCrf jp = entry.start(dm, reg.getId(), design.site.getId(), design.japanese.crfVersionId());
    save(jp, Map.of(ItemKey.of("KANJA_SEI"), "𠮷田", ItemKey.of("SHOKUJI"), "2"));
    StudyEvent ae = studyEvents.schedule(tokyo.getId(), design.adverseEvents.getId(),
        new EventInput(Instant.parse("2026-05-01T00:00:00Z"), null, null), dm);
    EventCrf form = entry.start(dm, ae.getId(), design.site.getId(), design.aeV1.crfVersionId());
    save(form, Map.of(ItemKey.of("AEYN"), "1", new ItemKey("AETERM", 1), "頭痛", new ItemKey("AETERM", 2), "発熱"));
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

  private void save(EventCrf form, Map<ItemKey, String> values) {
    SaveResult r = entry.save(dm, form.getId(), values, Map.of(), null);
    assertTrue(r.toString(), r.saved());
  }

  private String export() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.exportFull(dm, design.study.getId(), ClinicalDataFilter.all().withAudits(true),
        OdmExportOptions.libreClinica(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ByteArrayInputStream in(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> values(String itemName) {
    return jdbc.queryForList("SELECT d.value FROM item_data d JOIN item i ON i.id = d.item_id"
        + " JOIN event_crf e ON e.id = d.event_crf_id JOIN study_event se ON se.id = e.study_event_id"
        + " WHERE i.name = ? AND se.study_subject_id = ? ORDER BY d.ordinal", String.class, itemName, tokyo.getId());
  }

  private String minimal(String studyOid, String subjectKey, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n"
        + "<ClinicalData StudyOID=\"" + studyOid + "\" MetaDataVersionOID=\"v1.0.0\">\n"
        + "<SubjectData SubjectKey=\"" + subjectKey + "\">\n" + body + "</SubjectData>\n</ClinicalData>\n</ODM>\n";
  }

  private String aeForm(String formOid, String groups) {
    return "<StudyEventData StudyEventOID=\"" + design.adverseEvents.getOid() + "\" StudyEventRepeatKey=\"1\">\n"
        + "<FormData FormOID=\"" + formOid + "\">\n" + groups + "</FormData>\n</StudyEventData>\n";
  }

  private String oidOf(String itemName) {
    return oidOf(design.aeV1, itemName);
  }

  private String oidOf(jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome crf, String itemName) {
    return jdbc.queryForObject("SELECT oid FROM item WHERE crf_id = ? AND name = ?", String.class,
        crf.crfId(), itemName);
  }

  private String groupOidOf(String itemName) {
    return groupOidOf(design.aeV1, itemName);
  }

  private String groupOidOf(jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome crf, String itemName) {
    return jdbc.queryForObject("SELECT ig.oid FROM item_group ig JOIN item_group_metadata igm ON igm.item_group_id = ig.id"
        + " JOIN item_form_metadata ifm ON ifm.item_group_metadata_id = igm.id JOIN item i ON i.id = ifm.item_id"
        + " WHERE i.crf_id = ? AND i.name = ? AND igm.crf_version_id = ?", String.class,
        crf.crfId(), itemName, crf.crfVersionId());
  }

  @Test
  public void theStudysOwnExportImportsBackWithEveryValueUnchanged() {
    ImportReport r = importer.validate(dm, design.study.getId(), in(export()));
    assertFalse(r.errors().toString(), r.hasErrors());
    assertEquals(0, r.newValues());
    assertEquals(0, r.changedValues());
    // 5 typed values and AECOUNT, the group-calculation computed on save
    assertEquals(6, r.unchangedValues());
    ImportReport done = importer.importFile(dm, design.study.getId(), in(export()), null, OdmImportService.Scope.FILE);
    assertFalse(done.errors().toString(), done.hasErrors());
  }

  @Test
  public void oneChangedValueInTheExportIsOneChangeStoredWithTheReason() {
    String xml = export().replace("Value=\"頭痛\"", "Value=\"偏頭痛\"");
    ImportReport check = importer.validate(dm, design.study.getId(), in(xml));
    assertEquals(1, check.changedValues());
    assertEquals(5, check.unchangedValues());

    ImportReport noReason = importer.importFile(dm, design.study.getId(), in(xml), " ", OdmImportService.Scope.FILE);
    assertEquals("odm.import.reasonRequired", noReason.errors().get(0).messageKey());
    assertEquals(List.of("頭痛", "発熱"), values("AETERM"));

    ImportReport done = importer.importFile(dm, design.study.getId(), in(xml), "原資料の転記誤り", OdmImportService.Scope.FILE);
    assertTrue(done.errors().toString(), done.imported());
    assertEquals(List.of("偏頭痛", "発熱"), values("AETERM"));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE entity_type = 'ItemData' AND old_value = '頭痛'"
            + " AND new_value = '偏頭痛' AND reason = '原資料の転記誤り'", Integer.class));
  }

  @Test
  public void oc178_aFileWithOneBadValueImportsNothingAndNamesLineAndOid() {
    String body = aeForm(design.aeV1.crfVersionOid(),
        "<ItemGroupData ItemGroupOID=\"" + groupOidOf("AETERM") + "\" ItemGroupRepeatKey=\"3\">\n"
            + "<ItemData ItemOID=\"" + oidOf("AETERM") + "\" Value=\"めまい\"/>\n</ItemGroupData>\n"
            + "<ItemGroupData ItemGroupOID=\"" + groupOidOf("AEYN") + "\">\n"
            + "<ItemData ItemOID=\"" + oidOf("AEYN") + "\" Value=\"9\"/>\n</ItemGroupData>\n");
    String xml = minimal(design.site.getOid(), tokyo.getOid(), body);
    ImportReport r = importer.importFile(dm, design.study.getId(), in(xml), "理由", OdmImportService.Scope.FILE);
    assertFalse(r.imported());
    ImportProblem p = r.errors().get(0);
    assertEquals(oidOf("AEYN"), p.oid());
    assertEquals(11, p.line());
    assertEquals(List.of("頭痛", "発熱"), values("AETERM"));
  }

  @Test
  public void oc658_aNonRepeatingGroupAfterRow3OfARepeatingGroupStaysRow1WithoutBlankRows() {
    String body = aeForm(design.aeV1.crfVersionOid(),
        "<ItemGroupData ItemGroupOID=\"" + groupOidOf("AETERM") + "\" ItemGroupRepeatKey=\"3\">\n"
            + "<ItemData ItemOID=\"" + oidOf("AETERM") + "\" Value=\"めまい\"/>\n</ItemGroupData>\n"
            + "<ItemGroupData ItemGroupOID=\"" + groupOidOf("AEYN") + "\" ItemGroupRepeatKey=\"3\">\n"
            + "<ItemData ItemOID=\"" + oidOf("AEYN") + "\" Value=\"1\"/>\n</ItemGroupData>\n");
    ImportReport r = importer.importFile(dm, design.study.getId(),
        in(minimal(design.site.getOid(), tokyo.getOid(), body)), null, OdmImportService.Scope.FILE);
    assertTrue(r.errors().toString(), r.imported());
    assertEquals(List.of("頭痛", "発熱", "めまい"), values("AETERM"));
    assertEquals(List.of("1"), values("AEYN"));
  }

  @Test
  public void oc3472_anotherVersionOfAStartedCrfIsRefusedAndNoSecondEventCrfIsCreated() {
    String body = aeForm(design.aeV2.crfVersionOid(), "");
    ImportReport r = importer.importFile(dm, design.study.getId(),
        in(minimal(design.site.getOid(), tokyo.getOid(), body)), null, OdmImportService.Scope.FILE);
    assertFalse(r.imported());
    assertEquals("odm.import.otherVersionStarted", r.errors().get(0).messageKey());
    assertEquals(design.aeV2.crfVersionOid(), r.errors().get(0).oid());
    assertEquals(Integer.valueOf(1), jdbc.queryForObject("SELECT count(*) FROM event_crf e JOIN study_event se"
        + " ON se.id = e.study_event_id WHERE se.study_subject_id = ? AND e.crf_id = ?", Integer.class,
        tokyo.getId(), design.aeV1.crfId()));
  }

  @Test
  public void odmForAnotherStudyIsRefused() {
    ImportReport r = importer.validate(dm, design.study.getId(), in(minimal("S_ELSEWHERE", tokyo.getOid(), "")));
    assertEquals("odm.import.otherStudy", r.errors().get(0).messageKey());
    assertEquals("S_ELSEWHERE", r.errors().get(0).oid());
    assertEquals(3, r.errors().get(0).line());
  }

  @Test
  public void unknownSubjectEventAndItemOidsAreEachReported() {
    ImportReport r = importer.validate(dm, design.study.getId(),
        in(minimal(design.study.getOid(), "SS_NOBODY", "")));
    assertEquals("odm.import.unknownSubject", r.errors().get(0).messageKey());
    String body = aeForm(design.aeV1.crfVersionOid(),
        "<ItemGroupData ItemGroupOID=\"" + groupOidOf("AEYN") + "\">\n"
            + "<ItemData ItemOID=\"I_NO_SUCH\" Value=\"1\"/>\n</ItemGroupData>\n")
        + "<StudyEventData StudyEventOID=\"SE_NO_SUCH\"/>\n";
    ImportReport items = importer.validate(dm, design.study.getId(),
        in(minimal(design.site.getOid(), tokyo.getOid(), body)));
    assertEquals(List.of("odm.import.unknownItem", "odm.import.unknownEvent"),
        items.errors().stream().map(ImportProblem::messageKey).toList());
    assertEquals("I_NO_SUCH", items.errors().get(0).oid());
  }

  @Test
  public void newEventsAreScheduledAndFormsStartedForASubjectWithoutData() {
    String body = "<StudyEventData StudyEventOID=\"" + design.registration.getOid() + "\">\n"
        + "<FormData FormOID=\"" + design.japanese.crfVersionOid() + "\">\n"
        + "<ItemGroupData ItemGroupOID=\"" + groupOidOf(design.japanese, "SHOKUJI") + "\">\n"
        + "<ItemData ItemOID=\"" + oidOf(design.japanese, "SHOKUJI") + "\" Value=\"1\"/>\n</ItemGroupData>\n"
        + "</FormData>\n</StudyEventData>\n";
    ImportReport r = importer.importFile(dm, design.study.getId(),
        in(minimal(design.study.getOid(), other.getOid(), body)), null, OdmImportService.Scope.SUBJECT);
    assertTrue(r.errors().toString(), r.imported());
    assertEquals(1, r.newValues());
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "SELECT count(*) FROM study_event WHERE study_subject_id = ?", Integer.class, other.getId()));
  }
}
