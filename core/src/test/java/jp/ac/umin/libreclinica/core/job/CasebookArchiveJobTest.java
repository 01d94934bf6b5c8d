package jp.ac.umin.libreclinica.core.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.casebook.CasebookArchiveWork;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;

/** A site's casebooks as a zip, made by a background job with progress, cancel and audit. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import({DataCaptureFixture.class, CasebookArchiveJobTest.Bundles.class})
public class CasebookArchiveJobTest {

  /** The casebook's texts, as in the application. */
  @org.springframework.boot.test.context.TestConfiguration
  static class Bundles {
    @org.springframework.context.annotation.Bean
    org.springframework.context.MessageSource messageSource() {
      var m = new org.springframework.context.support.ReloadableResourceBundleMessageSource();
      String ja = "file:../i18n-ja/src/main/resources/i18n/";
      m.setBasenames(ja + "casebook", ja + "subject", ja + "dataentryweb", ja + "signature", ja + "notes",
          "classpath:i18n/casebook", "classpath:i18n/subject", "classpath:i18n/signature", "classpath:i18n/notes",
          "classpath:i18n/dataentry");
      m.setDefaultEncoding("UTF-8");
      m.setFallbackToSystemLocale(false);
      m.setUseCodeAsDefaultMessage(true);
      return m;
    }
  }

  @Autowired private DataCaptureFixture fixture;
  @Autowired private BackgroundJobService jobs;
  @Autowired private JdbcTemplate jdbc;

  private BackgroundJob waitFor(String actor, long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      BackgroundJob j = jobs.view(actor, id);
      if (j.getStatus().finished()) {
        return j;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish in 60 s");
  }

  @Test
  public void aSiteCasebookArchiveHoldsOnePdfPerSubjectAndIsAudited() throws Exception {
    Assume.assumeTrue("a Japanese font (fonts-ipaexfont-gothic) is installed",
        Files.isReadable(Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")));
    DataCaptureFixture.Captured c = fixture.completed(false);
    String dm = c.study().dataManager();
    long site = c.subject().getStudyId();
    BackgroundJob job = jobs.submit(dm, CasebookArchiveWork.KIND, site, "audit=false", Locale.JAPANESE);
    BackgroundJob done = waitFor(dm, job.getId());
    assertEquals(done.getMessageKey() + " " + done.getMessageArg(), JobStatus.DONE, done.getStatus());
    assertEquals(100, done.getPercent());
    assertTrue(done.getFileName().endsWith("-casebooks.zip"));
    assertEquals(64, done.getFileSha256().length());

    List<String> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(jobs.file(dm, job.getId())); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.add(e.getName());
        byte[] head = zip.readNBytes(5);
        assertEquals("%PDF-", new String(head, java.nio.charset.StandardCharsets.US_ASCII));
      }
    }
    assertTrue(entries.toString(), entries.contains(c.subject().getLabel() + ".pdf"));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = 'job.download' AND entity_id = ?", Integer.class,
        job.getId().toString()));
    assertEquals(done.getFileSize().longValue(), Files.size(jobs.file(dm, job.getId())));
  }

  @Test
  public void aUserWithoutTheRightCannotAskNorFetch() throws Exception {
    DataCaptureFixture.Captured c = fixture.completed(false);
    assertThrows(PermissionDeniedException.class,
        () -> jobs.submit(fixture.accounts().user().userName(), CasebookArchiveWork.KIND, c.study().siteB().getId(), "", Locale.ENGLISH));
    // a CRC of site A sees nothing of site B's jobs
    BackgroundJob job = jobs.submit(c.study().dataManager(), CasebookArchiveWork.KIND, c.study().siteB().getId(), "", Locale.ENGLISH);
    assertThrows(PermissionDeniedException.class, () -> jobs.view(c.study().crcA(), job.getId()));
    waitFor(c.study().dataManager(), job.getId());
  }

  @Test
  public void unknownKindsAndFinishedJobsAreRefusedWithReasons() throws Exception {
    DataCaptureFixture.Captured c = fixture.completed(false);
    String dm = c.study().dataManager();
    JobException unknown = assertThrows(JobException.class,
        () -> jobs.submit(dm, "no-such-kind", c.study().study().getId(), "", Locale.ENGLISH));
    assertEquals("job.kind.unknown", unknown.messageKey());
    BackgroundJob job = jobs.submit(dm, CasebookArchiveWork.KIND, c.study().siteA().getId(), "", Locale.ENGLISH);
    BackgroundJob done = waitFor(dm, job.getId());
    if (done.getStatus() == JobStatus.DONE) {
      assertEquals("job.cancel.finished", assertThrows(JobException.class, () -> jobs.cancel(dm, job.getId())).messageKey());
      assertEquals("job.rerun.notFinished", assertThrows(JobException.class, () -> jobs.rerun(dm, job.getId())).messageKey());
    }
  }

  @Test
  public void interruptedJobsOfThisNodeAreMarkedAndCanRunAgain() throws Exception {
    DataCaptureFixture.Captured c = fixture.completed(false);
    String dm = c.study().dataManager();
    BackgroundJob job = jobs.submit(dm, CasebookArchiveWork.KIND, c.study().siteA().getId(), "", Locale.ENGLISH);
    waitFor(dm, job.getId());
    // as if this node had stopped while running it
    String node = jdbc.queryForObject("SELECT node FROM background_job WHERE id = ?", String.class, job.getId());
    jdbc.update("UPDATE background_job SET status = 'RUNNING', started_at = now() - interval '1 hour' WHERE id = ?", job.getId());
    jobs.markInterrupted();
    assertEquals(JobStatus.INTERRUPTED, jobs.view(dm, job.getId()).getStatus());
    assertTrue(node != null && !node.isBlank());
    jobs.rerun(dm, job.getId());
    assertTrue(waitFor(dm, job.getId()).getStatus().finished());
  }
}
