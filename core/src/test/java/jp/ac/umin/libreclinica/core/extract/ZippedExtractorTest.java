package jp.ac.umin.libreclinica.core.extract;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.csv.UnencodableValue;
import jp.ac.umin.libreclinica.core.csv.UnencodableValuesException;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.design.DesignFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.extract.DatasetExtractor.ExtractProgress;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Every extract format of a study entered through the real services (a site, Japanese and
 * non-BMP values, a repeating event with a repeating group, a 1,000-character text), read back:
 * CSV and tab files with an RFC 4180 parser, the workbook with POI, the SPSS syntax as text.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class ZippedExtractorTest {

  /** 1,000 characters (3,000 bytes in UTF-8). */
  static final String LONG_TEXT = "所見".repeat(500);

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
  @Autowired private DatasetExtractor extractor;

  private static DesignFixture design;
  private static String dm;
  private static StudySubject tokyo;

  @Before
  public void enterDataOnce() {
    if (tokyo != null) {
      return;
    }
    dm = accounts().businessAdmin().userName();
    design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    studies.changeStatus(design.study.getId(), StudyStatus.AVAILABLE, null, dm);
    StudySubject site = subjects.add(design.site.getId(), subject("東京-001", "2次-001", "1970-05-06"), null, false, dm);
    StudySubject atStudy = subjects.add(design.study.getId(), subject("S-002", "𠮷-2", "1980-01-02"), null, false, dm);

    StudyEvent reg = studyEvents.schedule(site.getId(), design.registration.getId(),
        new EventInput(Instant.parse("2026-04-07T01:30:00Z"), null, "東京 𩸽"), dm);
    EventCrf jp = entry.start(dm, reg.getId(), design.site.getId(), design.japanese.crfVersionId());
    save(jp, Map.of(ItemKey.of("KANJA_SEI"), "「日本語」", ItemKey.of("SHOKUJI"), "2",
        ItemKey.of("KOMENTO"), "改行\nあり\tタブ \"引用\", 🍣"));
    EventCrf vs = entry.start(dm, reg.getId(), design.site.getId(), design.vitals.crfVersionId());
    save(vs, Map.of(ItemKey.of("VSDAT"), "2026-04-07", ItemKey.of("HEIGHT"), "170.5", ItemKey.of("COMMENT"), LONG_TEXT));
    for (int occurrence = 1; occurrence <= 2; occurrence++) {
      StudyEvent ae = studyEvents.schedule(site.getId(), design.adverseEvents.getId(),
          new EventInput(Instant.parse("2026-05-0" + occurrence + "T00:00:00Z"), null, null), dm);
      EventCrf form = entry.start(dm, ae.getId(), design.site.getId(), design.aeV1.crfVersionId());
      save(form, Map.of(ItemKey.of("AEYN"), "1",
          new ItemKey("AETERM", 1), "頭痛 " + occurrence, new ItemKey("AETERM", 2), "発熱 𠮷"));
    }

    StudyEvent reg2 = studyEvents.schedule(atStudy.getId(), design.registration.getId(),
        new EventInput(Instant.parse("2026-04-08T00:00:00Z"), null, null), dm);
    EventCrf jp2 = entry.start(dm, reg2.getId(), design.study.getId(), design.japanese.crfVersionId());
    save(jp2, Map.of(ItemKey.of("KANJA_SEI"), "𠮷田", ItemKey.of("SHOKUJI"), "3"));
    ZippedExtractorTest.tokyo = site;
  }

  private SubjectInput subject(String label, String secondary, String dob) {
    Map<Long, Long> groups = new HashMap<>();
    jdbc.query("SELECT c.id, min(g.id) FROM subject_group_class c JOIN subject_group g ON g.group_class_id = c.id"
            + " WHERE c.study_id = ? GROUP BY c.id",
        rs -> {
          groups.put(rs.getLong(1), rs.getLong(2));
        },
        design.study.getId());
    return new SubjectInput(label, secondary, LocalDate.of(2026, 4, 1), Sex.FEMALE, dob, null, groups);
  }

  private void save(EventCrf form, Map<ItemKey, String> values) {
    SaveResult r = entry.save(dm, form.getId(), values, Map.of(), null);
    assertTrue(r.toString(), r.saved());
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  static ExtractSpec everything(long studyOrSiteId) {
    return new ExtractSpec(studyOrSiteId, List.of(), List.of(), List.of(),
        EnumSet.allOf(SubjectAttribute.class), EnumSet.allOf(EventAttribute.class),
        EnumSet.allOf(FormAttribute.class), null, null, Set.of());
  }

  private Map<String, byte[]> extract(ExtractSpec spec, ExtractFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    extractor.write(dm, "ds_日本", spec, format, out, ExtractProgress.NONE);
    return unzip(out.toByteArray());
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /** Rows as maps from column name to value (RFC 4180 with the given delimiter). */
  static List<Map<String, String>> table(String text, char delimiter) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    List<CSVRecord> records = format.parse(new StringReader(text)).getRecords();
    List<String> header = records.get(0).toList();
    assertEquals("column names are unique", header.size(), Set.copyOf(header).size());
    List<Map<String, String>> rows = new ArrayList<>();
    for (CSVRecord r : records.subList(1, records.size())) {
      assertEquals(header.size(), r.size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), r.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  static Map<String, String> subjectRow(List<Map<String, String>> rows, String label) {
    return rows.stream().filter(r -> label.equals(r.get("StudySubjectID"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + label + " in " + rows));
  }

  @Test
  public void csvUtf8StartsWithABomAndKeepsJapaneseNonBmpAndLineBreaks() throws Exception {
    Map<String, byte[]> zip = extract(everything(design.study.getId()), ExtractFormat.CSV_UTF8_BOM);
    assertEquals(List.of("ds_日本-columns.csv", "ds_日本.csv"), List.copyOf(zip.keySet()));
    byte[] csv = zip.get("ds_日本.csv");
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3));
    List<Map<String, String>> rows = table(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8), ',');
    assertEquals(2, rows.size());
    Map<String, String> t = subjectRow(rows, "東京-001");
    assertEquals("「日本語」", t.get("KANJA_SEI_E1_C2"));
    assertEquals("改行\nあり\tタブ \"引用\", 🍣", t.get("KOMENTO_E1_C2"));
    assertEquals("東京 𩸽", t.get("Location_E1"));
    assertEquals("2026-04-07", t.get("StartDate_E1"));
    assertEquals("170.5", t.get("HEIGHT_E1_C1"));
    assertEquals("2", t.get("SHOKUJI_E1_C2")); // the code, not its label
    assertEquals("1970-05-06", t.get("DateOfBirth"));
    assertEquals("55", t.get("AgeAtEvent_E1"));
    assertEquals("2次-001", t.get("SecondaryID"));
    assertEquals("f", t.get("Sex"));
    assertEquals("available", t.get("SubjectStatus"));
    assertEquals(design.site.getProtocolId(), t.get("SiteID"));
    assertEquals("A群", t.values().stream().filter("A群"::equals).findFirst().orElse(null));
    assertEquals("𠮷田", subjectRow(rows, "S-002").get("KANJA_SEI_E1_C2"));
    assertEquals("", subjectRow(rows, "S-002").get("KOMENTO_E1_C2"));

    byte[] columns = zip.get("ds_日本-columns.csv");
    List<Map<String, String>> listing = table(new String(columns, 3, columns.length - 3, StandardCharsets.UTF_8), ',');
    Map<String, String> kanja = listing.stream().filter(r -> r.get("column").equals("KANJA_SEI_E1_C2")).findFirst()
        .orElseThrow();
    assertEquals(design.registration.getOid(), kanja.get("event_oid"));
    assertEquals(design.japaneseCrfName, kanja.get("crf_name"));
    assertEquals("患者の姓", kanja.get("label"));
    assertTrue(kanja.get("item_oid").startsWith("I_"));
  }

  @Test
  public void repeatingEventsAndGroupsGetOccurrenceAndRowSuffixes() throws Exception {
    Map<String, byte[]> zip = extract(everything(design.site.getId()), ExtractFormat.TAB);
    byte[] tsv = zip.get("ds_日本.tsv");
    assertFalse("no BOM in tab-delimited text", tsv[0] == (byte) 0xEF);
    List<Map<String, String>> rows = table(new String(tsv, StandardCharsets.UTF_8), '\t');
    assertEquals("a site extract holds its subjects only", 1, rows.size());
    Map<String, String> t = rows.get(0);
    assertEquals("頭痛 1", t.get("AETERM_E2_1_C3_1"));
    assertEquals("発熱 𠮷", t.get("AETERM_E2_1_C3_2"));
    assertEquals("頭痛 2", t.get("AETERM_E2_2_C3_1"));
    assertEquals("1", t.get("AEYN_E2_2_C3"));
    assertEquals("2026-05-02", t.get("StartDate_E2_2"));
    assertTrue(t.containsKey("AESEV_E2_1_C3_2"));
    assertFalse("no third occurrence", t.containsKey("StartDate_E2_3"));
    assertFalse("no third group row", t.containsKey("AETERM_E2_1_C3_3"));
    assertEquals("initial data entry", t.get("CRFStatus_E1_C2"));
    List<String> header = new ArrayList<>(t.keySet());
    assertTrue("row-major within a repeating group",
        header.indexOf("AESEV_E2_1_C3_1") < header.indexOf("AETERM_E2_1_C3_2"));
  }

  @Test
  public void windows31jCsvDecodesAsJapaneseExcelReadsIt() throws Exception {
    ExtractSpec spec = new ExtractSpec(design.site.getId(), List.of(design.registration.getOid()),
        List.of(), List.of(itemOid("KANJA_SEI")), Set.of(SubjectAttribute.SEX), Set.of(EventAttribute.START_DATE),
        Set.of(), null, null, Set.of());
    Map<String, byte[]> zip = extract(spec, ExtractFormat.CSV_WINDOWS_31J);
    byte[] csv = zip.get("ds_日本.csv");
    assertFalse("no BOM in Windows-31J", csv[0] == (byte) 0xEF);
    String text = new String(csv, Charset.forName("windows-31j"));
    assertEquals("「日本語」", table(text, ',').get(0).get("KANJA_SEI_E1_C2"));
    // 「日本語」 as Japanese Excel reads it: two bytes per character
    byte[] sjis = {(byte) 0x81, 0x75, (byte) 0x93, (byte) 0xFA, (byte) 0x96, 0x7B, (byte) 0x8C, (byte) 0xEA,
        (byte) 0x81, 0x76};
    assertArrayEquals(sjis, "「日本語」".getBytes(Charset.forName("windows-31j")));
    assertTrue("the value is written in Windows-31J", indexOf(csv, sjis) >= 0);
    assertEquals(-1, indexOf(csv, "日本語".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void windows31jRefusesACharacterItCannotHoldNamingSubjectItemAndCharacter() throws Exception {
    ExtractSpec spec = new ExtractSpec(design.study.getId(), List.of(design.registration.getOid()),
        List.of(), List.of(itemOid("KANJA_SEI")), Set.of(), Set.of(), Set.of(), null, null, Set.of());
    try {
      extract(spec, ExtractFormat.CSV_WINDOWS_31J);
      fail("𠮷 was written in Windows-31J");
    } catch (UnencodableValuesException e) {
      UnencodableValue where = e.listed().get(0);
      assertEquals("S-002", where.rowLabel());
      assertEquals("KANJA_SEI_E1_C2", where.column());
      assertEquals("𠮷", where.character());
      assertEquals("csv.encoding.unencodable", e.messageKey());
    }
  }

  @Test
  public void oc2032_aThousandCharacterTextIsDeclaredWideEnoughInSpssAndNotTruncated() throws Exception {
    Map<String, byte[]> zip = extract(everything(design.study.getId()), ExtractFormat.SPSS);
    assertEquals(List.of("ds_日本.sps", "ds_日本.dat"), List.copyOf(zip.keySet()));
    String sps = new String(zip.get("ds_日本.sps"), StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("COMMENT_E1_C1 \\(A(\\d+)\\)").matcher(sps);
    assertTrue(sps, m.find());
    assertTrue("declared width " + m.group(1), Integer.parseInt(m.group(1)) >= 1000);
    String dat = new String(zip.get("ds_日本.dat"), StandardCharsets.UTF_8);
    assertTrue("the whole value is in the data file", dat.contains("\t" + LONG_TEXT + "\t"));
  }

  @Test
  public void spssSyntaxReadsTheDataWithLabelsValueLabelsAndLevels() throws Exception {
    Map<String, byte[]> zip = extract(everything(design.study.getId()), ExtractFormat.SPSS);
    byte[] spsBytes = zip.get("ds_日本.sps");
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(spsBytes, 3));
    String sps = new String(spsBytes, 3, spsBytes.length - 3, StandardCharsets.UTF_8);
    assertTrue(sps, sps.contains("DATA LIST LIST(TAB) FILE='ds_日本.dat' ENCODING='UTF8'"));
    assertTrue(sps, sps.contains("HEIGHT_E1_C1 (F8.1)"));
    assertTrue(sps, sps.contains("VSDAT_E1_C1 (SDATE10)"));
    assertTrue(sps, sps.contains("KANJA_SEI_E1_C2 '患者の姓'"));
    assertTrue(sps, sps.contains("VALUE LABELS"));
    assertTrue(sps, sps.contains("    2 '🍣'"));
    assertTrue(sps, sps.contains("    1 '𩸽'"));
    assertTrue(sps, sps.contains("VARIABLE LEVEL"));
    assertTrue(sps, java.util.regex.Pattern.compile("HEIGHT_E1_C1[^(/]*\\(SCALE\\)").matcher(sps).find());
    assertTrue(sps, java.util.regex.Pattern.compile("SHOKUJI_E1_C2[^(/]*\\(NOMINAL\\)").matcher(sps).find());
    assertTrue(sps, sps.trim().endsWith("EXECUTE."));
    String dat = new String(zip.get("ds_日本.dat"), StandardCharsets.UTF_8);
    String[] lines = dat.split("\n");
    assertEquals("one case per subject, no header", 2, lines.length);
    int variables = sps.substring(sps.indexOf("DATA LIST"), sps.indexOf("VARIABLE LABELS")).split("\\(").length - 2;
    assertEquals(variables, lines[0].split("\t", -1).length);
    assertTrue(dat, dat.contains("\t改行 あり タブ \"引用\", 🍣\t"));
    assertTrue(dat, dat.contains("\t𠮷田\t"));
  }

  @Test
  public void xlsxReadsBackWithPoiWithNumbersAsNumbersAndAColumnsSheet() throws Exception {
    Map<String, byte[]> zip = extract(everything(design.study.getId()), ExtractFormat.XLSX);
    assertEquals(List.of("ds_日本.xlsx"), List.copyOf(zip.keySet()));
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(zip.get("ds_日本.xlsx")))) {
      Sheet data = wb.getSheet("Data");
      Row header = data.getRow(0);
      Map<String, Integer> col = new HashMap<>();
      for (Cell c : header) {
        col.put(c.getStringCellValue(), c.getColumnIndex());
      }
      Row t = null;
      for (Row r : data) {
        if (r.getRowNum() > 0 && "東京-001".equals(r.getCell(0).getStringCellValue())) {
          t = r;
        }
      }
      assertNotNull(t);
      assertEquals(2, data.getLastRowNum());
      Cell height = t.getCell(col.get("HEIGHT_E1_C1"));
      assertEquals(CellType.NUMERIC, height.getCellType());
      assertEquals(170.5, height.getNumericCellValue(), 0);
      assertEquals("改行\nあり\tタブ \"引用\", 🍣", t.getCell(col.get("KOMENTO_E1_C2")).getStringCellValue());
      assertEquals("発熱 𠮷", t.getCell(col.get("AETERM_E2_1_C3_2")).getStringCellValue());
      assertEquals(LONG_TEXT, t.getCell(col.get("COMMENT_E1_C1")).getStringCellValue());
      assertEquals("2026-04-07", t.getCell(col.get("VSDAT_E1_C1")).getStringCellValue());
      Sheet columns = wb.getSheet("Columns");
      assertEquals("column", columns.getRow(0).getCell(0).getStringCellValue());
      assertEquals(header.getLastCellNum(), columns.getLastRowNum());
    }
  }

  @Test
  public void odmExtractsAreZippedAndKeepToTheDatasetsEventsAndItems() throws Exception {
    ExtractSpec spec = new ExtractSpec(design.study.getId(), List.of(design.registration.getOid()),
        List.of(), List.of(itemOid("KANJA_SEI"), itemOid("HEIGHT")), Set.of(), Set.of(), Set.of(), null, null, Set.of());
    Map<String, byte[]> full = extract(spec, ExtractFormat.ODM_FULL);
    assertEquals(List.of("ds_日本.xml"), List.copyOf(full.keySet()));
    String xml = new String(full.get("ds_日本.xml"), StandardCharsets.UTF_8);
    assertTrue(xml.contains("<Study "));
    assertTrue(xml.contains("Value=\"𠮷田\""));
    assertTrue(xml.contains("Value=\"170.5\""));
    assertTrue(xml.contains("AuditLogs"));
    assertFalse("only the chosen event", xml.contains("<StudyEventData StudyEventOID=\"" + design.adverseEvents.getOid() + "\""));
    assertFalse("only the chosen items", xml.contains("<ItemData ItemOID=\"" + itemOid("VSDAT") + "\""));
    assertTrue(xml.contains("<ItemData ItemOID=\"" + itemOid("HEIGHT") + "\""));
    String clinical = new String(extract(spec, ExtractFormat.ODM_CLINICAL).get("ds_日本.xml"), StandardCharsets.UTF_8);
    assertFalse(clinical.contains("<Study "));
    assertFalse(clinical.contains("AuditLogs"));
    assertTrue(clinical.contains("Value=\"「日本語」\""));

    ExtractSpec fromMay2 = new ExtractSpec(design.study.getId(), List.of(), List.of(), List.of(), Set.of(),
        Set.of(), Set.of(), LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 2), Set.of("AVAILABLE"));
    String may2 = new String(extract(fromMay2, ExtractFormat.ODM_CLINICAL).get("ds_日本.xml"), StandardCharsets.UTF_8);
    assertEquals("only the event of 2 May", 1, may2.split("<StudyEventData ", -1).length - 1);
    assertTrue(may2.contains("Value=\"頭痛 2\""));
    assertTrue("subjects without events in the range are still there", may2.contains("OpenClinica:StudySubjectID=\"S-002\""));
  }

  @Test
  public void dateRangeAndSubjectStatusesLimitTheRows() throws Exception {
    ExtractSpec spec = new ExtractSpec(design.study.getId(), List.of(), List.of(), List.of(), Set.of(),
        Set.of(EventAttribute.START_DATE), Set.of(), LocalDate.of(2026, 5, 2), null, Set.of("AVAILABLE"));
    List<Map<String, String>> rows = table(new String(extract(spec, ExtractFormat.TAB).get("ds_日本.tsv"),
        StandardCharsets.UTF_8), '\t');
    Map<String, String> t = subjectRow(rows, "東京-001");
    assertEquals("", t.get("StartDate_E1"));
    assertEquals("", t.get("StartDate_E2_1"));
    assertEquals("2026-05-02", t.get("StartDate_E2_2"));
    assertEquals("頭痛 2", t.get("AETERM_E2_2_C3_1"));
    ExtractSpec signedOnly = new ExtractSpec(design.study.getId(), List.of(), List.of(), List.of(), Set.of(),
        Set.of(), Set.of(), null, null, Set.of("SIGNED"));
    assertEquals(0, table(new String(extract(signedOnly, ExtractFormat.TAB).get("ds_日本.tsv"),
        StandardCharsets.UTF_8), '\t').size());
  }

  @Test
  public void oc2904_yearOfBirthAppearsInTabAndSpssAndNotUsedGivesNoColumn() throws Exception {
    StudyParameters p = studies.get(design.study.getId()).getParameters().copy();
    var study = studies.get(design.study.getId());
    try {
      p.setDateOfBirth(StudyParameters.DateOfBirth.YEAR_ONLY);
      studies.updateParameters(study.getId(), study.getVersion(), p, dm);
      Map<String, String> t = table(new String(extract(everything(design.site.getId()), ExtractFormat.TAB)
          .get("ds_日本.tsv"), StandardCharsets.UTF_8), '\t').get(0);
      assertEquals("1970", t.get("YearOfBirth"));
      assertFalse(t.containsKey("DateOfBirth"));
      assertEquals("56", t.get("AgeAtEvent_E1"));
      Map<String, byte[]> spss = extract(everything(design.site.getId()), ExtractFormat.SPSS);
      assertTrue(new String(spss.get("ds_日本.sps"), StandardCharsets.UTF_8).contains("YearOfBirth (F8.0)"));
      assertTrue(new String(spss.get("ds_日本.dat"), StandardCharsets.UTF_8).contains("\t1970\t"));

      p.setDateOfBirth(StudyParameters.DateOfBirth.NOT_USED);
      study = studies.get(design.study.getId());
      studies.updateParameters(study.getId(), study.getVersion(), p, dm);
      for (ExtractFormat format : ZippedExtractor.tabular()) {
        if (format == ExtractFormat.CSV_WINDOWS_31J) {
          continue; // the fixture's labels hold 𠮷
        }
        Map<String, byte[]> zip = extract(everything(design.site.getId()), format);
        String all = zip.values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
            .reduce("", String::concat);
        if (format != ExtractFormat.XLSX) {
          assertFalse(format + " has no date of birth", all.contains("DateOfBirth") || all.contains("YearOfBirth"));
          assertFalse(format + " has no age", all.contains("AgeAtEvent"));
          assertTrue(all.contains("東京-001"));
        }
      }
      Map<String, String> none = table(new String(extract(everything(design.site.getId()), ExtractFormat.TAB)
          .get("ds_日本.tsv"), StandardCharsets.UTF_8), '\t').get(0);
      assertEquals("東京-001", none.get("StudySubjectID"));
      assertFalse(none.containsKey("YearOfBirth"));
    } finally {
      p.setDateOfBirth(StudyParameters.DateOfBirth.FULL);
      study = studies.get(design.study.getId());
      studies.updateParameters(study.getId(), study.getVersion(), p, dm);
    }
  }

  @Test
  public void aUserWithoutARoleMayNotExtractAndNothingIsWritten() throws Exception {
    String stranger = accounts().user().userName();
    for (ExtractFormat format : ExtractFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        extractor.write(stranger, "x", everything(design.study.getId()), format, out, ExtractProgress.NONE);
        fail(format + ": a user without a role extracted data");
      } catch (PermissionDeniedException expected) {
        assertEquals(0, out.size());
      }
    }
  }

  @Test
  public void anUnknownOidIsRefusedNamingIt() throws Exception {
    ExtractSpec spec = new ExtractSpec(design.study.getId(), List.of("SE_NO_SUCH"), List.of(), List.of(),
        Set.of(), Set.of(), Set.of(), null, null, Set.of());
    try {
      extract(spec, ExtractFormat.CSV_UTF8_BOM);
      fail("an unknown event OID was accepted");
    } catch (InvalidInputException e) {
      assertEquals("extract.spec.unknownEvent", e.messageKey());
      assertEquals("SE_NO_SUCH", e.arguments()[0]);
    }
    ExtractSpec item = new ExtractSpec(design.study.getId(), List.of(), List.of(), List.of("I_NO_SUCH"),
        Set.of(), Set.of(), Set.of(), null, null, Set.of());
    try {
      extract(item, ExtractFormat.XLSX);
      fail("an unknown item OID was accepted");
    } catch (InvalidInputException e) {
      assertEquals("extract.spec.unknownItem", e.messageKey());
    }
  }

  @Test
  public void progressIsReportedPerSubjectAndCancellationStopsBetweenSubjects() throws Exception {
    List<String> seen = new ArrayList<>();
    ExtractProgress counting = new ExtractProgress() {
      @Override
      public void progress(int done, int total) {
        seen.add(done + "/" + total);
      }

      @Override
      public boolean cancelled() {
        return false;
      }
    };
    extractor.write(dm, "p", everything(design.study.getId()), ExtractFormat.CSV_UTF8_BOM,
        new ByteArrayOutputStream(), counting);
    assertEquals(List.of("1/2", "2/2"), seen);
    for (ExtractFormat format : List.of(ExtractFormat.TAB, ExtractFormat.ODM_FULL, ExtractFormat.XLSX)) {
      int[] progressCalls = {0};
      ExtractProgress cancelling = new ExtractProgress() {
        @Override
        public void progress(int done, int total) {
          progressCalls[0]++;
        }

        @Override
        public boolean cancelled() {
          return progressCalls[0] >= 1;
        }
      };
      try {
        extractor.write(dm, "c", everything(design.study.getId()), format, new ByteArrayOutputStream(), cancelling);
        fail(format + " went on after cancel");
      } catch (CancellationException expected) {
        assertEquals(format.name(), 1, progressCalls[0]);
      }
    }
  }

  @Test
  public void entryNamesCannotLeaveTheZip() {
    assertEquals("_etc_passwd", ZippedExtractor.entryBase("../etc/passwd"));
    assertFalse(ZippedExtractor.entryBase("../../x").contains("/"));
    assertEquals("extract", ZippedExtractor.entryBase("  "));
    assertEquals("データ_2026", ZippedExtractor.entryBase("データ_2026"));
  }

  private String itemOid(String name) {
    return jdbc.queryForObject("SELECT i.oid FROM item i JOIN item_form_metadata ifm ON ifm.item_id = i.id"
        + " WHERE i.name = ? AND ifm.crf_version_id IN (?, ?, ?) LIMIT 1", String.class, name,
        design.japanese.crfVersionId(), design.vitals.crfVersionId(), design.aeV1.crfVersionId());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
