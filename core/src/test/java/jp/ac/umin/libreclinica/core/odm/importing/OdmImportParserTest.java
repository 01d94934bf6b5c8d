package jp.ac.umin.libreclinica.core.odm.importing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class OdmImportParserTest {

  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" "
          + "xmlns:OpenClinica=\"http://www.openclinica.org/ns/odm_ext_v130/v3.1\">\n";

  private static OdmClinicalData parse(String xml) {
    return new OdmImportParser(1_000_000).parse(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String only(OdmClinicalData d) {
    return d.problems().stream().filter(p -> !p.warning()).map(ImportProblem::messageKey)
        .findFirst().orElse("none");
  }

  @Test
  public void readsClinicalDataWithLinesAndJapaneseValues() {
    OdmClinicalData d = parse(HEAD
        + "<ClinicalData StudyOID=\"S_X\" MetaDataVersionOID=\"v1\">\n"
        + "<SubjectData SubjectKey=\"SS_A\" OpenClinica:StudySubjectID=\"A\">\n"
        + "<StudyEventData StudyEventOID=\"SE_V\">\n"
        + "<FormData FormOID=\"F_F_1\">\n"
        + "<ItemGroupData ItemGroupOID=\"IG_G\" ItemGroupRepeatKey=\"2\" TransactionType=\"Insert\">\n"
        + "<ItemData ItemOID=\"I_X\" Value=\"頭痛\"/>\n"
        + "</ItemGroupData></FormData></StudyEventData></SubjectData></ClinicalData></ODM>\n");
    assertFalse(d.hasErrors());
    var item = d.clinical().get(0).subjects().get(0).events().get(0).forms().get(0).groups().get(0).items().get(0);
    assertEquals("頭痛", item.value());
    assertEquals(8, item.line());
    assertEquals("A", d.clinical().get(0).subjects().get(0).label());
  }

  @Test
  public void malformedXmlIsReportedWithItsLine() {
    OdmClinicalData d = parse(HEAD + "<ClinicalData StudyOID=\"S_X\">\n<SubjectData>\n</ClinicalData></ODM>");
    assertEquals("odm.import.malformed", only(d));
    assertEquals(5, d.problems().get(0).line());
  }

  @Test
  public void externalEntityIsRefusedAndNeverRead() {
    OdmClinicalData d = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE ODM [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\"><ClinicalData StudyOID=\"&x;\"/></ODM>");
    assertTrue(d.hasErrors());
    assertTrue(d.clinical().isEmpty());
  }

  @Test
  public void billionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE ODM [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&l").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>\n<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\"><ClinicalData StudyOID=\"&l9;\"/></ODM>");
    OdmClinicalData d = parse(dtd.toString());
    assertTrue(d.hasErrors());
    assertTrue(d.clinical().isEmpty());
  }

  @Test
  public void fileLargerThanTheLimitIsRefused() {
    String big = HEAD + "<ClinicalData StudyOID=\"S_X\">" + "<!-- padding -->".repeat(1000) + "</ClinicalData></ODM>";
    OdmClinicalData d = new OdmImportParser(2_000).parse(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)));
    assertEquals("odm.import.tooLarge", only(d));
  }

  @Test
  public void duplicateRepeatKeysAreReportedWithLineAndOid() {
    OdmClinicalData d = parse(HEAD
        + "<ClinicalData StudyOID=\"S_X\">\n<SubjectData SubjectKey=\"SS_A\">\n<StudyEventData StudyEventOID=\"SE_V\">\n"
        + "<FormData FormOID=\"F_F_1\">\n"
        + "<ItemGroupData ItemGroupOID=\"IG_G\" ItemGroupRepeatKey=\"1\"><ItemData ItemOID=\"I_X\" Value=\"1\"/></ItemGroupData>\n"
        + "<ItemGroupData ItemGroupOID=\"IG_G\" ItemGroupRepeatKey=\"1\"><ItemData ItemOID=\"I_X\" Value=\"2\"/></ItemGroupData>\n"
        + "</FormData></StudyEventData></SubjectData></ClinicalData></ODM>");
    ImportProblem p = d.problems().get(0);
    assertEquals("odm.import.duplicateRepeatKey", p.messageKey());
    assertEquals("IG_G", p.oid());
    assertEquals(8, p.line());
  }

  @Test
  public void unknownExtensionElementsAreSkippedWithAWarning() {
    OdmClinicalData d = parse(HEAD.replace("v3.1\">", "v3.1\" xmlns:x=\"urn:vendor\">")
        + "<ClinicalData StudyOID=\"S_X\">\n<SubjectData SubjectKey=\"SS_A\">\n<x:Whatever><x:Deep/></x:Whatever>\n"
        + "<OpenClinica:AuditLogs/>\n"
        + "</SubjectData></ClinicalData></ODM>");
    assertFalse(d.hasErrors());
    assertEquals(1, d.problems().size());
    assertEquals("odm.import.unknownElement", d.problems().get(0).messageKey());
    assertEquals(5, d.problems().get(0).line());
  }

  @Test
  public void aRealLibreClinicaFullExtractIsReadWithoutErrors() throws Exception {
    java.nio.file.Path extract = java.nio.file.Path.of("../../shared/reference/odm/example-R01-full-extract-odm13-oc.xml");
    org.junit.Assume.assumeTrue(java.nio.file.Files.exists(extract));
    try (var in = java.nio.file.Files.newInputStream(extract)) {
      OdmClinicalData d = new OdmImportParser(100_000_000).parse(in);
      assertFalse(d.problems().toString(), d.hasErrors());
      assertFalse(d.clinical().isEmpty());
      assertFalse(d.clinical().get(0).subjects().isEmpty());
    }
  }
}
