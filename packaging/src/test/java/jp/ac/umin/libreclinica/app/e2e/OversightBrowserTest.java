package jp.ac.umin.libreclinica.app.e2e;

import static jp.ac.umin.libreclinica.app.e2e.Chromium.idFrom;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.screenshot;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.sessionCookie;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.submit;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.type;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.waitFor;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Issue "Data quality and oversight", done when, in a real browser and in Japanese: a monitor
 * raises a query, the CRC proposes a resolution, the monitor closes it and verifies the CRF
 * (SDV); the investigator signs the casebook and a later change invalidates the signature; the
 * data manager locks the subject and the study; the casebook PDF shows Japanese text; the
 * assignment mail arrives in GreenMail in the recipient's language. Screenshots in
 * target/screenshots/.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class OversightBrowserTest {

  private static final int SMTP_PORT = freePort();
  private static final GreenMail SMTP = startSmtp();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("lc.mail.retry-delays", () -> "PT0.2S,PT0.5S");
  }

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

  private final List<WebDriver> browsers = new ArrayList<>();
  private String base;

  @Before
  public void needsChromium() {
    Chromium.requireInstalled();
    base = "http://localhost:" + port;
  }

  @After
  public void stopBrowsers() {
    browsers.forEach(WebDriver::quit);
  }

  @AfterClass
  public static void stopSmtp() {
    SMTP.stop();
  }

  @Test
  public void queryResolvedAndClosedSdvSignatureInvalidatedByAChangeLocksAndAJapaneseCasebook() throws Exception {
    // a running study: site B has a CRC, a monitor and the investigator; 100% SDV on the vital signs
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    var r = new SubjectFixtures(studies, definitions, roles, fixtures).runningStudy();
    CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, false, false, false, SdvRequirement.ALL, List.of()), r.dataManager());
    AccountFixtures.TestAccount crc = fixtures.user();
    roles.assign(r.dataManager(), crc.id(), r.siteB().getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
    AccountFixtures.TestAccount monitor = fixtures.user();
    roles.assign(r.dataManager(), monitor.id(), r.siteB().getId(), Role.SITE_MONITOR);
    jdbc.update("UPDATE user_account SET email = ? WHERE user_name = ?", crc.userName() + "@example.org", crc.userName());

    // the CRC's data, entered and completed
    StudySubject s = subjects.add(r.siteB().getId(), SubjectFixtures.aSubject(unique("S").substring(0, 10)), null, false,
        crc.userName());
    StudyEvent screening = events.schedule(s.getId(), r.screening().getId(),
        new EventInput(Instant.parse("2026-04-07T01:00:00Z"), null, "大阪"), crc.userName());
    EventCrf ec = entry.startForEvent(crc.userName(), screening.getId(), vitals.crfVersionId());
    Map<ItemKey, String> typed = new HashMap<>();
    typed.put(ItemKey.of("VSDAT"), "2026-04-07");
    typed.put(ItemKey.of("HEIGHT"), "170.5");
    typed.put(ItemKey.of("WEIGHT"), "61.0");
    typed.put(ItemKey.of("COMMENT"), "体調良好、食欲あり。");
    assertTrue(entry.save(crc.userName(), ec.getId(), typed, Map.of(), null).saved());
    entry.markComplete(crc.userName(), ec.getId());

    WebDriver crcBrowser = signIn(crc.userName(), crc.password());
    WebDriver mon = signIn(monitor.userName(), monitor.password());

    // 1. the monitor raises a query on the height from the data entry page, assigned to the CRC
    mon.get(base + "/event-crfs/" + ec.getId());
    mon.findElement(By.cssSelector("a[href*='/notes/on'][href*='item=HEIGHT']")).click();
    waitFor(mon).until(ExpectedConditions.presenceOfElementLocated(By.id("type")));
    new Select(mon.findElement(By.id("type"))).selectByValue("QUERY");
    type(mon, "description", "身長を原資料と照合してください");
    type(mon, "detailedNote", "カルテでは 175.0 cm と記載されています。");
    new Select(mon.findElement(By.id("assignedTo"))).selectByValue(crc.userName());
    submit(mon);
    long noteId = idFrom(mon, "/notes/(\\d+)$");
    screenshot(mon, "oversight-1-query-raised");

    // the assignment mail reaches the CRC, in Japanese (the CRC chose 日本語)
    assertTrue("a mail within 20 s", SMTP.waitForIncomingEmail(20_000, 1));
    MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> recipients(m).contains(crc.userName() + "@example.org")).findFirst().orElseThrow();
    String mailText = mail.getSubject() + "\n" + GreenMailUtil.getBody(mail);
    assertTrue(mailText, containsJapanese(mail.getSubject()));

    // 2. the CRC proposes a resolution
    crcBrowser.get(base + "/notes/" + noteId);
    new Select(crcBrowser.findElement(By.id("status"))).selectByValue("RESOLUTION_PROPOSED");
    type(crcBrowser, "description", "原資料を確認しました。転記誤りはありません。");
    submit(crcBrowser);
    screenshot(crcBrowser, "oversight-2-resolution-proposed");
    assertEquals("RESOLUTION_PROPOSED", noteStatus(noteId));

    // 3. the monitor closes it and verifies the CRF
    mon.get(base + "/notes/" + noteId);
    new Select(mon.findElement(By.id("status"))).selectByValue("CLOSED");
    type(mon, "description", "確認しました。クローズします。");
    submit(mon);
    assertEquals("CLOSED", noteStatus(noteId));
    String thread = mon.findElement(By.tagName("main")).getText();
    assertTrue(thread, thread.contains("身長を原資料と照合してください") && thread.contains("転記誤りはありません"));
    screenshot(mon, "oversight-3-query-closed");

    mon.get(base + "/sdv");
    screenshot(mon, "oversight-4-sdv-list");
    mon.findElement(By.id("ec" + ec.getId())).click();
    mon.findElement(By.cssSelector("button[name=action][value=verify]")).click();
    waitFor(mon).until(d -> Boolean.TRUE.equals(sdv(ec.getId())));
    screenshot(mon, "oversight-4-sdv-done");

    // 4. the investigator signs the casebook with the password
    WebDriver inv = signIn(r.investigatorB(), AccountFixtures.PASSWORD);
    inv.get(base + "/subjects/" + s.getId() + "/sign");
    String meaning = inv.findElement(By.tagName("main")).getText();
    assertTrue(meaning, meaning.contains("私は本症例の記録を確認し、その内容が正確であることを確認しました。"));
    inv.findElement(By.id("password")).sendKeys(AccountFixtures.PASSWORD);
    inv.findElement(By.cssSelector("form.signature button[type=submit]")).click();
    waitFor(inv).until(d -> "VALID".equals(signatureStatus(s.getId())));
    screenshot(inv, "oversight-5-signed");

    // 5. a later change by the data manager invalidates the signature (and the SDV)
    WebDriver dm = signIn(r.dataManager(), AccountFixtures.PASSWORD);
    dm.get(base + "/event-crfs/" + ec.getId());
    type(dm, "v.HEIGHT.1", "175.0");
    List<WebElement> reason = dm.findElements(By.name("reasonForChange"));
    if (!reason.isEmpty()) {
      reason.get(0).sendKeys("モニタリングでカルテとの相違を確認したため修正");
    }
    dm.findElement(By.cssSelector("button[name=action][value=save]")).click();
    waitFor(dm).until(d -> "INVALIDATED".equals(signatureStatus(s.getId())));
    assertEquals(Boolean.FALSE, sdv(ec.getId()));
    inv.get(base + "/subjects/" + s.getId());
    screenshot(inv, "oversight-6-signature-invalidated");

    // 6. the data manager locks the subject's casebook, then the study
    dm.get(base + "/subjects/" + s.getId());
    dm.findElement(By.id("lockReason")).sendKeys("データ固定のため");
    dm.findElement(By.cssSelector("form[action$='/casebook-lock'] button[type=submit]")).click();
    waitFor(dm).until(d -> Boolean.TRUE.equals(
        jdbc.queryForObject("SELECT casebook_locked FROM study_subject WHERE id = ?", Boolean.class, s.getId())));
    for (String target : List.of("frozen", "locked")) {
      dm.get(base + "/studies/" + r.study().getId() + "/status?target=" + target);
      dm.findElement(By.id("reason")).sendKeys("データベース固定");
      submit(dm);
      assertEquals(target.toUpperCase(java.util.Locale.ROOT), studyStatus(r.study().getId()));
    }
    dm.get(base + "/studies/" + r.study().getId());
    screenshot(dm, "oversight-7-study-locked");

    // 7. the casebook PDF, fetched with the data manager's session, holds the Japanese text
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/subjects/" + s.getId() + "/casebook.pdf"))
            .header("Cookie", sessionCookie(dm)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode());
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      // table cells wrap their text: compare without the line breaks
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
      for (String expected : List.of("体調良好、食欲あり。", "身長を原資料と照合してください", "転記誤りはありません",
          "私は本症例の記録を確認し、その内容が正確であることを確認しました", "無効：署名後にデータが変更されました")) {
        assertTrue(expected + " in\n" + text, text.contains(expected));
      }
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 110);
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      ImageIO.write(page, "png", dir.resolve("oversight-8-casebook-pdf-page1.png").toFile());
    }
  }

  private String noteStatus(long id) {
    return jdbc.queryForObject("SELECT status FROM discrepancy_note WHERE id = ?", String.class, id);
  }

  private Boolean sdv(long eventCrfId) {
    return jdbc.queryForObject("SELECT sdv_verified FROM event_crf WHERE id = ?", Boolean.class, eventCrfId);
  }

  private String signatureStatus(long subjectId) {
    List<String> s = jdbc.queryForList(
        "SELECT status FROM signature WHERE study_subject_id = ? ORDER BY id DESC LIMIT 1", String.class, subjectId);
    return s.isEmpty() ? null : s.get(0);
  }

  private String studyStatus(long studyId) {
    return jdbc.queryForObject("SELECT status FROM study WHERE id = ?", String.class, studyId);
  }

  private static String recipients(MimeMessage m) {
    try {
      return Arrays.toString(m.getAllRecipients());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean containsJapanese(String text) {
    return text != null && text.codePoints().anyMatch(c ->
        Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
            || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
            || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  private WebDriver signIn(String user, String password) {
    WebDriver browser = Chromium.open(1200);
    browsers.add(browser);
    Chromium.signIn(browser, base, user, password);
    return browser;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GreenMail startSmtp() {
    GreenMail g = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    return g;
  }
}
