package jp.ac.umin.libreclinica.app.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.ac.umin.libreclinica.app.LibreClinicaApplication;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * A real browser (Debian's chromium and chromedriver, installed by .ci/run) signs in as the
 * first administrator, changes the password as it must at first login, switches to 日本語 and
 * sees the Japanese page frame. Screenshots go to target/screenshots/.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = LibreClinicaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"lc.test.shared-db=false", "lc.admin.initial-password=Browser-Initial-Pw-2026!"})
@Import(DataCaptureFixture.class)
public class BrowserSmokeTest {

  @Autowired private DataCaptureFixture fixture;

  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @LocalServerPort private int port;
  private WebDriver browser;

  @DynamicPropertySource
  static void home(DynamicPropertyRegistry registry) throws Exception {
    Path home = Files.createTempDirectory("lc-browser");
    registry.add("lc.home", home::toString);
  }

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
        "--disable-component-update", "--disable-sync", "--lang=en-US", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @After
  public void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  public void signsInChangesPasswordAndSwitchesToJapanese() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys("admin");
    browser.findElement(By.id("password")).sendKeys("Browser-Initial-Pw-2026!");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();

    wait.until(ExpectedConditions.urlContains("/account/password"));
    screenshot("1-first-login-password-change");
    browser.findElement(By.id("currentPassword")).sendKeys("Browser-Initial-Pw-2026!");
    browser.findElement(By.id("newPassword")).sendKeys("Browser-Changed-Pw-2026!");
    browser.findElement(By.id("confirmPassword")).sendKeys("Browser-Changed-Pw-2026!");
    browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/account/password")));
    screenshot("2-home-english");

    browser.findElement(By.linkText("日本語")).click();
    wait.until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    String header = browser.findElement(By.cssSelector("header.frame")).getText();
    screenshot("3-home-japanese");
    assertTrue(header, header.contains("ログアウト"));
    assertTrue(header, header.contains("試験"));

    // the choice is remembered on the account: a new page in the same session stays Japanese
    browser.get(base + "/account/profile");
    assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));
  }

  /**
   * The investigator, in Japanese, reviews and signs a casebook (password asked again), sees the
   * signature on the subject page, prints the casebook, and opens the site's dashboard, whose
   * charts (ECharts, under the application's Content-Security-Policy) are drawn.
   */
  @Test
  public void anInvestigatorSignsACasebookInJapaneseAndTheDashboardDrawsItsCharts() throws Exception {
    DataCaptureFixture.Captured c = fixture.completed(false);
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(c.investigator());
    browser.findElement(By.id("password")).sendKeys(AccountFixtures.PASSWORD);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    browser.findElement(By.linkText("日本語")).click();
    wait.until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));

    browser.get(base + "/subjects/" + c.subject().getId() + "/sign");
    assertTrue(browser.getPageSource().contains("私は本症例の記録を確認し、その内容が正確であることを確認しました。"));
    screenshot("4-sign-casebook-japanese");
    browser.findElement(By.id("password")).sendKeys(AccountFixtures.PASSWORD);
    browser.findElement(By.cssSelector("form.signature button[type=submit]")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/subjects/" + c.subject().getId()));
    String subjectPage = browser.findElement(By.tagName("main")).getText();
    screenshot("5-subject-signed-japanese");
    assertTrue(subjectPage, subjectPage.contains("有効"));

    browser.get(base + "/subjects/" + c.subject().getId() + "/casebook");
    screenshot("6-casebook-japanese");

    browser.get(base + "/studies/" + c.study().siteB().getId() + "/dashboard");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart canvas")));
    assertTrue(browser.findElements(By.cssSelector(".chart canvas")).size() >= 3);
    screenshot("7-dashboard-japanese");
  }

  private void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }
}
