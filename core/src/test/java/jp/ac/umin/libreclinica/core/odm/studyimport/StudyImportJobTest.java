package jp.ac.umin.libreclinica.core.odm.studyimport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.job.JobStatus;
import jp.ac.umin.libreclinica.core.odm.OdmSchemas;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/** Upload, preview, confirm: the whole-study import as a background job, and its failure. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class StudyImportJobTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyImportService imports;
  @Autowired private StudyImportJobs importJobs;
  @Autowired private BackgroundJobService jobs;

  private byte[] renamed(String protocol, String oid, boolean duplicateSubject) throws Exception {
    String text = Files.readString(OdmSchemas.referenceDir().resolve(StudyImportRoundTripTest.R01), StandardCharsets.US_ASCII)
        .replace("R01-12345", protocol).replace("S_R0112345", oid);
    // a signature on the first registration visit, as ODM writes one
    text = text.replaceFirst("(<StudyEventData StudyEventOID=\"SE_REGISTRATIONVISIT\">)",
        "$1<Signature><UserRef UserOID=\"USR_9\"/><LocationRef LocationOID=\"LOC_1\"/>"
            + "<SignatureRef SignatureOID=\"SIG_1\"/><DateTimeStamp>2011-07-06T20:22:03</DateTimeStamp></Signature>");
    if (duplicateSubject) {
      text = text.replace("OpenClinica:StudySubjectID=\"CAM102\"", "OpenClinica:StudySubjectID=\"CAM101\"");
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private BackgroundJob waitFor(String actor, long id) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      BackgroundJob j = jobs.view(actor, id);
      if (j.getStatus().finished()) {
        return j;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish in 120 s");
  }

  private String admin() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).businessAdmin().userName();
  }

  @Test
  public void aConfirmedImportRunsAsABackgroundJobAndLinksToTheNewStudy() throws Exception {
    String admin = admin();
    String suffix = Long.toString(System.nanoTime() % 10000);
    StudyImportService.StagedImport staged = imports.stage(admin, renamed("J" + suffix, "S_J" + suffix, false), "j.xml");
    assertEquals("PREVIEWED", imports.stored(admin, staged.importId()).status());
    BackgroundJob job = importJobs.confirm(admin, staged.importId(), Locale.JAPANESE);
    assertTrue(job.isInstallationWide());
    BackgroundJob done = waitFor(admin, job.getId());
    assertEquals(done.getMessageKey() + " " + done.getMessageArg(), JobStatus.DONE, done.getStatus());
    assertEquals("study-import-" + staged.importId() + "-report.csv", done.getFileName());
    StudyImportService.StoredImport stored = imports.stored(admin, staged.importId());
    assertEquals("DONE", stored.status());
    assertEquals(job.getId().longValue(), stored.jobId().longValue());
    assertEquals(13, stored.counts().subjects());
    assertEquals(769, stored.counts().values());
    assertEquals("Thomas Katz (USR_9)", jdbc.queryForObject("SELECT a.user_name FROM imported_audit a"
        + " JOIN study_subject s ON s.id = a.study_subject_id WHERE s.parent_study_id = ? AND a.audit_type = 'Signature'",
        String.class, stored.studyId()));
    assertEquals("J" + suffix + "6", jdbc.queryForObject("SELECT protocol_id FROM study WHERE id = ?", String.class, stored.studyId()));
    String report = Files.readString(jobs.file(admin, job.getId()), StandardCharsets.UTF_8);
    assertTrue(report, report.contains("studyimport.nc.rules"));
    assertNull(jdbc.queryForObject("SELECT file_content FROM study_import WHERE id = ?", byte[].class, staged.importId()));
    try {
      importJobs.confirm(admin, staged.importId(), Locale.JAPANESE);
      fail("an import runs once");
    } catch (StudyImportException e) {
      assertEquals("studyimport.notFound", e.messageKey());
    }
  }

  @Test
  public void aFailedImportJobCreatesNothingAndSaysWhy() throws Exception {
    String admin = admin();
    String suffix = Long.toString(System.nanoTime() % 10000);
    int studies = jdbc.queryForObject("SELECT count(*) FROM study", Integer.class);
    StudyImportService.StagedImport staged = imports.stage(admin, renamed("K" + suffix, "S_K" + suffix, true), "k.xml");
    BackgroundJob done = waitFor(admin, importJobs.confirm(admin, staged.importId(), Locale.ENGLISH).getId());
    assertEquals(JobStatus.FAILED, done.getStatus());
    assertEquals("studyimport.duplicateSubject", done.getMessageKey());
    StudyImportService.StoredImport stored = imports.stored(admin, staged.importId());
    assertEquals("FAILED", stored.status());
    assertEquals("studyimport.duplicateSubject", stored.failureKey());
    assertNull(stored.studyId());
    assertEquals(studies, jdbc.queryForObject("SELECT count(*) FROM study", Integer.class).intValue());
  }
}
