package jp.ac.umin.libreclinica.app.e2e;

import static jp.ac.umin.libreclinica.app.e2e.Chromium.clickAndWait;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.idFrom;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.screenshot;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.submit;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.type;
import static jp.ac.umin.libreclinica.app.e2e.Chromium.waitFor;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.app.LibreClinicaApplication;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.ItemData;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Issue "Data capture", done when: on a study built with the services, a CRC adds a subject,
 * schedules an event and enters data in every response type in Japanese, in a real browser; a
 * second CRC's conflicting edit is refused with a clear message that keeps what they typed; the
 * subject's audit log shows every change. Screenshots in target/screenshots/.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class DataCaptureBrowserTest {

  @LocalServerPort private int port;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private CrfService crfs;
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

  /** A CRF in Japanese with every response type and a repeating grid. */
  static CrfWorkbookBuilder everyResponseType(String name) {
    return CrfWorkbookBuilder.crf(name, "第1版")
        .section("全項目", "全回答形式")
        .group("MAIN", "NON-REPEATING")
        .grid("AE", "有害事象", "1", "5")
        .item("SHIMEI").group("MAIN").text("氏名").required().done()
        .item("KINYUBI").group("MAIN").text("記入日").dataType("DATE").done()
        .item("HASSHOU").group("MAIN").text("発症時期（不完全日付可）").dataType("PDATE").done()
        .item("NENREI").group("MAIN").text("年齢").units("歳").dataType("INT")
            .validation("func: range(0, 120)", "0～120 の範囲で入力してください").done()
        .item("SHINCHO").group("MAIN").text("身長").units("cm").dataType("REAL").width("5(1)").done()
        .item("TAIJU").group("MAIN").text("体重").units("kg").dataType("REAL").width("5(1)").done()
        .item("BMI").group("MAIN").text("BMI").calculation("calculation", "func: TAIJU/pow(SHINCHO/100, 2)")
            .dataType("REAL").width("w(1)").done()
        .item("SEIBETSU").group("MAIN").text("性別").options("radio", "性別", "男性,女性", "1,2").dataType("INT").done()
        .item("KIOREKI").group("MAIN").text("既往歴")
            .options("checkbox", "既往歴", "高血圧,糖尿病,脂質異常症", "HT,DM,DL").done()
        .item("JUSHOUDO").group("MAIN").text("重症度")
            .options("single-select", "重症度", "軽度,中等度,重度", "1,2,3").dataType("INT").done()
        .item("HEIYOU").group("MAIN").text("併用薬")
            .options("multi-select", "併用薬", "降圧薬,血糖降下薬,抗凝固薬", "A,B,C").done()
        .item("SHOKEN").group("MAIN").text("所見").type("textarea").done()
        .item("DOUI").group("MAIN").text("同意書").type("file").dataType("FILE").done()
        .item("AETERM").group("AE").text("事象名").done()
        .item("AEGRADE").group("AE").text("グレード")
            .options("single-select", "グレード", "1,2,3,4,5", "1,2,3,4,5").dataType("INT").done()
        .item("AEKAZU").group("MAIN").text("有害事象の件数").calculation("group-calculation", "func: sum(AEGRADE)")
            .dataType("INT").done();
  }

  @Test
  public void aCrcEntersEveryResponseTypeInJapaneseAndASecondCrcsConflictingEditIsRefused() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    var r = new SubjectFixtures(studies, definitions, roles, fixtures).runningStudy();
    CrfUploadOutcome crf = crfs.commit(everyResponseType(unique("全項目")).xlsx(), "all.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), crf.crfId(),
        new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), r.dataManager());
    AccountFixtures.TestAccount crc2 = fixtures.user();
    roles.assign(r.dataManager(), crc2.id(), r.siteA().getId(), Role.CLINICAL_RESEARCH_COORDINATOR);

    WebDriver a = signIn(r.crcA(), AccountFixtures.PASSWORD);

    // the CRC adds a subject at their site
    String label = unique("被験者");
    a.get(base + "/studies/" + r.siteA().getId() + "/subjects/new");
    type(a, "label", label);
    type(a, "enrollmentDate", "2026/04/01");
    if (!a.findElements(By.id("sex")).isEmpty()) {
      new Select(a.findElement(By.id("sex"))).selectByIndex(2);
    }
    if (!a.findElements(By.id("dateOfBirth")).isEmpty()) {
      type(a, "dateOfBirth", "1970/05/06");
    }
    if (!a.findElements(By.id("personId")).isEmpty()) {
      type(a, "personId", unique("P"));
    }
    submit(a);
    long subjectId = idFrom(a, "/subjects/(\\d+)$");
    assertTrue(a.getPageSource().contains(label));

    // schedules the screening
    a.get(base + "/subjects/" + subjectId + "/events/new");
    new Select(a.findElement(By.id("definitionId"))).selectByValue(String.valueOf(r.screening().getId()));
    type(a, "startDate", "2026/04/07");
    if (!a.findElements(By.id("location")).isEmpty()) {
      type(a, "location", "東京大学医学部附属病院 外来");
    }
    submit(a);
    waitFor(a).until(ExpectedConditions.not(ExpectedConditions.urlContains("/events/new")));

    // and opens the CRF from the subject page
    a.get(base + "/subjects/" + subjectId);
    a.findElement(By.xpath("//form[input[@name='crfVersion' and @value='" + crf.crfVersionId() + "']]//button")).click();
    long eventCrfId = idFrom(a, "/event-crfs/(\\d+)$");
    screenshot(a, "capture-1-empty-form");

    // every response type, in Japanese
    type(a, "v.SHIMEI.1", "𠮷田 花子");
    type(a, "v.KINYUBI.1", "2026/4/7");
    type(a, "v.HASSHOU.1", "2025/11");
    type(a, "v.NENREI.1", "５６");
    type(a, "v.SHINCHO.1", "158.5");
    type(a, "v.TAIJU.1", "52.0");
    a.findElement(By.cssSelector("input[name='v.SEIBETSU.1'][value='2']")).click();
    a.findElement(By.cssSelector("input[name='v.KIOREKI.1'][value='HT']")).click();
    a.findElement(By.cssSelector("input[name='v.KIOREKI.1'][value='DL']")).click();
    new Select(a.findElement(By.id("v.JUSHOUDO.1"))).selectByValue("2");
    Select drugs = new Select(a.findElement(By.id("v.HEIYOU.1")));
    drugs.selectByValue("A");
    drugs.selectByValue("C");
    type(a, "v.SHOKEN.1", "特記事項なし。\n次回来院時に再評価する。");
    type(a, "v.AETERM.1", "頭痛");
    new Select(a.findElement(By.id("v.AEGRADE.1"))).selectByValue("1");
    a.findElement(By.cssSelector("button[name=action][value=addRow]")).click();
    waitFor(a).until(ExpectedConditions.presenceOfElementLocated(By.id("v.AETERM.2")));
    type(a, "v.AETERM.2", "悪心");
    new Select(a.findElement(By.id("v.AEGRADE.2"))).selectByValue("2");
    save(a);

    // a file for the file item
    Path consent = Files.createTempFile("同意書", ".pdf");
    byte[] pdf = "%PDF-1.4\n% 同意書\n".getBytes(StandardCharsets.UTF_8);
    Files.write(consent, pdf);
    a.findElement(By.id("v.DOUI.1")).sendKeys(consent.toAbsolutePath().toString());
    a.findElement(By.cssSelector("button[form='file-v.DOUI.1']")).click();
    waitFor(a).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href*='/item-files/']")));
    screenshot(a, "capture-2-every-type-saved");

    Map<ItemKey, ItemData> stored = entry.values(r.dataManager(), eventCrfId);
    assertEquals("𠮷田 花子", value(stored, "SHIMEI", 1));
    assertEquals("2026-04-07", value(stored, "KINYUBI", 1));
    assertEquals("2025-11", value(stored, "HASSHOU", 1));
    assertEquals("56", value(stored, "NENREI", 1));
    assertEquals("158.5", value(stored, "SHINCHO", 1));
    assertEquals("20.7", value(stored, "BMI", 1));
    assertEquals("2", value(stored, "SEIBETSU", 1));
    assertEquals("HT,DL", value(stored, "KIOREKI", 1));
    assertEquals("2", value(stored, "JUSHOUDO", 1));
    assertEquals("A,C", value(stored, "HEIYOU", 1));
    assertEquals("特記事項なし。\n次回来院時に再評価する。", value(stored, "SHOKEN", 1));
    assertEquals("頭痛", value(stored, "AETERM", 1));
    assertEquals("悪心", value(stored, "AETERM", 2));
    assertEquals("3", value(stored, "AEKAZU", 1));
    String fileId = value(stored, "DOUI", 1);
    byte[] downloaded = jdbc.queryForObject("SELECT content FROM item_file WHERE id = ?", byte[].class, Long.valueOf(fileId));
    assertArrayEquals(pdf, downloaded);

    // a second CRC opens the same CRF; the first changes the height meanwhile
    WebDriver b = signIn(crc2.userName(), crc2.password());
    b.get(base + "/event-crfs/" + eventCrfId);
    assertEquals("158.5", b.findElement(By.id("v.SHINCHO.1")).getAttribute("value"));
    a.get(base + "/event-crfs/" + eventCrfId);
    type(a, "v.SHINCHO.1", "159.0");
    save(a);

    // the second CRC's save is refused, names the item, and keeps what they typed
    type(b, "v.SHINCHO.1", "160.2");
    save(b);
    waitFor(b).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "別のユーザーがこのCRFを保存しました"));
    String refused = b.findElement(By.tagName("main")).getText();
    assertTrue(refused, refused.contains("SHINCHO") || refused.contains("身長"));
    assertEquals("160.2", b.findElement(By.id("v.SHINCHO.1")).getAttribute("value"));
    assertTrue(refused, refused.contains("159.0"));
    // what the page does not take typed (a calculation, a file) still shows what is stored
    assertEquals("20.6", b.findElement(By.id("v.BMI.1")).getText());
    assertEquals(1, b.findElements(By.cssSelector("a[href*='/item-files/" + fileId + "']")).size());
    screenshot(b, "capture-3-conflict-refused");
    assertEquals("159.0", value(entry.values(r.dataManager(), eventCrfId), "SHINCHO", 1));

    // the audit log shows every change: the first values, the change of the height, the file
    a.get(base + "/subjects/" + subjectId + "/audit");
    String audit = a.findElement(By.tagName("main")).getText();
    screenshot(a, "capture-4-audit-log");
    for (String expected : List.of("SHIMEI", "𠮷田 花子", "KIOREKI", "HT,DL", "HEIYOU", "AETERM #2", "悪心",
        "SHINCHO", "158.5", "159.0", "DOUI", r.crcA(), "start=2026-04-07T00:00+09:00")) {
      assertTrue(expected + " in the audit log:\n" + audit, audit.contains(expected));
    }
    assertEquals("ja", a.findElement(By.tagName("html")).getAttribute("lang"));
  }

  private static String value(Map<ItemKey, ItemData> stored, String item, int row) {
    ItemData d = stored.get(new ItemKey(item, row));
    return d == null ? null : d.getValue();
  }

  private WebDriver signIn(String user, String password) {
    WebDriver browser = Chromium.open(1400);
    browsers.add(browser);
    Chromium.signIn(browser, base, user, password);
    return browser;
  }

  private static void save(WebDriver browser) {
    clickAndWait(browser, browser.findElement(By.cssSelector("button[name=action][value=save]")));
  }
}
