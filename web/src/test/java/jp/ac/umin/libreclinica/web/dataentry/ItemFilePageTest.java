package jp.ac.umin.libreclinica.web.dataentry;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class ItemFilePageTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyService studies;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private String dm;
  private EventCrf eventCrf;

  @Before
  public void aStartedCrfWithAFileItem() {
    dm = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin().userName();
    Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("FIP"), "files"), dm);
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    CrfUploadOutcome crf = crfs.commit(
        CrfWorkbookBuilder.crf(Fixtures.unique("FILEP"), "v1")
            .section("S", "Files")
            .item("CONSENT").text("Signed consent").type("file").dataType("FILE").done()
            .xlsx(),
        "f.xlsx", dm);
    eventCrf = entry.start(dm, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), study.getId(), crf.crfVersionId());
  }

  @Test
  public void aFileIsUploadedFromThePageAndDownloadedAsAnAttachment() throws Exception {
    mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)))
        .andExpect(content().string(containsString("form=\"file-v.CONSENT.1\"")))
        .andExpect(content().string(containsString("id=\"file-v.CONSENT.1\"")));
    byte[] pdf = "%PDF-1.4 x".getBytes(StandardCharsets.US_ASCII);
    mvc.perform(multipart("/event-crfs/" + eventCrf.getId() + "/files")
            .file(new MockMultipartFile("file", "../../consent.pdf", "application/pdf", pdf))
            .param("item", "CONSENT").param("row", "1").with(user(dm)).with(csrf()))
        .andExpect(redirectedUrl("/event-crfs/" + eventCrf.getId()));
    String id = entry.values(dm, eventCrf.getId()).get(ItemKey.of("CONSENT")).getValue();
    byte[] back = mvc.perform(get("/item-files/" + id).with(user(dm)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''consent.pdf")))
        .andExpect(header().string("Content-Disposition", containsString("attachment")))
        .andExpect(header().string("Content-Type", "application/octet-stream"))
        .andReturn().getResponse().getContentAsByteArray();
    assertArrayEquals(pdf, back);
    mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)))
        .andExpect(content().string(containsString("/item-files/" + id)));
  }

  @Test
  public void aRefusedTypeIsNamedAndNothingStored() throws Exception {
    mvc.perform(multipart("/event-crfs/" + eventCrf.getId() + "/files")
            .file(new MockMultipartFile("file", "x.exe", "application/octet-stream", new byte[] {1, 2}))
            .param("item", "CONSENT").with(user(dm)).with(csrf()))
        .andExpect(flash().attribute("flash", containsString("CONSENT")));
    assertEquals(0, jdbc.queryForObject("select count(*) from item_file where event_crf_id = ?", Integer.class, eventCrf.getId()).intValue());
  }

  @Test
  public void afterCompletionTheFileIsReplacedOrRemovedOnlyWithAReason() throws Exception {
    byte[] pdf = "%PDF-1.4 x".getBytes(StandardCharsets.US_ASCII);
    mvc.perform(multipart("/event-crfs/" + eventCrf.getId() + "/files")
            .file(new MockMultipartFile("file", "consent.pdf", "application/pdf", pdf))
            .param("item", "CONSENT").with(user(dm)).with(csrf()))
        .andExpect(flash().attribute("flash", containsString("stored")));
    String first = entry.values(dm, eventCrf.getId()).get(ItemKey.of("CONSENT")).getValue();
    entry.markComplete(dm, eventCrf.getId());
    mvc.perform(get("/event-crfs/" + eventCrf.getId()).with(user(dm)))
        .andExpect(content().string(containsString("Reason for changing the file")))
        .andExpect(content().string(containsString("value=\"remove\"")));
    mvc.perform(multipart("/event-crfs/" + eventCrf.getId() + "/files")
            .file(new MockMultipartFile("file", "again.pdf", "application/pdf", pdf))
            .param("item", "CONSENT").with(user(dm)).with(csrf()))
        .andExpect(flash().attribute("flash", containsString("Give a reason for changing the file of \"CONSENT\"")));
    mvc.perform(post("/event-crfs/" + eventCrf.getId() + "/files")
            .param("item", "CONSENT").param("action", "remove").with(user(dm)).with(csrf()))
        .andExpect(flash().attribute("flash", containsString("Give a reason for changing the file of \"CONSENT\"")));
    assertEquals(first, entry.values(dm, eventCrf.getId()).get(ItemKey.of("CONSENT")).getValue());
    mvc.perform(post("/event-crfs/" + eventCrf.getId() + "/files")
            .param("item", "CONSENT").param("action", "remove").param("reasonForChange", "wrong subject's form")
            .with(user(dm)).with(csrf()))
        .andExpect(flash().attribute("flash", containsString("removed")));
    assertEquals("", entry.values(dm, eventCrf.getId()).get(ItemKey.of("CONSENT")).getValue());
  }

  /** Upstream LibreClinica #330: file download by a path let users read any file on the server. */
  @Test
  public void lc330_fileDownloadTakesOnlyAGeneratedIdNeverAPath() throws Exception {
    mvc.perform(get("/item-files/..%2F..%2Fetc%2Fpasswd").with(user(dm)))
        .andExpect(status().is4xxClientError());
    mvc.perform(get("/item-files/1").param("path", "/etc/passwd").with(user(dm)))
        .andExpect(result -> {
          String body = result.getResponse().getContentAsString();
          if (body.contains("root:")) {
            throw new AssertionError("served a file from the file system");
          }
        });
    mvc.perform(post("/event-crfs/" + eventCrf.getId() + "/files").param("item", "CONSENT").with(user(dm)).with(csrf()))
        .andExpect(flash().attribute("flash", containsString("CONSENT")));
  }
}
