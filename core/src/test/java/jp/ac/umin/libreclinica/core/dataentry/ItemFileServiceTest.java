package jp.ac.umin.libreclinica.core.dataentry;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class, properties = "lc.dataentry.file.max-bytes=1000")
public class ItemFileServiceTest {

  @Autowired private DataEntryService entry;
  @Autowired private ItemFileService files;
  @Autowired private StudyService studies;
  @Autowired private CrfService crfs;
  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private String dm;
  private Study study;
  private CrfUploadOutcome crf;

  @Before
  public void aStudyWithACrfOfFileItems() {
    dm = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).businessAdmin().userName();
    study = studies.createStudy(aStudy(unique("FI"), "files"), dm);
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    crf = crfs.commit(
        CrfWorkbookBuilder.crf(unique("FILES"), "v1")
            .section("S", "Files")
            .grid("SCANS", "Scans", "3", "3")
            .item("CONSENT").text("Signed consent").type("file").dataType("FILE").done()
            .item("SCAN").group("SCANS").text("Scan").type("file").dataType("FILE").done()
            .item("NOTE").group("SCANS").text("Note").done()
            .xlsx(),
        "files.xlsx", dm);
  }

  private EventCrf started() {
    return entry.start(dm, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), study.getId(), crf.crfVersionId());
  }

  private static final byte[] PDF = "%PDF-1.4 consent".getBytes(StandardCharsets.US_ASCII);

  private String value(long eventCrfId, String item, int row) {
    ItemData d = entry.values(dm, eventCrfId).get(new ItemKey(item, row));
    return d == null ? null : d.getValue();
  }

  @Test
  public void anUploadedFileIsStoredUnderAGeneratedIdAndIsTheItemsValue() {
    EventCrf e = started();
    ItemFile f = files.upload(dm, e.getId(), "CONSENT", 1, "C:\\Users\\me\\..\\consent.pdf", "application/pdf", PDF);
    assertEquals(String.valueOf(f.getId()), value(e.getId(), "CONSENT", 1));
    assertEquals("consent.pdf", f.getOriginalName());
    assertArrayEquals(PDF, files.download(dm, f.getId()).getContent());
  }

  /** Upstream LibreClinica #21: an abandoned second upload of the same file deleted the first one's file. */
  @Test
  public void lc21_theSameFileInTwoCrfsIsKeptForTheSavedOne() {
    EventCrf first = started();
    EventCrf second = started();
    ItemFile kept = files.upload(dm, first.getId(), "CONSENT", 1, "consent.pdf", "application/pdf", PDF);
    ItemFile other = files.upload(dm, second.getId(), "CONSENT", 1, "consent.pdf", "application/pdf", PDF);
    // the second CRF is left without any further save
    assertFalse(kept.getId().equals(other.getId()));
    assertArrayEquals(PDF, files.download(dm, kept.getId()).getContent());
    assertEquals(String.valueOf(kept.getId()), value(first.getId(), "CONSENT", 1));
  }

  /** Upstream OpenClinica PR #741: a file uploaded in one row of a repeating group was copied into the next rows. */
  @Test
  public void oc741_aFileInOneRowOfARepeatingGroupStaysInThatRow() {
    EventCrf e = started();
    ItemFile f = files.upload(dm, e.getId(), "SCAN", 1, "scan.png", "image/png", PDF);
    SaveResult r = entry.save(dm, e.getId(),
        Map.of(new ItemKey("NOTE", 1), "a", new ItemKey("NOTE", 2), "b", new ItemKey("NOTE", 3), "c"),
        Map.of(new ItemKey("SCAN", 1), entry.values(dm, e.getId()).get(new ItemKey("SCAN", 1)).getVersion()), null);
    assertTrue(r.toString(), r.saved());
    assertEquals(String.valueOf(f.getId()), value(e.getId(), "SCAN", 1));
    assertNull(value(e.getId(), "SCAN", 2));
    assertNull(value(e.getId(), "SCAN", 3));
    assertEquals(1, jdbc.queryForObject("select count(*) from item_file where event_crf_id = ?", Integer.class, e.getId()).intValue());
  }

  @Test
  public void replacingAFileKeepsTheOldOne() {
    EventCrf e = started();
    ItemFile old = files.upload(dm, e.getId(), "CONSENT", 1, "a.pdf", "application/pdf", PDF);
    ItemFile now = files.upload(dm, e.getId(), "CONSENT", 1, "b.pdf", "application/pdf", "%PDF new".getBytes(StandardCharsets.US_ASCII));
    assertEquals(String.valueOf(now.getId()), value(e.getId(), "CONSENT", 1));
    assertFalse(files.download(dm, old.getId()).isCurrent());
    assertArrayEquals(PDF, files.download(dm, old.getId()).getContent());
  }

  @Test
  public void tooLargeAndRefusedTypesNameTheItemAndStoreNothing() {
    EventCrf e = started();
    expect("dataentry.file.tooLarge", () -> files.upload(dm, e.getId(), "CONSENT", 1, "big.pdf", "application/pdf", new byte[1001]));
    expect("dataentry.file.typeRefused", () -> files.upload(dm, e.getId(), "CONSENT", 1, "run.sh", "text/plain", PDF));
    expect("dataentry.file.typeRefused", () -> files.upload(dm, e.getId(), "CONSENT", 1, "../../etc/passwd", "text/plain", PDF));
    assertEquals(0, jdbc.queryForObject("select count(*) from item_file where event_crf_id = ?", Integer.class, e.getId()).intValue());
    assertNull(value(e.getId(), "CONSENT", 1));
  }

  @Test
  public void aTypedValueForAFileItemIsIgnored() {
    EventCrf e = started();
    SaveResult r = entry.save(dm, e.getId(), Map.of(ItemKey.of("CONSENT"), "12345"), Map.of(), null);
    assertTrue(r.saved());
    assertNull(value(e.getId(), "CONSENT", 1));
  }

  @Test
  public void onlyUsersWhoMaySeeTheSubjectsDataDownload() {
    EventCrf e = started();
    ItemFile f = files.upload(dm, e.getId(), "CONSENT", 1, "consent.pdf", "application/pdf", PDF);
    String stranger = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).user().userName();
    try {
      files.download(stranger, f.getId());
      fail("a user without a role downloaded a file");
    } catch (PermissionDeniedException expected) {
      // refused
    }
  }

  private static void expect(String key, Runnable action) {
    try {
      action.run();
      fail("expected " + key);
    } catch (DataEntryException e) {
      assertEquals(key, e.messageKey());
      assertTrue(String.valueOf(e.arguments()[0]).equals("CONSENT"));
    }
  }
}
