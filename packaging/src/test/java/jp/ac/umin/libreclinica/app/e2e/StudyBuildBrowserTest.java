package jp.ac.umin.libreclinica.app.e2e;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.app.LibreClinicaApplication;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.odm.OdmSchemas;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Issue "Study build", done when: a data manager builds a two-site study with three events and
 * four CRFs (one Japanese) entirely in the browser, in Japanese, and the study view and the ODM
 * metadata file show it. Real chromium; screenshots in target/screenshots/.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class StudyBuildBrowserTest {

  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @LocalServerPort private int port;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private WebDriver browser;
  private WebDriverWait wait;
  private String base;

  @Before
  public void startBrowser() {
    boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must install chromium and chromium-driver (see .ci/run)");
    }
    assumeTrue("chromium and chromium-driver are not installed", installed);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--lang=ja-JP", "--window-size=1280,1000");
    browser = new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    base = "http://localhost:" + port;
  }

  @After
  public void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  public void aDataManagerBuildsATwoSiteStudyWithThreeEventsAndFourCrfsInJapanese() throws Exception {
    AccountFixtures.TestAccount dm = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin();
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(dm.userName());
    browser.findElement(By.id("password")).sendKeys(dm.password());
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    if (!"ja".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
      browser.findElement(By.linkText("日本語")).click();
      wait.until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    // the study
    String protocol = unique("BR");
    browser.get(base + "/studies/new");
    type("name", "ブラウザで作る試験 𠮷野家");
    type("protocolId", protocol);
    type("principalInvestigator", "研究 太郎");
    type("sponsor", "UMIN");
    type("expectedEnrollment", "120");
    type("description", "ブラウザだけで作った試験です。");
    submit();
    long studyId = idFrom("/studies/(\\d+)$");
    screenshot("build-1-study");

    // two sites
    for (String site : List.of("東京大学医学部附属病院", "大阪大学医学部附属病院")) {
      browser.get(base + "/studies/" + studyId + "/sites/new");
      type("name", site);
      type("protocolId", unique("SITE"));
      type("principalInvestigator", "施設 花子");
      type("expectedEnrollment", "60");
      submit();
      idFrom("/studies/(\\d+)$");
    }

    // three events, one repeating
    String[] events = {"スクリーニング", "治療期", "有害事象"};
    for (String event : events) {
      browser.get(base + "/studies/" + studyId + "/events/new");
      type("name", event);
      if (event.equals("有害事象")) {
        browser.findElement(By.cssSelector("input[type=checkbox][name=repeating]")).click();
      }
      submit();
      wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/events/new")));
    }

    // four CRFs, one Japanese, uploaded and committed
    Map<String, byte[]> crfs = new LinkedHashMap<>();
    crfs.put(unique("バイタル"), null);
    crfs.put(unique("AE"), null);
    crfs.put(unique("患者背景"), null);
    crfs.put(unique("Labs"), null);
    List<String> names = new ArrayList<>(crfs.keySet());
    crfs.put(names.get(0), RealisticCrfs.vitalSigns(names.get(0), "v1").xlsx());
    crfs.put(names.get(1), RealisticCrfs.adverseEvents(names.get(1), "v1.0").xlsx());
    crfs.put(names.get(2), RealisticCrfs.japanese(names.get(2), "第1版").xlsx());
    crfs.put(names.get(3), RealisticCrfs.vitalSigns(names.get(3), "v1").xlsx());
    Path dir = Files.createTempDirectory("lc-crfs");
    int n = 0;
    for (Map.Entry<String, byte[]> crf : crfs.entrySet()) {
      Path file = dir.resolve("crf" + (++n) + ".xlsx");
      Files.write(file, crf.getValue());
      browser.get(base + "/crfs/upload");
      browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
      browser.findElement(By.cssSelector("main form button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/crfs/upload/commit'] button")));
      if (n == 3) {
        screenshot("build-2-japanese-crf-preview");
      }
      browser.findElement(By.cssSelector("form[action$='/crfs/upload/commit'] button")).click();
      wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/crfs/upload")));
    }

    // attach the CRFs: vital signs and Japanese to the screening, labs to the treatment, AE to AE
    browser.get(base + "/studies/" + studyId);
    List<Long> eventIds = new ArrayList<>();
    Matcher m = Pattern.compile("/events/(\\d+)/crfs\"").matcher(browser.getPageSource());
    while (m.find()) {
      eventIds.add(Long.parseLong(m.group(1)));
    }
    assertEquals(3, eventIds.size());
    attach(eventIds.get(0), names.get(0));
    attach(eventIds.get(0), names.get(2));
    attach(eventIds.get(1), names.get(3));
    attach(eventIds.get(2), names.get(1));

    // the study view and the design page show it all, in Japanese
    browser.get(base + "/studies/" + studyId + "/design");
    String design = browser.findElement(By.tagName("main")).getText();
    screenshot("build-3-design-japanese");
    for (String expected : List.of("ブラウザで作る試験 𠮷野家", "東京大学医学部附属病院", "大阪大学医学部附属病院",
        "スクリーニング", "治療期", "有害事象", names.get(0), names.get(1), names.get(2), names.get(3))) {
      assertTrue(expected + " in\n" + design, design.contains(expected));
    }
    assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));

    // the ODM metadata file, fetched with the browser's session, is valid and holds the design
    Cookie session = browser.manage().getCookies().stream()
        .filter(c -> c.getName().equals("SESSION") || c.getName().equals("JSESSIONID")).findFirst().orElseThrow();
    HttpResponse<byte[]> odm = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/studies/" + studyId + "/odm-metadata.xml"))
            .header("Cookie", session.getName() + "=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, odm.statusCode());
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), odm.body()));
    String xml = new String(odm.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(3, count(xml, "<StudyEventDef "));
    assertEquals(4, count(xml, "<FormDef "));
    assertTrue(xml.contains("患者の姓") || xml.contains("氏（𠮷野家の「𠮷」も可）"));
    assertEquals(3, count(xml, "<Study "));
  }

  private void attach(long eventId, String crfName) throws Exception {
    browser.get(base + "/events/" + eventId + "/crfs");
    new Select(browser.findElement(By.id("crfId"))).selectByVisibleText(crfName);
    browser.findElement(By.cssSelector("form[action*='/crfs/new'] button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/crfs/new"));
    submit();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/crfs/new")));
    assertTrue(browser.getPageSource(), browser.getPageSource().contains(crfName));
  }

  private static int count(String text, String needle) {
    int c = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      c++;
    }
    return c;
  }

  private void type(String field, String value) {
    WebElement e = browser.findElement(By.id(field));
    e.clear();
    if (value.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      // chromedriver types only BMP characters; a pasted value (as an IME user would) goes in whole
      ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", e, value);
    } else {
      e.sendKeys(value);
    }
  }

  private void submit() {
    browser.findElement(By.cssSelector("main form[method=post] button[type=submit]")).click();
  }

  private long idFrom(String regex) {
    wait.until(d -> Pattern.compile(regex).matcher(URI.create(d.getCurrentUrl()).getPath()).find());
    Matcher m = Pattern.compile(regex).matcher(URI.create(browser.getCurrentUrl()).getPath());
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  private void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
