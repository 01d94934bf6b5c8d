package jp.ac.umin.libreclinica.core.discrepancy;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemData;
import jp.ac.umin.libreclinica.core.dataentry.ItemFile;
import jp.ac.umin.libreclinica.core.dataentry.ItemFileService;
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
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Administrative editing of a FILE item: in a study that forces a reason for change, replacing
 * or removing the file of a completed CRF needs a reason, which is audited and becomes a Reason
 * for Change note, as for typed values.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class FileReasonForChangeTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private ItemFileService files;
  @Autowired private DiscrepancyNoteService notes;
  @Autowired private AuditService audit;

  private static final byte[] PDF = "%PDF-1.4 consent".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PDF2 = "%PDF-1.4 consent, signed again".getBytes(StandardCharsets.US_ASCII);

  private String crc;
  private EventCrf completed;
  private ItemFile first;

  /** A CRC's completed CRF whose FILE item CONSENT holds a file. */
  private void aCompletedCrfWithAFile(boolean forcedReason) {
    aCrfWithAFile(forcedReason, true);
  }

  private void aCrfWithAFile(boolean forcedReason, boolean complete) {
    SubjectFixtures.RunningStudy r =
        new SubjectFixtures(studies, definitions, roles, new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc))
            .runningStudy(p -> p.setAdminForcedReasonForChange(forcedReason));
    crc = r.crcA();
    CrfUploadOutcome crf = crfs.commit(
        CrfWorkbookBuilder.crf(unique("CONSENT"), "v1")
            .section("S", "同意")
            .item("CONSENT").text("同意書").type("file").dataType("FILE").done()
            .item("NOTE").text("備考").done()
            .xlsx(),
        "consent.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), crf.crfId(),
        new CrfParameters(true, null, false, false, false, SdvRequirement.ALL, List.of()), r.dataManager());
    StudySubject s = subjects.add(r.siteA().getId(), aSubject(unique("F-A")), null, false, crc);
    StudyEvent ev = events.schedule(s.getId(), r.screening().getId(),
        new EventInput(Instant.parse("2026-04-07T00:30:00Z"), null, "外来"), crc);
    EventCrf e = entry.startForEvent(crc, ev.getId(), crf.crfVersionId());
    first = files.upload(crc, e.getId(), "CONSENT", 1, "consent.pdf", "application/pdf", PDF);
    completed = complete ? entry.markComplete(crc, e.getId()) : e;
  }

  private String value() {
    ItemData d = entry.values(crc, completed.getId()).get(ItemKey.of("CONSENT"));
    return d == null ? null : d.getValue();
  }

  private List<DiscrepancyNote> reasonNotes() {
    return notes.threadsOn(crc, NoteTarget.itemValue(completed.getId(), "CONSENT", 1)).stream()
        .filter(n -> n.getType() == NoteType.REASON_FOR_CHANGE).toList();
  }

  private AuditRecord lastValueChange() {
    String id = String.valueOf(entry.values(crc, completed.getId()).get(ItemKey.of("CONSENT")).getId());
    return audit.search(new AuditQuery(null, "item.value.administrative", "ItemData", id), PageRequest.of(0, 1))
        .getContent().get(0);
  }

  @Before
  public void setUp() {
    aCompletedCrfWithAFile(true);
  }

  @Test
  public void replacingTheFileOfACompletedCrfWithoutAReasonIsRefusedNamingTheItem() {
    DataEntryException refused = assertThrows(DataEntryException.class,
        () -> files.upload(crc, completed.getId(), "CONSENT", 1, "again.pdf", "application/pdf", PDF2, " "));
    assertEquals("dataentry.file.reasonRequired", refused.messageKey());
    assertEquals("CONSENT", refused.arguments()[0]);
    assertEquals("the file stays the item's value", String.valueOf(first.getId()), value());
    assertEquals("nothing stored", 1, jdbc.queryForObject(
        "select count(*) from item_file where event_crf_id = ?", Integer.class, completed.getId()).intValue());
    assertTrue(files.download(crc, first.getId()).isCurrent());
    assertTrue(reasonNotes().isEmpty());
  }

  @Test
  public void replacingWithAReasonIsAuditedAndRaisesAReasonForChangeNote() {
    ItemFile second = files.upload(crc, completed.getId(), "CONSENT", 1, "again.pdf", "application/pdf", PDF2, "署名漏れのため再取得");
    assertEquals(String.valueOf(second.getId()), value());
    assertFalse(files.download(crc, first.getId()).isCurrent());
    AuditRecord change = lastValueChange();
    assertEquals(String.valueOf(first.getId()), change.oldValue());
    assertEquals(String.valueOf(second.getId()), change.newValue());
    assertEquals("署名漏れのため再取得", change.reason());
    assertEquals(crc, change.actor());
    List<DiscrepancyNote> rfc = reasonNotes();
    assertEquals(1, rfc.size());
    assertEquals("署名漏れのため再取得", rfc.get(0).getDescription());
  }

  @Test
  public void removingTheFileOfACompletedCrfNeedsAReasonAndKeepsTheFile() {
    DataEntryException refused = assertThrows(DataEntryException.class,
        () -> files.remove(crc, completed.getId(), "CONSENT", 1, null));
    assertEquals("dataentry.file.reasonRequired", refused.messageKey());
    assertEquals("CONSENT", refused.arguments()[0]);
    assertEquals(String.valueOf(first.getId()), value());

    files.remove(crc, completed.getId(), "CONSENT", 1, "別の被験者の同意書だった");
    assertEquals("", value());
    ItemFile kept = files.download(crc, first.getId());
    assertFalse(kept.isCurrent());
    assertEquals(PDF.length, kept.getContent().length);
    AuditRecord change = lastValueChange();
    assertEquals(String.valueOf(first.getId()), change.oldValue());
    assertEquals("", change.newValue());
    assertEquals("別の被験者の同意書だった", change.reason());
    assertEquals(1, audit.search(new AuditQuery(null, "item.file.remove", "ItemFile", String.valueOf(first.getId())),
        PageRequest.of(0, 1)).getTotalElements());
    assertEquals(1, reasonNotes().size());
    assertEquals("nothing left to remove", "dataentry.file.noneToRemove", assertThrows(DataEntryException.class,
        () -> files.remove(crc, completed.getId(), "CONSENT", 1, "again")).messageKey());
  }

  @Test
  public void withoutTheStudyParameterNoReasonIsNeeded() {
    aCompletedCrfWithAFile(false);
    ItemFile second = files.upload(crc, completed.getId(), "CONSENT", 1, "again.pdf", "application/pdf", PDF2, null);
    assertEquals(String.valueOf(second.getId()), value());
    assertTrue(reasonNotes().isEmpty());
  }

  @Test
  public void beforeCompletionAFileIsRemovedWithoutAReason() {
    aCrfWithAFile(true, false);
    files.remove(crc, completed.getId(), "CONSENT", 1, null);
    assertEquals("", value());
    assertTrue(reasonNotes().isEmpty());
  }
}
