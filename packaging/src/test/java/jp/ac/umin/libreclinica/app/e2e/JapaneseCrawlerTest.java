package jp.ac.umin.libreclinica.app.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.app.LibreClinicaApplication;
import jp.ac.umin.libreclinica.app.i18n.JapaneseBundleCompletenessTest;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import org.jsoup.nodes.Element;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Signs in as the first administrator with a Japanese browser, sets up a study the way a
 * data manager would, then visits every page the navigation reaches and fails on any visible
 * English word that is not a name or code (ODM, CRF, OID, ...) or data the test itself typed.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = LibreClinicaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"lc.test.shared-db=false", "lc.admin.initial-password=Crawler-Initial-Pw-2026!"})
public class JapaneseCrawlerTest {

  private static final String INITIAL = "Crawler-Initial-Pw-2026!";
  private static final String CHANGED = "Crawler-Changed-Pw-2026!";
  private static final String CRC = "crawler-crc";
  private static final String CRC_MAIL = "crawler-crc@example.org";
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z_]*");
  /** Links a crawler must not follow: they change state, leave the pages or are files (ODM). */
  private static final Pattern SKIP =
      Pattern.compile("^/(logout|actuator|api|v3)(/.*)?$|[?&]lang=|/download|\\.(css|js|png|ico)$|\\.(xml|pdf)(\\?.*)?$");

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void home(DynamicPropertyRegistry registry) throws Exception {
    Path home = Files.createTempDirectory("lc-crawler");
    registry.add("lc.home", home::toString);
  }

  @Test
  public void everyPageReachedFromTheNavigationIsJapanese() throws Exception {
    WebSession web = new WebSession("http://localhost:" + port, "ja-JP,ja;q=0.9");
    WebSession.Page page = web.get("/login");
    assertEquals(200, page.status());
    assertEquals("ja", page.document().selectFirst("html").attr("lang"));
    page = web.submit(page, "main form", Map.of("username", "admin", "password", INITIAL));
    if (page.path().startsWith("/account/password")) {
      page =
          web.submit(
              page,
              "main form",
              Map.of("currentPassword", INITIAL, "newPassword", CHANGED, "confirmPassword", CHANGED));
    }
    assertTrue("not signed in: " + page.path(), page.document().select("form[action$=/logout]").size() > 0);

    Set<String> typed = seedStudy(web);

    List<String> problems = new ArrayList<>();
    Set<String> visited = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of("/"));
    while (!queue.isEmpty() && visited.size() < 200) {
      String path = queue.poll();
      if (!visited.add(path)) {
        continue;
      }
      WebSession.Page p = web.get(path);
      if (p.status() != 200) {
        problems.add(path + ": HTTP " + p.status());
        continue;
      }
      Set<String> english = englishWords(p, typed);
      if (!english.isEmpty()) {
        problems.add(path + ": " + english);
      }
      for (Element a : p.document().select("a[href]")) {
        String href = a.attr("href");
        if (href.startsWith("/") && !SKIP.matcher(href).find()) {
          queue.add(href.replaceAll("#.*$", ""));
        }
      }
    }
    assertTrue("visited only " + visited, visited.size() >= 8);
    for (String crfPage : List.of("/crfs", "/crfs/upload", "/crfs/\\d+", "/crfs/versions/\\d+",
        "/crfs/versions/\\d+/status\\?action=remove", "/events/\\d+/crfs", "/events/\\d+/crfs/\\d+",
        "/events/\\d+/crfs/\\d+/sites/\\d+", "/subjects/\\d+/casebook", "/subjects/\\d+/casebook\\?audit=true",
        "/event-crfs/\\d+")) {
      assertTrue("not crawled: " + crfPage + " in " + visited, visited.stream().anyMatch(v -> v.matches(crfPage)));
    }
    assertTrue(
        "English on Japanese pages (or errors):\n" + String.join("\n", problems), problems.isEmpty());
  }

  /** Creates a study with a site and an event, opens it, adds a subject and schedules its event, the way a data manager would, in Japanese. */
  private static Set<String> seedStudy(WebSession web) throws Exception {
    WebSession.Page form = web.get("/studies/new");
    WebSession.Page study =
        web.submit(
            form,
            "main form",
            Map.of(
                "name", "巡回試験",
                "protocolId", "巡回-001",
                "principalInvestigator", "研究 太郎",
                "phase", "PHASE_II",
                "protocolType", "INTERVENTIONAL",
                "startDate", "令和8年4月1日",
                "expectedEnrollment", "50"));
    assertTrue("study not created: " + study.path(), study.path().matches("/studies/\\d+"));
    String studyPath = study.path();
    WebSession.Page site =
        web.submit(
            web.get(studyPath + "/sites/new"),
            "main form",
            Map.of("name", "東京施設", "protocolId", "巡回-001-東京", "principalInvestigator", "施設 花子",
                "expectedEnrollment", "10"));
    assertTrue("site not created: " + site.path(), site.path().matches("/studies/\\d+"));
    web.submit(
        web.get(studyPath + "/events/new"),
        "main form",
        Map.of("name", "登録時", "type", "SCHEDULED"));
    // a Japanese CRF, uploaded (preview, then commit) and attached to the event
    byte[] crf = RealisticCrfs.japanese("巡回CRF", "第1版").xls();
    WebSession.Page preview = web.upload(web.get("/crfs/upload"), "main form", "file", "巡回CRF.xls", crf);
    assertTrue("no preview: " + preview.document().text(),
        preview.document().select("form[action$=/crfs/upload/commit]").size() > 0);
    WebSession.Page crfPage = web.submit(preview, "form[action$=/crfs/upload/commit]", Map.of());
    assertTrue("CRF not saved: " + crfPage.path(), crfPage.path().matches("/crfs/\\d+"));
    String crfId = crfPage.path().substring("/crfs/".length());
    WebSession.Page eventCrfs = null;
    for (Element a : web.get(studyPath).document().select("a[href~=/events/\\d+/crfs$]")) {
      eventCrfs = web.get(a.attr("href"));
    }
    assertTrue("no CRF page for the event", eventCrfs != null && eventCrfs.status() == 200);
    WebSession.Page attach = web.get(eventCrfs.path() + "/new?crfId=" + crfId);
    WebSession.Page attached = web.submit(attach, "main form", Map.of("hideFromSites", "true"));
    assertTrue("CRF not attached: " + attached.path(), attached.path().endsWith("/crfs"));
    // the whole design, as the crawler will reach it from the study page
    WebSession.Page design = web.get(studyPath + "/design");
    assertEquals(200, design.status());
    assertTrue(design.document().text().contains("登録時"));
    // open the study, add a subject (typed full-width, dates in Japanese era) and schedule an event
    web.submit(web.get(studyPath + "/status?target=available"), "main form", Map.of("reason", "開始"));
    String studyId = studyPath.substring("/studies/".length());
    WebSession.Page subject =
        web.submit(
            web.get(studyPath + "/subjects/new"),
            "main form",
            Map.of(
                "label", "ＪＰ－００１",
                "siteId", studyId,
                "enrollmentDate", "令和8年4月2日",
                "sex", "FEMALE",
                "dateOfBirth", "昭和45年5月6日"));
    assertTrue("subject not added: " + subject.path(), subject.path().matches("/subjects/\\d+"));
    assertTrue("full-width subject ID stored half-width", subject.document().text().contains("JP-001"));
    WebSession.Page schedule = web.get(subject.path() + "/events/new");
    Element definition = schedule.document().selectFirst("select[name=definitionId] option");
    assertTrue("no event to schedule", definition != null);
    WebSession.Page scheduled =
        web.submit(
            schedule,
            "main form",
            Map.of("definitionId", definition.val(), "startDate", "令和8年4月7日", "startTime", "１０：３０",
                "location", "外来"));
    assertTrue("event not scheduled: " + scheduled.path(), scheduled.path().equals(subject.path()));
    // enter data in the attached Japanese CRF from the subject page, and save it
    WebSession.Page crfForm = web.submit(scheduled, "form[action$=/event-crfs/start]", Map.of());
    assertTrue("data entry not opened: " + crfForm.path(), crfForm.path().matches("/event-crfs/\\d+"));
    WebSession.Page saved = web.submit(crfForm, "main form[action=" + crfForm.path() + "]", Map.of());
    assertEquals("data entry page not saved", crfForm.path(), saved.path());
    // a query on an item, raised from its flag on the data entry page, and answered
    Element flag = saved.document().selectFirst("a.flag[href*='item=KANJA_SEI']");
    assertTrue("no note flag on the data entry page", flag != null);
    WebSession.Page raised =
        web.submit(web.get(flag.attr("href")), "main form[action$=/notes]",
            Map.of("type", "QUERY", "description", "氏名の表記を確認してください。", "detailedNote", "原資料と照合してください。"));
    assertTrue("note not raised: " + raised.path() + " " + raised.document().select("main .error, main .errors, main .field-error, main .global-errors").text(),
        raised.path().matches("/notes/\\d+"));
    WebSession.Page answered =
        web.submit(raised, "main form[method=post]", Map.of("status", "UPDATED", "description", "確認中です。"));
    assertEquals("note not answered", raised.path(), answered.path());
    // a CRC at the site, so that the study's users pages have someone to show
    web.submit(
        web.get("/admin/users/new"),
        "main form",
        Map.of("userName", CRC, "firstName", "花子", "lastName", "施設", "email", CRC_MAIL,
            "userType", "USER"));
    WebSession.Page assigned =
        web.submit(
            web.get(studyPath + "/users/assign?userName=" + CRC + "&target="
                + site.path().substring("/studies/".length())),
            "main form[method=post]",
            Map.of("role", "CLINICAL_RESEARCH_COORDINATOR"));
    assertEquals("role not assigned", studyPath + "/users", assigned.path());
    assertTrue(assigned.document().text(), assigned.document().text().contains(CRC));
    WebSession.Page view = web.get(studyPath);
    Set<String> typed = new TreeSet<>();
    // data shown back to the user: OIDs and user names are codes, not English words
    for (Element td : view.document().select("td")) {
      if (td.text().matches("(S|SE|F|IG|I)_[A-Z0-9_]*")) {
        typed.add(td.text());
      }
    }
    // the first administrator as the application creates it
    typed.addAll(List.of("admin@localhost.invalid", "admin", "System", "Administrator", "system"));
    // the subject added above: its ID and OID are codes
    typed.addAll(List.of("SS_JP001", "JP-001"));
    typed.addAll(List.of(CRC, CRC_MAIL));
    return typed;
  }

  /** Roman numerals (第II相) and single letters (A–Z in a password rule) are not English words. */
  private static final Pattern NOT_A_WORD = Pattern.compile("[IVX]+[ab]?|[A-Za-z]");

  private static Set<String> englishWords(WebSession.Page page, Set<String> typed) {
    // data shown as stored (audit values, code samples) is not text of the interface
    page.document().select(".data, code, pre").remove();
    String text = page.document().body().text();
    // longest first, so that a name inside another (admin in admin@…) does not break it
    for (String t : typed.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
      text = text.replace(t, " ");
    }
    Set<String> found = new TreeSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group();
      if (!JapaneseBundleCompletenessTest.SAME_IN_JAPANESE.contains(w)
          && !NOT_A_WORD.matcher(w).matches()) {
        int from = Math.max(0, m.start() - 20);
        int to = Math.min(text.length(), m.end() + 20);
        found.add(w + " in \"…" + text.substring(from, to) + "…\"");
      }
    }
    // attributes users read
    for (Element e : page.document().select("[placeholder], [title], [alt], input[type=submit][value]")) {
      for (String attr : List.of("placeholder", "title", "alt", "value")) {
        Matcher a = WORD.matcher(e.attr(attr));
        while (a.find()) {
          if (!JapaneseBundleCompletenessTest.SAME_IN_JAPANESE.contains(a.group()) && !typed.contains(e.attr(attr))) {
            found.add(attr + ":" + a.group());
          }
        }
      }
    }
    return found;
  }
}
