package jp.ac.umin.libreclinica.web.study;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.template.SharedReference;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
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

/** /studies/import: upload, preview (nothing created), confirm, follow, open the study; refusals. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class StudyImportPagesTest {

  @Autowired private MockMvc mvc;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures() {
    return new AccountFixtures(accounts, history, encoder, jdbc);
  }

  private MockMultipartFile extract(String protocol, String oid) throws Exception {
    String text = Files.readString(SharedReference.dir().resolve("reference/odm/example-R01-full-extract-odm13-oc.xml"),
        StandardCharsets.US_ASCII).replace("R01-12345", protocol).replace("S_R0112345", oid);
    return new MockMultipartFile("file", "r01.xml", "application/xml", text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  public void anAdministratorPreviewsConfirmsAndOpensTheImportedStudy() throws Exception {
    String admin = fixtures().businessAdmin().userName();
    String suffix = Long.toString(System.nanoTime() % 10000);
    int studies = jdbc.queryForObject("SELECT count(*) FROM study", Integer.class);
    String page = mvc.perform(multipart("/studies/import").file(extract("W" + suffix, "S_W" + suffix))
            .with(csrf()).with(user(admin).roles("BUSINESS_ADMIN")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("769")))
        .andExpect(content().string(containsString("Rules (5 rule definitions) are not imported")))
        .andReturn().getResponse().getContentAsString();
    assertEquals(studies, jdbc.queryForObject("SELECT count(*) FROM study", Integer.class).intValue());
    Matcher m = Pattern.compile("/studies/import/(\\d+)/confirm").matcher(page);
    org.junit.Assert.assertTrue(m.find());
    long id = Long.parseLong(m.group(1));
    mvc.perform(post("/studies/import/" + id + "/confirm").with(csrf()).with(user(admin).roles("BUSINESS_ADMIN")))
        .andExpect(status().is3xxRedirection());
    String status = "";
    for (int i = 0; i < 1200 && !status.contains("Open the new study") && !status.contains("Failed"); i++) {
      Thread.sleep(100);
      status = mvc.perform(get("/studies/import/" + id).with(user(admin).roles("BUSINESS_ADMIN")).header("Accept-Language", "en"))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
    org.junit.Assert.assertTrue(status, status.contains("Open the new study"));
    Long studyId = jdbc.queryForObject("SELECT study_id FROM study_import WHERE id = ?", Long.class, id);
    org.junit.Assert.assertTrue(status.contains("/studies/" + studyId));
    Long cam101 = jdbc.queryForObject("SELECT id FROM study_subject WHERE parent_study_id = ? AND label = 'CAM101'",
        Long.class, studyId);
    mvc.perform(get("/subjects/" + cam101 + "/audit").with(user(admin).roles("BUSINESS_ADMIN")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Imported history")))
        .andExpect(content().string(containsString("Study subject created")))
        .andExpect(content().string(containsString("Jon Smith (USR_6)")));
  }

  @Test
  public void malformedXmlIsShownWithItsLine() throws Exception {
    String admin = fixtures().businessAdmin().userName();
    MockMultipartFile broken = new MockMultipartFile("file", "b.xml", "application/xml",
        "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n<Study>\n</ODM>".getBytes(StandardCharsets.UTF_8));
    mvc.perform(multipart("/studies/import").file(broken).with(csrf()).with(user(admin).roles("BUSINESS_ADMIN"))
            .header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Line 3: the file is not well-formed XML")))
        .andExpect(content().string(not(containsString("/confirm"))));
  }

  @Test
  public void confirmingAnImportThatIsNotWaitingSaysSo() throws Exception {
    String admin = fixtures().businessAdmin().userName();
    mvc.perform(post("/studies/import/999999999/confirm").with(csrf()).with(user(admin).roles("BUSINESS_ADMIN"))
            .header("Accept-Language", "en"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no study import 999999999 waiting for you")));
  }

  @Test
  public void aUserWhoMayNotCreateStudiesCannotImport() throws Exception {
    String plain = fixtures().user().userName();
    mvc.perform(get("/studies/import").with(user(plain).roles("USER")))
        .andExpect(status().isForbidden());
  }
}
