package jp.ac.umin.libreclinica.core.odm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
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
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Clinical data entered through the real services (a study with a site, Japanese and non-BMP
 * values, a repeating event with a repeating group), exported as ODM 1.3 and validated against
 * the published schemas (with our addendum, and strictly), then read back value by value.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class ClinicalDataExporterTest {

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
  @Autowired private jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService notes;

  private static DesignFixture design;
  private static String dm;
  private static StudySubject tokyo;
  private static StudySubject atStudy;

  @Before
  public void enterDataOnce() {
    if (tokyo != null) {
      return;
    }
    dm = accounts().businessAdmin().userName();
    design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    studies.changeStatus(design.study.getId(), StudyStatus.AVAILABLE, null, dm);
    StudySubject tokyo = subjects.add(design.site.getId(), subject("東京-𠮷001", "1970-05-06"), null, false, dm);
    atStudy = subjects.add(design.study.getId(), subject("S-002", "1980-01-02"), null, false, dm);

    StudyEvent reg = studyEvents.schedule(tokyo.getId(), design.registration.getId(),
        new EventInput(Instant.parse("2026-04-07T01:30:00Z"), null, "東京 𩸽"), dm);
    EventCrf jp = entry.start(dm, reg.getId(), design.site.getId(), design.japanese.crfVersionId());
    save(jp, Map.of(ItemKey.of("KANJA_SEI"), "𠮷田", ItemKey.of("SHOKUJI"), "2",
        ItemKey.of("KOMENTO"), "改行\nあり <b>&</b> 🍣"));
    EventCrf vs = entry.start(dm, reg.getId(), design.site.getId(), design.vitals.crfVersionId());
    save(vs, Map.of(ItemKey.of("VSDAT"), "2026-04-07", ItemKey.of("HEIGHT"), "170.5"));

    for (int occurrence = 1; occurrence <= 2; occurrence++) {
      StudyEvent ae = studyEvents.schedule(tokyo.getId(), design.adverseEvents.getId(),
          new EventInput(Instant.parse("2026-05-0" + occurrence + "T00:00:00Z"), null, null), dm);
      EventCrf form = entry.start(dm, ae.getId(), design.site.getId(), design.aeV1.crfVersionId());
      save(form, Map.of(ItemKey.of("AEYN"), "1",
          new ItemKey("AETERM", 1), "頭痛 " + occurrence, new ItemKey("AETERM", 2), "発熱"));
    }
    ClinicalDataExporterTest.tokyo = tokyo;
  }

  private SubjectInput subject(String label, String dob) {
    Map<Long, Long> groups = new HashMap<>();
    jdbc.query("SELECT c.id, min(g.id) FROM subject_group_class c JOIN subject_group g ON g.group_class_id = c.id"
            + " WHERE c.study_id = ? GROUP BY c.id",
        rs -> {
          groups.put(rs.getLong(1), rs.getLong(2));
        },
        design.study.getId());
    return new SubjectInput(label, null, LocalDate.of(2026, 4, 1), Sex.FEMALE, dob, null, groups);
  }

  private void save(EventCrf form, Map<ItemKey, String> values) {
    SaveResult r = entry.save(dm, form.getId(), values, Map.of(), null);
    assertTrue(r.toString(), r.saved());
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  private byte[] full(long id, ClinicalDataFilter filter, OdmExportOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.exportFull(dm, id, filter, options, out);
    return out.toByteArray();
  }

  @Test
  public void fullExportValidatesAgainstThePublishedSchemasPlusOurAddendum() {
    byte[] xml = full(design.study.getId(), ClinicalDataFilter.all().withAudits(true), OdmExportOptions.libreClinica());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
  }

  @Test
  public void strictFullExportValidatesAgainstThePublishedSchemaUnchanged() {
    byte[] xml = full(design.study.getId(), ClinicalDataFilter.all().withAudits(true), OdmExportOptions.strictOpenClinica());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinica(), xml));
    byte[] plain = full(design.study.getId(), ClinicalDataFilter.all(), OdmExportOptions.plainOdm());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.plainOdm(), plain));
    assertFalse(new String(plain, StandardCharsets.UTF_8).contains("OpenClinica:"));
  }

  @Test
  public void oc3590_japaneseAndNonBmpValuesComeOutUnchanged() throws Exception {
    Document doc = parse(full(design.study.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
    XPath x = xpath();
    String subject = "//odm:SubjectData[@OpenClinica:StudySubjectID='東京-𠮷001']";
    assertEquals("𠮷田", x.evaluate(subject + "//odm:ItemData[contains(@ItemOID,'KANJA_SEI')]/@Value", doc));
    assertEquals("改行\nあり <b>&</b> 🍣", x.evaluate(subject + "//odm:ItemData[contains(@ItemOID,'KOMENTO')]/@Value", doc));
    assertEquals("東京 𩸽", x.evaluate(subject + "/odm:StudyEventData[1]/@OpenClinica:StudyEventLocation", doc));
    assertEquals("2026-04-07T10:30:00+09:00", x.evaluate(subject + "/odm:StudyEventData[1]/@OpenClinica:StartDate", doc));
  }

  @Test
  public void subjectsGoUnderTheClinicalDataOfTheirSiteWithTheSiteMetaDataVersion() throws Exception {
    Document doc = parse(full(design.study.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
    XPath x = xpath();
    String siteOid = design.site.getOid();
    assertEquals("v1.0.0-" + siteOid,
        x.evaluate("//odm:ClinicalData[@StudyOID='" + siteOid + "']/@MetaDataVersionOID", doc));
    assertEquals(tokyo.getOid(),
        x.evaluate("//odm:ClinicalData[@StudyOID='" + siteOid + "']/odm:SubjectData/@SubjectKey", doc));
    assertEquals(atStudy.getOid(), x.evaluate(
        "//odm:ClinicalData[@StudyOID='" + design.study.getOid() + "']/odm:SubjectData/@SubjectKey", doc));
    // the study's own ClinicalData comes first, as the site's subjects are not in it
    assertEquals(design.study.getOid(), x.evaluate("(//odm:ClinicalData)[1]/@StudyOID", doc));
    assertEquals("1970-05-06", x.evaluate("//odm:SubjectData[@SubjectKey='" + tokyo.getOid() + "']/@OpenClinica:DateOfBirth", doc));
    assertEquals("f", x.evaluate("//odm:SubjectData[@SubjectKey='" + tokyo.getOid() + "']/@OpenClinica:Sex", doc));
    assertEquals("available", x.evaluate("//odm:SubjectData[@SubjectKey='" + tokyo.getOid() + "']/@OpenClinica:Status", doc));
  }

  @Test
  public void repeatingEventsAndGroupsCarryTheirRepeatKeys() throws Exception {
    Document doc = parse(full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
    XPath x = xpath();
    String ae = "//odm:StudyEventData[@StudyEventOID='" + design.adverseEvents.getOid() + "']";
    assertEquals(2.0, (Double) x.evaluate("count(" + ae + ")", doc, XPathConstants.NUMBER), 0);
    assertEquals("1,2", x.evaluate(ae + "[1]/@StudyEventRepeatKey", doc) + "," + x.evaluate(ae + "[2]/@StudyEventRepeatKey", doc));
    NodeList rows = (NodeList) x.evaluate(ae + "[2]//odm:ItemGroupData[@ItemGroupRepeatKey]", doc, XPathConstants.NODESET);
    assertEquals(2, rows.getLength());
    assertEquals("頭痛 2", x.evaluate(ae + "[2]//odm:ItemGroupData[@ItemGroupRepeatKey='1']/odm:ItemData[contains(@ItemOID,'AETERM')]/@Value", doc));
    assertEquals("発熱", x.evaluate(ae + "[2]//odm:ItemGroupData[@ItemGroupRepeatKey='2']/odm:ItemData/@Value", doc));
    // the non-repeating group has no repeat key
    assertEquals("", x.evaluate(ae + "[2]//odm:ItemGroupData[odm:ItemData[contains(@ItemOID,'AEYN')]]/@ItemGroupRepeatKey", doc));
    // the registration event is not repeating
    assertEquals("", x.evaluate("//odm:StudyEventData[@StudyEventOID='" + design.registration.getOid() + "']/@StudyEventRepeatKey", doc));
    // units refer to the metadata's MeasurementUnit
    String unitRef = x.evaluate("//odm:ItemData[contains(@ItemOID,'HEIGHT')]/odm:MeasurementUnitRef/@MeasurementUnitOID", doc);
    assertEquals("cm", x.evaluate("//odm:MeasurementUnit[@OID='" + unitRef + "']/@Name", doc));
  }

  @Test
  public void aSiteExportHoldsOnlyTheSiteSubjects() throws Exception {
    Document doc = parse(full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
    XPath x = xpath();
    assertEquals(1.0, (Double) x.evaluate("count(//odm:SubjectData)", doc, XPathConstants.NUMBER), 0);
    assertEquals(tokyo.getOid(), x.evaluate("//odm:SubjectData/@SubjectKey", doc));
  }

  @Test
  public void filtersBySubjectEventAndForm() throws Exception {
    XPath x = xpath();
    Document one = parse(full(design.study.getId(),
        new ClinicalDataFilter("s-002", null, null, false), OdmExportOptions.libreClinica()));
    assertEquals(atStudy.getOid(), x.evaluate("//odm:SubjectData/@SubjectKey", one));
    assertEquals(1.0, (Double) x.evaluate("count(//odm:SubjectData)", one, XPathConstants.NUMBER), 0);

    Document event = parse(full(design.study.getId(),
        new ClinicalDataFilter(null, design.registration.getOid(), null, false), OdmExportOptions.libreClinica()));
    assertEquals(0.0, (Double) x.evaluate("count(//odm:StudyEventData[@StudyEventOID='"
        + design.adverseEvents.getOid() + "'])", event, XPathConstants.NUMBER), 0);
    assertEquals(1.0, (Double) x.evaluate("count(//odm:StudyEventData)", event, XPathConstants.NUMBER), 0);

    String formOid = x.evaluate("//odm:FormData[odm:ItemGroupData/odm:ItemData[contains(@ItemOID,'HEIGHT')]]/@FormOID", event);
    Document form = parse(full(design.study.getId(),
        new ClinicalDataFilter(null, null, formOid, false), OdmExportOptions.libreClinica()));
    assertEquals(1.0, (Double) x.evaluate("count(//odm:FormData)", form, XPathConstants.NUMBER), 0);
  }

  @Test
  public void auditLogsNameWhoChangedWhatWhenAsked() throws Exception {
    XPath x = xpath();
    Document without = parse(full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
    assertEquals(0.0, (Double) x.evaluate("count(//OpenClinica:AuditLog)", without, XPathConstants.NUMBER), 0);
    Document with = parse(full(design.site.getId(), ClinicalDataFilter.all().withAudits(true), OdmExportOptions.libreClinica()));
    String logs = "//odm:SubjectData[@SubjectKey='" + tokyo.getOid() + "']/OpenClinica:AuditLogs";
    assertEquals(tokyo.getOid(), x.evaluate(logs + "/@EntityID", with));
    assertEquals(dm, x.evaluate(logs + "/OpenClinica:AuditLog[@NewValue='𠮷田']/@UserID", with));
    assertEquals("item.value", x.evaluate(logs + "/OpenClinica:AuditLog[@NewValue='𠮷田']/@Type", with));
    assertTrue(x.evaluate(logs + "/OpenClinica:AuditLog[@Type='subject.create']/@ID", with).startsWith("AL_"));
  }

  @Test
  public void oc2904_yearOfBirthOnlyStudiesExportTheYearAndNotUsedExportsNothing() throws Exception {
    StudyParameters p = studies.get(design.study.getId()).getParameters().copy();
    p.setDateOfBirth(StudyParameters.DateOfBirth.YEAR_ONLY);
    var study = studies.get(design.study.getId());
    try {
      studies.updateParameters(study.getId(), study.getVersion(), p, dm);
      XPath x = xpath();
      Document year = parse(full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
      assertEquals("1970", x.evaluate("//odm:SubjectData/@OpenClinica:YearOfBirth", year));
      assertEquals("", x.evaluate("//odm:SubjectData/@OpenClinica:DateOfBirth", year));
      assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(),
          full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica())));

      p.setDateOfBirth(StudyParameters.DateOfBirth.NOT_USED);
      study = studies.get(design.study.getId());
      studies.updateParameters(study.getId(), study.getVersion(), p, dm);
      Document none = parse(full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
      assertEquals("", x.evaluate("//odm:SubjectData/@OpenClinica:YearOfBirth", none));
      assertEquals("", x.evaluate("//odm:SubjectData/@OpenClinica:DateOfBirth", none));
      assertEquals(tokyo.getOid(), x.evaluate("//odm:SubjectData/@SubjectKey", none));
    } finally {
      p.setDateOfBirth(StudyParameters.DateOfBirth.FULL);
      study = studies.get(design.study.getId());
      studies.updateParameters(study.getId(), study.getVersion(), p, dm);
    }
  }

  @Test
  public void discrepancyNotesGoWithTheirItemsWhenAsked() throws Exception {
    long form = jdbc.queryForObject("SELECT ec.id FROM event_crf ec JOIN study_event se ON se.id = ec.study_event_id"
        + " WHERE se.study_subject_id = ? AND ec.crf_version_id = ?", Long.class, tokyo.getId(), design.japanese.crfVersionId());
    var thread = notes.raise(dm, jp.ac.umin.libreclinica.core.discrepancy.NoteTarget.itemValue(form, "KANJA_SEI", 1),
        new jp.ac.umin.libreclinica.core.discrepancy.NewNote(jp.ac.umin.libreclinica.core.discrepancy.NoteType.QUERY,
            "姓の字体は？ 𠮷", "「吉」ではなく「𠮷」", null));
    notes.close(dm, thread.getId(), thread.getVersion(), "確認済み", null);
    XPath x = xpath();
    Document without = parse(full(design.site.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica()));
    assertEquals(0.0, (Double) x.evaluate("count(//OpenClinica:DiscrepancyNote)", without, XPathConstants.NUMBER), 0);
    byte[] xml = full(design.site.getId(), ClinicalDataFilter.all().withNotes(true), OdmExportOptions.libreClinica());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinica(),
        full(design.site.getId(), ClinicalDataFilter.all().withNotes(true), OdmExportOptions.strictOpenClinica())));
    Document doc = parse(xml);
    String dn = "//odm:ItemData[contains(@ItemOID,'KANJA_SEI')]/OpenClinica:DiscrepancyNotes";
    assertTrue(x.evaluate(dn + "/@EntityID", doc).contains("KANJA_SEI"));
    assertEquals("Query", x.evaluate(dn + "/OpenClinica:DiscrepancyNote/@NoteType", doc));
    assertEquals("Closed", x.evaluate(dn + "/OpenClinica:DiscrepancyNote/@Status", doc));
    assertEquals("2", x.evaluate(dn + "/OpenClinica:DiscrepancyNote/@NumberOfChildNotes", doc));
    assertEquals("姓の字体は？ 𠮷", x.evaluate(dn + "/OpenClinica:DiscrepancyNote/OpenClinica:ChildNote[1]/OpenClinica:Description", doc));
    assertEquals("「吉」ではなく「𠮷」", x.evaluate(dn + "/OpenClinica:DiscrepancyNote/OpenClinica:ChildNote[1]/OpenClinica:DetailedNote", doc));
    assertTrue(x.evaluate(dn + "/OpenClinica:DiscrepancyNote/OpenClinica:ChildNote[1]/odm:UserRef/@UserOID", doc).startsWith("USR_"));
  }

  @Test
  public void aUserWithoutARoleMayNotExtract() {
    String stranger = accounts().user().userName();
    try {
      full(design.study.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica());
      exporter.exportClinical(stranger, design.study.getId(), ClinicalDataFilter.all(),
          OdmExportOptions.libreClinica(), new ByteArrayOutputStream());
      fail("a user without a role extracted data");
    } catch (PermissionDeniedException expected) {
      // refused
    }
  }

  @Test
  public void clinicalOnlyExportHasNoStudyElementAndValidates() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.exportClinical(dm, design.study.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica(), out);
    Document doc = parse(out.toByteArray());
    assertEquals(0.0, (Double) xpath().evaluate("count(//odm:Study)", doc, XPathConstants.NUMBER), 0);
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), out.toByteArray()));
    Element root = doc.getDocumentElement();
    assertNull(root.getAttributes().getNamedItem("NoSuchThing"));
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  static XPath xpath() {
    XPath x = XPathFactory.newInstance().newXPath();
    x.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
      @Override
      public String getNamespaceURI(String prefix) {
        return switch (prefix) {
          case "odm" -> OdmNamespaces.ODM;
          case "OpenClinica" -> OdmNamespaces.OPENCLINICA;
          default -> XMLConstants.NULL_NS_URI;
        };
      }

      @Override
      public String getPrefix(String uri) {
        return null;
      }

      @Override
      public java.util.Iterator<String> getPrefixes(String uri) {
        return null;
      }
    });
    return x;
  }
}
