package jp.ac.umin.libreclinica.app.e2e;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless chromium for the walkthrough tests: skipped where chromium is not installed, required
 * on CI; each browser is a user of its own who signs in and switches the pages to Japanese.
 */
final class Chromium {

  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Chromium() {}

  /** Skips the test without chromium; on CI its absence is a failure. */
  static void requireInstalled() {
    boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must install chromium and chromium-driver (see .ci/run)");
    }
    assumeTrue("chromium and chromium-driver are not installed", installed);
  }

  /** A new browser window of {@code height} pixels, Japanese as its language. */
  static WebDriver open(int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--lang=ja-JP", "--window-size=1280," + height);
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
  }

  /** Signs {@code user} in on the login page and chooses 日本語 (remembered on the account). */
  static void signIn(WebDriver browser, String base, String user, String password) {
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(browser).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    if (!"ja".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
      browser.findElement(By.linkText("日本語")).click();
      waitFor(browser).until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }
  }

  static WebDriverWait waitFor(WebDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  /** Types into the field with id {@code field}, replacing what it held. */
  static void type(WebDriver browser, String field, String value) {
    WebElement e = browser.findElement(By.id(field));
    e.clear();
    if (value.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      // chromedriver types only BMP characters; a pasted value (as an IME user would) goes in whole
      ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", e, value);
    } else {
      e.sendKeys(value);
    }
  }

  /** Clicks {@code button} and waits for the page it leads to. */
  static void clickAndWait(WebDriver browser, WebElement button) {
    button.click();
    waitFor(browser).until(ExpectedConditions.stalenessOf(button));
  }

  /** Submits the page's main form and waits for the answer. */
  static void submit(WebDriver browser) {
    clickAndWait(browser, browser.findElement(By.cssSelector("main form[method=post] button[type=submit]")));
  }

  /** Waits for a path matching {@code regex} and returns its first group as a number. */
  static long idFrom(WebDriver browser, String regex) {
    waitFor(browser).until(d -> Pattern.compile(regex).matcher(URI.create(d.getCurrentUrl()).getPath()).find());
    Matcher m = Pattern.compile(regex).matcher(URI.create(browser.getCurrentUrl()).getPath());
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  /** The browser's session cookie as a {@code Cookie} header value, for HTTP downloads. */
  static String sessionCookie(WebDriver browser) {
    Cookie c = browser.manage().getCookies().stream()
        .filter(k -> k.getName().equals("SESSION") || k.getName().equals("JSESSIONID")).findFirst().orElseThrow();
    return c.getName() + "=" + c.getValue();
  }

  static void screenshot(WebDriver browser, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
