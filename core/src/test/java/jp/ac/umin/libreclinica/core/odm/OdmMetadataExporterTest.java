package jp.ac.umin.libreclinica.core.odm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import jp.ac.umin.libreclinica.core.design.DesignFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyService;
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
 * The ODM metadata of a study built through the real services, validated against the published
 * schemas (from {@code lc.shared.dir}) and our addendum, and read back.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class OdmMetadataExporterTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private GroupClassService groupClasses;
  @Autowired private OdmMetadataExporter exporter;

  private static DesignFixture design;
  private static String dm;

  @Before
  public void buildDesignOnce() {
    if (design == null) {
      dm = accounts().businessAdmin().userName();
      design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    }
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  private byte[] export(long id, OdmExportOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.export(dm, id, options, out);
    return out.toByteArray();
  }

  @Test
  public void defaultExportValidatesAgainstThePublishedSchemasPlusOurAddendum() {
    byte[] xml = export(design.study.getId(), OdmExportOptions.libreClinica());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
  }

  @Test
  public void defaultExportBreaksThePublishedSchemaOnlyWithTheAdditionsRealExtractsCarry() {
    byte[] xml = export(design.study.getId(), OdmExportOptions.libreClinica());
    Set<String> kinds = new TreeSet<>();
    for (String e : OdmSchemas.errors(OdmSchemas.openClinica(), xml)) {
      kinds.add(e.contains("OrderInForm") ? "OrderInForm" : e.contains("SectionDetails") ? "SectionDetails" : e);
    }
    assertEquals(Set.of("OrderInForm", "SectionDetails"), kinds);
  }

  @Test
  public void strictExportValidatesAgainstThePublishedOpenClinicaSchemaUnchanged() {
    byte[] xml = export(design.study.getId(), OdmExportOptions.strictOpenClinica());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinica(), xml));
    assertTrue(text(xml).contains("OpenClinica:ItemDetails"));
    assertFalse(text(xml).contains("OrderInForm"));
    assertFalse(text(xml).contains("SectionDetails"));
  }

  @Test
  public void exportWithoutExtensionsValidatesAgainstPlainOdm13() {
    byte[] xml = export(design.study.getId(), OdmExportOptions.plainOdm());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.plainOdm(), xml));
    assertFalse(text(xml).contains("OpenClinica"));
    assertTrue(text(xml).contains("xsi:schemaLocation=\"http://www.cdisc.org/ns/odm/v1.3 ODM1-3-0.xsd\""));
  }

  @Test
  public void siteExportValidatesAndCarriesTheSiteOwnOids() throws Exception {
    byte[] xml = export(design.site.getId(), OdmExportOptions.libreClinica());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
    Document doc = parse(xml);
    assertEquals(design.site.getOid(), xpath(doc, "/ODM/Study/@OID"));
    assertEquals("v1.0.0-" + design.site.getOid(), xpath(doc, "/ODM/Study/MetaDataVersion/@OID"));
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.plainOdm(), export(design.site.getId(), OdmExportOptions.plainOdm())));
  }

  @Test
  public void rootCarriesLibreClinicaNamespacesAndSchemaLocation() throws Exception {
    byte[] xml = export(design.study.getId(), OdmExportOptions.libreClinica());
    String head = text(xml).substring(0, text(xml).indexOf("<Study"));
    assertTrue(head, head.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assertTrue(head.contains("xmlns=\"http://www.cdisc.org/ns/odm/v1.3\""));
    assertTrue(head.contains("xmlns:OpenClinica=\"http://www.openclinica.org/ns/odm_ext_v130/v3.1\""));
    assertTrue(head.contains("xmlns:OpenClinicaRules=\"http://www.openclinica.org/ns/rules/v3.1\""));
    assertTrue(head.contains("xsi:schemaLocation=\"http://www.cdisc.org/ns/odm/v1.3 OpenClinica-ODM1-3-0-OC2-0.xsd\""));
    Document doc = parse(xml);
    assertEquals("1.3", xpath(doc, "/ODM/@ODMVersion"));
    assertEquals("Snapshot", xpath(doc, "/ODM/@FileType"));
    assertTrue(xpath(doc, "/ODM/@FileOID").matches("Study-MetaD\\d{14}\\+0000"));
    assertTrue(xpath(doc, "/ODM/@CreationDateTime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00"));
    assertEquals(design.study.getOid(), xpath(doc, "/ODM/Study[1]/@OID"));
    assertEquals("v1.0.0", xpath(doc, "/ODM/Study[1]/MetaDataVersion/@OID"));
    assertEquals(design.study.getProtocolId(), xpath(doc, "/ODM/Study[1]/GlobalVariables/ProtocolName"));
  }

  @Test
  public void protocolListsEventsWithFormsInOrderAndOneFormDefPerCrfVersion() throws Exception {
    Document doc = parse(export(design.study.getId(), OdmExportOptions.libreClinica()));
    String mdv = "/ODM/Study[1]/MetaDataVersion";
    assertEquals(List.of(design.registration.getOid(), design.adverseEvents.getOid(), design.common.getOid()),
        values(doc, mdv + "/Protocol/StudyEventRef/@StudyEventOID"));
    assertEquals(List.of("1", "2", "3"), values(doc, mdv + "/Protocol/StudyEventRef/@OrderNumber"));
    String ae = mdv + "/StudyEventDef[@OID='" + design.adverseEvents.getOid() + "']";
    assertEquals("Yes", xpath(doc, ae + "/@Repeating"));
    assertEquals("Unscheduled", xpath(doc, ae + "/@Type"));
    assertEquals("Common", xpath(doc, mdv + "/StudyEventDef[@OID='" + design.common.getOid() + "']/@Type"));
    // both versions of the adverse-event CRF are forms of the event
    assertEquals(List.of(design.aeV1.crfVersionOid(), design.aeV2.crfVersionOid()), values(doc, ae + "/FormRef/@FormOID"));
    assertEquals(4, values(doc, mdv + "/FormDef/@OID").size());
    String aeV2 = mdv + "/FormDef[@OID='" + design.aeV2.crfVersionOid() + "']";
    assertEquals(design.aeV2.crfOid(), xpath(doc, aeV2 + "/OpenClinica:FormDetails/@ParentFormOID"));
    assertEquals("Yes", xpath(doc, aeV2 + "/OpenClinica:FormDetails/OpenClinica:PresentInEventDefinition/@IsDefaultVersion"));
    assertEquals("No", xpath(doc, mdv + "/FormDef[@OID='" + design.aeV1.crfVersionOid()
        + "']/OpenClinica:FormDetails/OpenClinica:PresentInEventDefinition/@IsDefaultVersion"));
    String vitals = mdv + "/FormDef[@OID='" + design.vitals.crfVersionOid() + "']/OpenClinica:FormDetails";
    assertEquals(List.of(design.registration.getOid(), design.common.getOid()),
        values(doc, vitals + "/OpenClinica:PresentInEventDefinition/@StudyEventOID"));
    assertEquals("100percent_required", xpath(doc, vitals + "/OpenClinica:PresentInEventDefinition[1]/@SourceDataVerification"));
    assertEquals("Yes", xpath(doc, vitals + "/OpenClinica:PresentInEventDefinition[1]/@PasswordRequired"));
    String japanese = mdv + "/FormDef[@OID='" + design.japanese.crfVersionOid() + "']/OpenClinica:FormDetails/OpenClinica:PresentInEventDefinition";
    assertEquals("partial_required", xpath(doc, japanese + "/@SourceDataVerification"));
    assertEquals("Yes", xpath(doc, japanese + "/@HideCRF"));
    assertEquals("Yes", xpath(doc, japanese + "/@DoubleDataEntry"));
    // an event without CRFs has no StudyEventDef (ODM needs a FormRef in each)
    assertEquals(3, values(doc, mdv + "/StudyEventDef/@OID").size());
    assertEquals("Screening", xpath(doc, mdv + "/StudyEventDef[1]/OpenClinica:EventDefinitionDetails/OpenClinica:Category"));
  }

  @Test
  public void itemsMapDataTypesUnitsRangeChecksAndCodeLists() throws Exception {
    Document doc = parse(export(design.study.getId(), OdmExportOptions.libreClinica()));
    String mdv = "/ODM/Study[1]/MetaDataVersion";
    String height = item(doc, "HEIGHT", design.vitals.crfVersionOid());
    assertEquals("float", xpath(doc, height + "/@DataType"));
    assertEquals("5", xpath(doc, height + "/@Length"));
    assertEquals("1", xpath(doc, height + "/@SignificantDigits"));
    assertEquals(List.of("GE", "LE"), values(doc, height + "/RangeCheck/@Comparator"));
    assertEquals(List.of("50", "250"), values(doc, height + "/RangeCheck/CheckValue"));
    assertEquals("Height must be between 50 and 250 cm", xpath(doc, height + "/RangeCheck[1]/ErrorMessage/TranslatedText"));
    String cm = xpath(doc, height + "/MeasurementUnitRef/@MeasurementUnitOID");
    assertEquals("MU_CM", cm);
    assertEquals("cm", xpath(doc, "/ODM/Study[1]/BasicDefinitions/MeasurementUnit[@OID='MU_CM']/Symbol/TranslatedText"));
    assertEquals("GT", xpath(doc, item(doc, "SYSBP", design.vitals.crfVersionOid()) + "/RangeCheck/@Comparator"));
    assertEquals("3a", xpath(doc, item(doc, "SYSBP", design.vitals.crfVersionOid()) + "/Question/@OpenClinica:QuestionNumber"));
    assertEquals("integer", xpath(doc, item(doc, "SYSBP", design.vitals.crfVersionOid()) + "/@DataType"));
    assertEquals("date", xpath(doc, item(doc, "AESTDT", design.aeV1.crfVersionOid()) + "/@DataType"));
    assertEquals("partialDate", xpath(doc, item(doc, "AEENDT", design.aeV1.crfVersionOid()) + "/@DataType"));
    assertEquals("text", xpath(doc, item(doc, "AETERM", design.aeV1.crfVersionOid()) + "/@DataType"));
    assertEquals("", xpath(doc, item(doc, "TIME", design.vitals.crfVersionOid()) + "/RangeCheck/@Comparator"));
    // single choice: a CodeList; multiple choice: an OpenClinica:MultiSelectList
    String sex = item(doc, "SEX", design.vitals.crfVersionOid());
    String codeList = xpath(doc, sex + "/CodeListRef/@CodeListOID");
    assertEquals(List.of("1", "2"), values(doc, mdv + "/CodeList[@OID='" + codeList + "']/CodeListItem/@CodedValue"));
    assertEquals(List.of("Male", "Female"), values(doc, mdv + "/CodeList[@OID='" + codeList + "']/CodeListItem/Decode/TranslatedText"));
    assertEquals("integer", xpath(doc, mdv + "/CodeList[@OID='" + codeList + "']/@DataType"));
    String rel = item(doc, "AEREL", design.aeV1.crfVersionOid());
    assertEquals("", xpath(doc, rel + "/CodeListRef/@CodeListOID"));
    String msl = xpath(doc, rel + "/OpenClinica:MultiSelectListRef/@MultiSelectListID");
    assertEquals(List.of("Drug A", "Drug B", "Procedure, other"),
        values(doc, mdv + "/OpenClinica:MultiSelectList[@ID='" + msl + "']/OpenClinica:MultiSelectListItem/Decode/TranslatedText"));
    // per-form layout: both versions of the adverse-event CRF
    String term = item(doc, "AETERM", design.aeV1.crfVersionOid());
    assertEquals(design.aeV1.crfVersionOid() + "," + design.aeV2.crfVersionOid(), xpath(doc, term + "/@OpenClinica:FormOIDs"));
    assertEquals(2, values(doc, term + "/OpenClinica:ItemDetails/OpenClinica:ItemPresentInForm/@FormOID").size());
    assertEquals("2", xpath(doc, term + "/OpenClinica:ItemDetails/OpenClinica:ItemPresentInForm[1]/@OrderInForm"));
    String preg = item(doc, "PREG", design.vitals.crfVersionOid()) + "/OpenClinica:ItemDetails/OpenClinica:ItemPresentInForm";
    assertEquals("No", xpath(doc, preg + "/@ShowItem"));
    assertEquals("SEX", xpath(doc, preg + "/OpenClinica:SimpleConditionalDisplay/OpenClinica:ControlItemName"));
    // a repeating group with its repeat settings
    String log = mdv + "/ItemGroupDef[@Name='AE_LOG']";
    assertEquals("Yes", xpath(doc, log + "/@Repeating"));
    assertEquals("50", xpath(doc, log + "/OpenClinica:ItemGroupDetails/OpenClinica:PresentInForm[1]/OpenClinica:ItemGroupRepeat/@RepeatMax"));
    // an item only the second version has
    assertEquals(design.aeV2.crfVersionOid(), xpath(doc, item(doc, "AENOTE", design.aeV2.crfVersionOid()) + "/@OpenClinica:FormOIDs"));
  }

  @Test
  public void studyDetailsParametersAndGroupClassesAreWritten() throws Exception {
    Document doc = parse(export(design.study.getId(), OdmExportOptions.libreClinica()));
    String details = "/ODM/Study[1]/MetaDataVersion/OpenClinica:StudyDetails";
    assertEquals(design.study.getOid(), xpath(doc, details + "/@StudyOID"));
    assertEquals("2026-04-01", xpath(doc, details + "/OpenClinica:StudyDescriptionAndStatus/@StartDate"));
    assertEquals("pending", xpath(doc, details + "/OpenClinica:StudyDescriptionAndStatus/OpenClinica:StudySytemStatus"));
    assertEquals("Phase II", xpath(doc, details + "/OpenClinica:StudyDescriptionAndStatus/OpenClinica:StudyPhase"));
    assertEquals("120", xpath(doc, details + "/OpenClinica:ConditionsAndEligibility/OpenClinica:ExpectedTotalEnrollment"));
    assertEquals("113-8655", xpath(doc, details + "/OpenClinica:FacilityInformation/OpenClinica:PostalCode"));
    String config = details + "/OpenClinica:StudyParameterConfiguration";
    assertEquals("1", xpath(doc, config + "/OpenClinica:StudyParameterListRef[@StudyParameterListID='SPL_collectDob']/@Value"));
    assertEquals("manual", xpath(doc, config + "/OpenClinica:StudyParameterListRef[@StudyParameterListID='SPL_subjectIdGeneration']/@Value"));
    assertEquals(List.of("A群", "B群"), values(doc,
        "/ODM/Study[1]/MetaDataVersion/OpenClinica:StudyGroupClassList/OpenClinica:StudyGroupItem/@Name"));
    // the site: its own Study, including the study's MetaDataVersion
    String site = "/ODM/Study[@OID='" + design.site.getOid() + "']";
    assertEquals(design.study.getOid(), xpath(doc, site + "/MetaDataVersion/Include/@StudyOID"));
    assertEquals("v1.0.0", xpath(doc, site + "/MetaDataVersion/Include/@MetaDataVersionOID"));
    assertEquals("東京施設", xpath(doc, site + "/GlobalVariables/StudyName"));
  }

  @Test
  public void oc3590_multibyteTextRoundTripsInOdm() throws Exception {
    byte[] xml = export(design.study.getId(), OdmExportOptions.libreClinica());
    String text = new String(xml, StandardCharsets.UTF_8);
    // written as UTF-8 characters, never as (invalid) character references to surrogates
    assertTrue(text.contains(DesignFixture.NON_BMP));
    assertFalse(text.contains("&#55"));
    assertFalse(text.toLowerCase().contains("&#xd8"));
    assertTrue("the encoder must round-trip", java.util.Arrays.equals(xml, text.getBytes(StandardCharsets.UTF_8)));
    Document doc = parse(xml);
    assertEquals("ODM試験 " + DesignFixture.NON_BMP, xpath(doc, "/ODM/Study[1]/GlobalVariables/StudyName"));
    assertEquals("説明 " + DesignFixture.NON_BMP + " <b>&amp;</b>", xpath(doc, "/ODM/Study[1]/GlobalVariables/StudyDescription"));
    String shokuji = item(doc, "SHOKUJI", design.japanese.crfVersionOid());
    assertEquals("食事 " + DesignFixture.NON_BMP, xpath(doc, shokuji + "/Question/TranslatedText"));
    assertEquals("𠮷/日", xpath(doc, "/ODM/Study[1]/BasicDefinitions/MeasurementUnit[@OID='"
        + xpath(doc, shokuji + "/MeasurementUnitRef/@MeasurementUnitOID") + "']/@Name"));
    String list = xpath(doc, shokuji + "/CodeListRef/@CodeListOID");
    assertEquals(List.of("𩸽", "🍣", "𠮷"), values(doc,
        "/ODM/Study[1]/MetaDataVersion/CodeList[@OID='" + list + "']/CodeListItem/Decode/TranslatedText"));
    assertEquals("食事𩸽", xpath(doc, "/ODM/Study[1]/MetaDataVersion/CodeList[@OID='" + list + "']/@Name"));
    String komento = item(doc, "KOMENTO", design.japanese.crfVersionOid()) + "/OpenClinica:ItemDetails/OpenClinica:ItemPresentInForm";
    assertEquals("右 🙂", xpath(doc, komento + "/OpenClinica:RightItemText"));
    assertEquals("見出し 𠮷", xpath(doc, komento + "/OpenClinica:ItemHeader"));
    assertEquals("Treatment " + DesignFixture.NON_BMP,
        xpath(doc, "/ODM/Study[1]/MetaDataVersion/OpenClinica:StudyGroupClassList/@Name"));
  }

  @Test
  public void aUserWithoutARoleInTheStudyGetsNothing() {
    String stranger = accounts().user().userName();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      exporter.export(stranger, design.study.getId(), OdmExportOptions.libreClinica(), out);
      fail("exported to a user without a role");
    } catch (PermissionDeniedException expected) {
      assertEquals(0, out.size());
    }
  }

  @Test
  public void fileNameCarriesTheStudyOid() {
    assertEquals(design.study.getOid() + "-odm-metadata.xml", exporter.fileName(dm, design.study.getId()));
  }

  // ------------------------------------------------------------------ helpers

  private static String item(Document doc, String name, String formOid) throws Exception {
    String path = "/ODM/Study[1]/MetaDataVersion/ItemDef[@Name='" + name
        + "' and contains(@OpenClinica:FormOIDs, '" + formOid + "')]";
    assertNotNull(name, (Element) xp().evaluate(qualify(path), doc, XPathConstants.NODE));
    return path;
  }

  private static String text(byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8);
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setExpandEntityReferences(false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static XPath xp() {
    XPath x = XPathFactory.newInstance().newXPath();
    x.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
      @Override
      public String getNamespaceURI(String prefix) {
        return switch (prefix) {
          case "OpenClinica" -> OdmNamespaces.OPENCLINICA;
          case "xsi" -> OdmNamespaces.XSI;
          default -> OdmNamespaces.ODM;
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

  /** Unprefixed steps in the paths are ODM elements. */
  private static String qualify(String path) {
    return path.replaceAll("(?<=/)(?![@A-Za-z]+:)(?!@)([A-Z][A-Za-z]*)", "odm:$1");
  }

  private static String xpath(Document doc, String path) throws Exception {
    return xp().evaluate(qualify(path), doc);
  }

  private static List<String> values(Document doc, String path) throws Exception {
    NodeList nodes = (NodeList) xp().evaluate(qualify(path), doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }
}
