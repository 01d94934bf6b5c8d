package jp.ac.umin.libreclinica.web.crf;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.Part;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.CrfVersionStatus;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The CRF pages: upload with every problem listed, preview, commit, versions, download, rights. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class CrfPagesTest {

  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]{43})\"");

  @Autowired private MockMvc mvc;
  @Autowired private CrfRepository crfRepository;
  @Autowired private CrfService crfs;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  private AccountFixtures fixtures;
  private String admin;

  @Before
  public void anAdministrator() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin().userName();
  }

  private RequestPostProcessor asAdmin() {
    return user(admin).roles("BUSINESS_ADMIN");
  }

  /** The browser of one user: one HTTP session (mock or Spring Session cookie) across requests. */
  private final class Browser {
    final MockHttpSession session = new MockHttpSession();
    Cookie[] cookies = new Cookie[0];

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
      request.session(session);
      if (cookies.length > 0) {
        request.cookie(cookies);
      }
      MvcResult result = mvc.perform(request.with(asAdmin()).with(csrf())).andReturn();
      if (result.getResponse().getCookies().length > 0) {
        cookies = result.getResponse().getCookies();
      }
      return result;
    }
  }

  private static MockHttpServletRequestBuilder upload(byte[] bytes, String fileName) {
    return multipart("/crfs/upload")
        .file(new MockMultipartFile("file", fileName, "application/vnd.ms-excel", bytes))
        .header("Accept-Language", "en");
  }

  private static String tokenIn(String html) {
    Matcher m = TOKEN.matcher(html);
    assertTrue("no commit token on the page", m.find());
    return m.group(1);
  }

  @Test
  public void aBrokenSpreadsheetListsEveryProblemWithSheetRowAndColumnAndSavesNothing() throws Exception {
    byte[] broken = CrfWorkbookBuilder.crf(unique("Broken"), "v1")
        .section("S1", "Section")
        .item("AGE").dataType("INTEGER").done()
        .item("SEX").type("radiobutton").done()
        .item("AGE").done()
        .xls();
    long before = crfRepository.count();
    String html = mvc.perform(upload(broken, "broken.xls").with(asAdmin()).with(csrf()))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    Document page = Jsoup.parse(html);
    List<List<String>> rows = page.select(".upload-errors table tbody tr").stream()
        .map(tr -> tr.select("td").eachText())
        .toList();
    assertTrue(rows.toString(), rows.contains(List.of("Items", "2", "DATA_TYPE", "INTEGER",
        "\"INTEGER\" cannot be used. Use one of ST, INT, REAL, DATE, PDATE, FILE.")));
    assertTrue(rows.toString(), rows.stream().anyMatch(r -> r.get(0).equals("Items") && r.get(1).equals("3")
        && r.get(2).equals("RESPONSE_TYPE") && r.get(3).equals("radiobutton")));
    assertTrue(rows.toString(), rows.stream().anyMatch(r -> r.get(1).equals("4") && r.get(2).equals("ITEM_NAME")));
    assertTrue("no commit button", page.select("form[action$=/crfs/upload/commit]").isEmpty());
    assertEquals(before, crfRepository.count());
  }

  @Test
  public void previewShowsTheFormAndCommitSavesIt() throws Exception {
    String name = unique("Adverse Events");
    byte[] file = RealisticCrfs.adverseEvents(name, "v1").xlsx();
    long before = crfRepository.count();
    Browser browser = new Browser();
    MvcResult preview = browser.perform(upload(file, "ae.xlsx"));
    assertEquals(200, preview.getResponse().getStatus());
    String html = preview.getResponse().getContentAsString(StandardCharsets.UTF_8);
    Document page = Jsoup.parse(html);
    // the repeating group as a grid with its repeat number of rows, its columns, disabled widgets
    assertEquals(3, page.select("table.crf-grid tbody tr").size());
    assertTrue(page.select("table.crf-grid thead").text().contains("Term"));
    assertFalse(page.select("input[type=radio][disabled]").isEmpty());
    assertFalse(page.select("select[disabled] option:contains(Moderate)").isEmpty());
    // sanitised markup kept as markup
    assertFalse(page.select(".crf-instructions b:contains(every)").isEmpty());
    assertEquals("nothing saved by the preview", before, crfRepository.count());

    MvcResult commit = browser.perform(post("/crfs/upload/commit").param("token", tokenIn(html)));
    assertEquals(302, commit.getResponse().getStatus());
    String location = commit.getResponse().getRedirectedUrl();
    assertTrue(location, location.matches("/crfs/\\d+"));
    assertEquals(before + 1, crfRepository.count());
    mvc.perform(get(location).with(asAdmin()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(name)))
        .andExpect(content().string(containsString("v1")));
    // the held upload is gone: a second commit does not save twice
    browser.perform(post("/crfs/upload/commit").param("token", tokenIn(html)));
    assertEquals(before + 1, crfRepository.count());
  }

  @Test
  public void aTokenOfAnotherSessionCommitsNothing() throws Exception {
    byte[] file = RealisticCrfs.vitalSigns(unique("Vitals"), "v1").xlsx();
    long before = crfRepository.count();
    String token = tokenIn(new Browser().perform(upload(file, "vs.xlsx")).getResponse().getContentAsString());
    MvcResult other = new Browser().perform(post("/crfs/upload/commit").param("token", token));
    assertEquals(200, other.getResponse().getStatus());
    assertTrue(other.getResponse().getContentAsString().contains("is no longer held"));
    assertEquals(before, crfRepository.count());
  }

  @Test
  public void aVersionNameTakenMeanwhileIsShownAndNothingIsSaved() throws Exception {
    String name = unique("Vitals");
    byte[] file = RealisticCrfs.vitalSigns(name, "v1").xlsx();
    Browser browser = new Browser();
    String token = tokenIn(browser.perform(upload(file, "vs.xlsx")).getResponse().getContentAsString());
    CrfUploadOutcome meanwhile = crfs.commit(file, "vs.xlsx", admin);
    MvcResult result = browser.perform(post("/crfs/upload/commit").param("token", token));
    assertEquals(200, result.getResponse().getStatus());
    String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertTrue(html, html.contains("The version &quot;v1&quot; of the CRF"));
    assertTrue(html.contains("Nothing was saved"));
    assertEquals(1, crfs.versionsOf(meanwhile.crfId()).size());
  }

  @Test
  public void aFileBeyondTheCrfLimitIsRefusedWithAMessage() throws Exception {
    byte[] tooBig = new byte[(int) crfs.limits().maxBytes() + 1];
    long before = crfRepository.count();
    mvc.perform(upload(tooBig, "big.xls").with(asAdmin()).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The file is too large. CRF design spreadsheets may be at most 10 MB.")));
    assertEquals(before, crfRepository.count());
  }

  /** What the server does when the container refuses a body beyond spring.servlet.multipart.max-file-size. */
  @Test
  public void aFileBeyondTheServerLimitGetsThePageWithAMessage() throws Exception {
    RequestPostProcessor containerRefusesTheBody = request -> {
      MockHttpServletRequest refusing = new MockHttpServletRequest(request.getServletContext(), "POST", "/crfs/upload") {
        @Override
        public Collection<Part> getParts() {
          throw new IllegalStateException(
              "org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException: The field file exceeds its maximum permitted size");
        }
      };
      refusing.setContentType("multipart/form-data; boundary=xyz");
      refusing.addHeader("Content-Type", "multipart/form-data; boundary=xyz");
      refusing.addHeader("Accept-Language", "en");
      refusing.setParameter("_csrf", request.getParameter("_csrf"));
      return refusing;
    };
    mvc.perform(post("/crfs/upload").with(containerRefusesTheBody).with(asAdmin()).with(csrf()))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().string(containsString("The file is too large.")));
  }

  @Test
  public void aUserWithoutBuildRightsIsRefused() throws Exception {
    CrfUploadOutcome outcome = crfs.commit(RealisticCrfs.vitalSigns(unique("Vitals"), "v1").xlsx(), "vs.xlsx", admin);
    String plain = fixtures.user().userName();
    RequestPostProcessor asPlain = user(plain).roles("USER");
    long before = crfRepository.count();
    mvc.perform(get("/crfs").with(asPlain)).andExpect(status().isForbidden());
    mvc.perform(get("/crfs/upload").with(asPlain)).andExpect(status().isForbidden());
    mvc.perform(upload(RealisticCrfs.vitalSigns(unique("Vitals"), "v1").xlsx(), "vs.xlsx").with(asPlain).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(get("/crfs/" + outcome.crfId()).with(asPlain)).andExpect(status().isForbidden());
    mvc.perform(get("/crfs/versions/" + outcome.crfVersionId()).with(asPlain)).andExpect(status().isForbidden());
    mvc.perform(get("/crfs/versions/" + outcome.crfVersionId() + "/download").with(asPlain))
        .andExpect(status().isForbidden());
    mvc.perform(post("/crfs/versions/" + outcome.crfVersionId() + "/status").param("action", "remove")
            .param("reason", "no").with(asPlain).with(csrf()))
        .andExpect(status().isForbidden());
    assertEquals(before, crfRepository.count());
    assertEquals(CrfVersionStatus.AVAILABLE, crfs.versionsOf(outcome.crfId()).get(0).status());
    mvc.perform(get("/").with(asPlain)).andExpect(content().string(not(containsString("href=\"/crfs\""))));
    mvc.perform(get("/").with(asAdmin())).andExpect(content().string(containsString("href=\"/crfs\"")));
  }

  @Test
  public void theOriginalSpreadsheetIsDownloadedWithItsJapaneseName() throws Exception {
    byte[] file = RealisticCrfs.japanese(unique("日本語"), "1").xls();
    CrfUploadOutcome outcome = crfs.commit(file, "C:\\fakepath\\症例報告書 \"v1\".xls", admin);
    MvcResult result = mvc.perform(get("/crfs/versions/" + outcome.crfVersionId() + "/download").with(asAdmin()))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/vnd.ms-excel"))
        .andReturn();
    assertArrayEquals(file, result.getResponse().getContentAsByteArray());
    String disposition = result.getResponse().getHeader("Content-Disposition");
    assertNotNull(disposition);
    assertTrue(disposition, disposition.startsWith("attachment; filename=\""));
    assertTrue(disposition, disposition.contains(
        "filename*=UTF-8''%E7%97%87%E4%BE%8B%E5%A0%B1%E5%91%8A%E6%9B%B8%20%22v1%22.xls"));
    assertFalse(disposition, disposition.contains("fakepath"));
    mvc.perform(get("/crfs/versions/999999999/download").with(asAdmin())).andExpect(status().isNotFound());
  }

  /** Upstream LC PRs #330/#331: CRF downloads read file names and paths from the request. */
  @Test
  public void lc330_downloadRefusesPathTraversal() throws Exception {
    String[] attempts = {
      "/crfs/versions/../../etc/passwd/download",
      "/crfs/versions/..%2f..%2fetc%2fpasswd/download",
      "/crfs/versions/%2e%2e%2f%2e%2e%2fetc%2fpasswd/download",
      "/crfs/versions/%2Fetc%2Fpasswd/download",
      "/crfs/versions//etc/passwd/download",
      "/crfs/versions/etc/download",
      "/crfs/versions/C:%5CWindows%5Cwin.ini/download",
      "/crfs/versions/1;/etc/passwd/download",
    };
    for (String attempt : attempts) {
      MvcResult r = mvc.perform(get(java.net.URI.create(attempt)).with(asAdmin())).andReturn();
      int code = r.getResponse().getStatus();
      assertTrue(attempt + " gave " + code, code == 400 || code == 404);
      assertFalse(attempt, r.getResponse().getContentAsString().contains("root:"));
    }
    mvc.perform(get("/crfs/versions/1/download").param("file", "../../etc/passwd").with(asAdmin()))
        .andExpect(result -> {
          int code = result.getResponse().getStatus();
          assertTrue("gave " + code, code == 404 || code == 200);
          assertFalse(result.getResponse().getContentAsString().contains("root:"));
        });
  }

  @Test
  public void aVersionIsShownRemovedWithAReasonAndRestored() throws Exception {
    String name = unique("Vitals");
    CrfUploadOutcome outcome = crfs.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "vs.xlsx", admin);
    String versionPage = mvc.perform(get("/crfs/versions/" + outcome.crfVersionId()).with(asAdmin()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertTrue(versionPage.contains("Systolic blood pressure"));
    assertTrue(versionPage.contains("mmHg"));
    String path = "/crfs/versions/" + outcome.crfVersionId() + "/status";
    mvc.perform(get(path).param("action", "remove").with(asAdmin())).andExpect(status().isOk());
    mvc.perform(post(path).param("action", "remove").param("reason", " ").with(asAdmin()).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Give a reason.")));
    assertEquals(CrfVersionStatus.AVAILABLE, crfs.versionsOf(outcome.crfId()).get(0).status());
    mvc.perform(post(path).param("action", "remove").param("reason", "<script>x</script>").with(asAdmin()).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertEquals(CrfVersionStatus.REMOVED, crfs.versionsOf(outcome.crfId()).get(0).status());
    mvc.perform(get("/crfs/" + outcome.crfId()).with(asAdmin()))
        .andExpect(content().string(containsString("&lt;script&gt;x&lt;/script&gt;")))
        .andExpect(content().string(not(containsString("<script>x"))));
    mvc.perform(post(path).param("action", "restore").param("reason", "ok").with(asAdmin()).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertEquals(CrfVersionStatus.AVAILABLE, crfs.versionsOf(outcome.crfId()).get(0).status());
  }

  @Test
  public void theListFiltersByName() throws Exception {
    String stem = unique("Filter");
    crfs.commit(RealisticCrfs.vitalSigns(stem + " Vitals & \"Co\"", "v1").xlsx(), "vs.xlsx", admin);
    mvc.perform(get("/crfs").param("name", stem).with(asAdmin()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Vitals &amp; &quot;Co&quot;")));
    mvc.perform(get("/crfs").param("name", stem + "-nothing").with(asAdmin()))
        .andExpect(content().string(containsString("No CRF name contains this text.")));
  }

  @Test
  public void theUploadPageStatesTheLimit() throws Exception {
    mvc.perform(get("/crfs/upload").with(asAdmin()).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("at most 10 MB")));
  }
}
