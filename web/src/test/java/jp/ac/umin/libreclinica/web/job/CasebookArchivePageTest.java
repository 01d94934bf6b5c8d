package jp.ac.umin.libreclinica.web.job;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.casebook.CasebookArchiveWork;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@Import(DataCaptureFixture.class)
public class CasebookArchivePageTest {

  @Autowired private MockMvc mvc;
  @Autowired private DataCaptureFixture fixture;
  @Autowired private BackgroundJobService jobs;

  @Test
  public void aDataManagerMakesFollowsAndDownloadsASiteCasebookArchive() throws Exception {
    Assume.assumeTrue("a Japanese font is installed",
        Files.isReadable(Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")));
    Captured c = fixture.completed(false);
    long site = c.subject().getStudyId();
    mvc.perform(get("/studies/" + site + "/casebooks").with(user(c.dataManager())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Make the archive")));
    mvc.perform(post("/studies/" + site + "/casebooks").param("audit", "true").with(csrf()).with(user(c.dataManager())))
        .andExpect(status().is3xxRedirection());
    List<BackgroundJob> list = jobs.list(c.dataManager(), site, CasebookArchiveWork.KIND);
    assertEquals(1, list.size());
    long id = list.get(0).getId();
    BackgroundJob done = null;
    for (int i = 0; i < 600 && (done == null || !done.getStatus().finished()); i++) {
      Thread.sleep(100);
      done = jobs.view(c.dataManager(), id);
    }
    assertEquals(done.getMessageKey() + " " + done.getMessageArg(), "DONE", done.getStatus().name());
    mvc.perform(get("/studies/" + site + "/casebooks").with(user(c.dataManager())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/jobs/" + id + "/download")))
        .andExpect(content().string(containsString("-casebooks.zip")));
    byte[] zip = mvc.perform(get("/jobs/" + id + "/download").with(user(c.dataManager())))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("attachment")))
        .andReturn().getResponse().getContentAsByteArray();
    assertTrue(zip.length > 100);
    assertEquals('P', zip[0]);
    assertEquals('K', zip[1]);
  }

  @Test
  public void anotherSitesCrcSeesNeitherThePageNorTheFile() throws Exception {
    Captured c = fixture.completed(false);
    long siteB = c.study().siteB().getId();
    mvc.perform(get("/studies/" + siteB + "/casebooks").with(user(c.study().crcA())))
        .andExpect(status().isForbidden());
    BackgroundJob job = jobs.submit(c.dataManager(), CasebookArchiveWork.KIND, siteB, "", Locale.ENGLISH);
    mvc.perform(get("/jobs/" + job.getId() + "/download").with(user(c.study().crcA())))
        .andExpect(status().isForbidden());
    mvc.perform(post("/jobs/" + job.getId() + "/cancel").with(csrf()).with(user(c.study().crcA())))
        .andExpect(status().isForbidden());
  }
}
