package jp.ac.umin.libreclinica.app.e2e;

import static jp.ac.umin.libreclinica.app.e2e.Chromium.sessionCookie;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.waitFor;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.ac.umin.libreclinica.app.LibreClinicaApplication;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.odm.OdmSchemas;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Issue "Data in and out", done when (the statistician's part): in a real browser and in
 * Japanese, a statistician defines a dataset and runs every extract format; every file comes as a
 * zip from the archive, the CSVs open as Japanese Excel reads them (UTF-8 with a BOM, and
 * Windows-31J), the workbook holds the Japanese text, and the ODM files validate.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class ExtractBrowserTest {

  private static final List<String> FORMATS =
      List.of("ODM_FULL", "ODM_CLINICAL", "TAB", "CSV_UTF8_BOM", "CSV_WINDOWS_31J", "SPSS", "XLSX");
  private static final String COMMENT = "体調良好、食欲あり（ｶﾙﾃ参照）";

  @LocalServerPort private int port;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private CrfService crfs;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private DataEntryService entry;

  private WebDriver browser;
  private String base;

  @Before
  public void startBrowser() {
    Chromium.requireInstalled();
    browser = Chromium.open(1400);
    base = "http://localhost:" + port;
  }

  @After
  public void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  public void aStatisticianRunsEveryExtractFormatInJapanese() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    var r = new SubjectFixtures(studies, definitions, roles, fixtures).runningStudy();
    CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), r.dataManager());
    Map<String, String> heights = new LinkedHashMap<>();
    for (int n = 1; n <= 3; n++) {
      StudySubject s = subjects.add(r.siteA().getId(), SubjectFixtures.aSubject(unique("J" + n).substring(0, 10)), null,
          false, r.crcA());
      StudyEvent e = events.schedule(s.getId(), r.screening().getId(),
          new EventInput(Instant.parse("2026-04-07T01:00:00Z"), null, "東京"), r.crcA());
      EventCrf ec = entry.startForEvent(r.crcA(), e.getId(), vitals.crfVersionId());
      Map<ItemKey, String> typed = new HashMap<>();
      String height = (160 + n) + ".5";
      typed.put(ItemKey.of("VSDAT"), "2026-04-07");
      typed.put(ItemKey.of("HEIGHT"), height);
      typed.put(ItemKey.of("SEX"), "2");
      typed.put(ItemKey.of("COMMENT"), COMMENT);
      assertTrue(entry.save(r.crcA(), ec.getId(), typed, Map.of(), null).saved());
      heights.put(s.getLabel(), height);
    }
    AccountFixtures.TestAccount statistician = fixtures.user();
    roles.assign(r.dataManager(), statistician.id(), r.study().getId(), Role.STUDY_DIRECTOR);
    String crfOid = jdbc.queryForObject("SELECT oid FROM crf WHERE id = ?", String.class, vitals.crfId());

    Chromium.signIn(browser, base, statistician.userName(), statistician.password());

    // the dataset: the screening's vital signs, with the subjects' sex and date of birth
    browser.get(base + "/studies/" + r.study().getId() + "/datasets/new");
    browser.findElement(By.id("name")).sendKeys("主要解析用データセット");
    click("input[name=eventOids][value='" + r.screening().getOid() + "']");
    click("input[name=formOids][value='" + crfOid + "']");
    click("input[name=subjectAttributes][value=SEX]");
    click("input[name=subjectAttributes][value=DATE_OF_BIRTH]");
    click("input[name=eventAttributes][value=START_DATE]");
    click("input[name=formAttributes][value=STATUS]");
    WebElement save = browser.findElement(By.cssSelector("main form.form button[type=submit]"));
    save.click();
    waitFor(browser).until(ExpectedConditions.stalenessOf(save));
    Matcher m = Pattern.compile("/datasets/(\\d+)$").matcher(URI.create(browser.getCurrentUrl()).getPath());
    assertTrue(browser.getCurrentUrl(), m.find());
    String datasetPath = "/studies/" + r.study().getId() + "/datasets/" + m.group(1);

    // every format, one after the other, from the dataset page
    for (String format : FORMATS) {
      browser.get(base + datasetPath);
      WebElement run = browser.findElement(By.xpath("//form[input[@name='format' and @value='" + format + "']]//button"));
      run.click();
      waitFor(browser).until(ExpectedConditions.stalenessOf(run));
    }
    try {
      new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(1)).until(d -> {
        d.get(base + datasetPath);
        return d.findElements(By.cssSelector("a[href*='/extracts/'][href$='/file']")).size() == FORMATS.size();
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("extract-0-not-finished");
      throw new AssertionError("not every extract finished:\n" + browser.findElement(By.tagName("main")).getText()
          + "\n" + jdbc.queryForList("SELECT kind, parameters, status, message_key FROM background_job WHERE parameters LIKE ?",
              "dataset=" + datasetPath.replaceAll(".*/", "") + ";%"), e);
    }
    screenshot("extract-1-dataset-archive");
    assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));

    Map<String, Map<String, byte[]>> zips = new HashMap<>();
    for (WebElement link : browser.findElements(By.cssSelector("a[href*='/extracts/'][href$='/file']"))) {
      String href = link.getAttribute("href");
      long jobId = Long.parseLong(href.replaceAll(".*/extracts/(\\d+)/file$", "$1"));
      String format = jdbc.queryForObject("SELECT parameters FROM background_job WHERE id = ?", String.class, jobId)
          .replaceAll(".*format=", "");
      zips.put(format, unzip(download(href)));
    }
    assertEquals(zips.keySet().toString(), FORMATS.size(), zips.size());

    // the CSVs as Japanese Excel opens them
    byte[] bom = only(zips, "CSV_UTF8_BOM", ".csv");
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bom, 3));
    String utf8 = new String(bom, 3, bom.length - 3, StandardCharsets.UTF_8);
    byte[] sjis = only(zips, "CSV_WINDOWS_31J", ".csv");
    String windows31j = new String(sjis, Charset.forName("Windows-31J"));
    assertEquals(utf8.replace("\r\n", "\n"), windows31j.replace("\r\n", "\n"));
    assertTrue(utf8, utf8.contains(COMMENT));
    for (Map.Entry<String, String> h : heights.entrySet()) {
      assertTrue(h + " in\n" + utf8, utf8.contains(h.getKey()) && utf8.contains(h.getValue()));
    }
    // the same text in Windows-31J bytes: 体 is 0x91 0xCC there
    assertTrue(indexOf(sjis, new byte[] {(byte) 0x91, (byte) 0xCC}) >= 0);

    // tab-delimited text and SPSS (data plus syntax)
    assertTrue(new String(only(zips, "TAB", ".tsv", ".txt", ".tab"), StandardCharsets.UTF_8).contains(COMMENT));
    String sps = new String(only(zips, "SPSS", ".sps"), StandardCharsets.UTF_8);
    assertTrue(sps, sps.contains("DATA LIST"));
    assertTrue(new String(only(zips, "SPSS", ".dat"), StandardCharsets.UTF_8).contains(COMMENT));

    // the workbook
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(only(zips, "XLSX", ".xlsx")))) {
      StringBuilder cells = new StringBuilder();
      for (Row row : book.getSheetAt(0)) {
        for (Cell cell : row) {
          cells.append(cell.toString()).append('\t');
        }
      }
      assertTrue(cells.toString(), cells.toString().contains(COMMENT));
    }

    // the ODM files validate and carry the values
    for (String format : List.of("ODM_FULL", "ODM_CLINICAL")) {
      byte[] xml = only(zips, format, ".xml");
      assertEquals(format, List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
      assertTrue(format, new String(xml, StandardCharsets.UTF_8).contains("Value=\"" + COMMENT + "\""));
    }
  }

  /** The one data entry (not the column listing) ending in one of {@code suffixes} of a format's zip. */
  private static byte[] only(Map<String, Map<String, byte[]>> zips, String format, String... suffixes) {
    Map<String, byte[]> zip = zips.get(format);
    assertTrue("no zip for " + format + " in " + zips.keySet(), zip != null);
    List<byte[]> found = zip.entrySet().stream()
        .filter(e -> !e.getKey().contains("-columns."))
        .filter(e -> Arrays.stream(suffixes).anyMatch(s -> e.getKey().toLowerCase().endsWith(s)))
        .map(Map.Entry::getValue).toList();
    assertEquals(format + ": " + zip.keySet(), 1, found.size());
    return found.get(0);
  }

  private byte[] download(String href) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(href)).header("Cookie", sessionCookie(browser)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(href, 200, r.statusCode());
    return r.body();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        entries.put(e.getName(), out.toByteArray());
      }
    }
    return entries;
  }

  private static int indexOf(byte[] data, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= data.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (data[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void click(String css) {
    browser.findElement(By.cssSelector(css)).click();
  }

  private void screenshot(String name) throws IOException {
    Chromium.screenshot(browser, name);
  }
}
