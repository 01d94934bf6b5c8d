package jp.ac.umin.libreclinica.core.signature;

import static jp.ac.umin.libreclinica.core.account.AccountFixtures.PASSWORD;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import(DataCaptureFixture.class)
public class SignatureServiceTest {

  @Autowired private DataCaptureFixture fixture;
  @Autowired private SignatureService signatures;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private DataEntryService entry;
  @Autowired private StudyService studies;
  @Autowired private AuditService audit;
  @Autowired private JdbcTemplate jdbc;

  private Captured c;
  private String inv;
  private long subjectId;

  @Before
  public void aCompletedCasebook() {
    c = fixture.completed(false);
    inv = c.investigator();
    subjectId = c.subject().getId();
  }

  private Signature signCasebook() {
    String hash = signatures.preview(inv, subjectId, null).hash();
    return signatures.sign(inv, subjectId, null, hash, PASSWORD, Locale.JAPANESE);
  }

  private static void refused(String key, ThrowingRunnable action) {
    MessageKeyException e = assertThrows(MessageKeyException.class, action);
    assertEquals(key, e.messageKey());
  }

  private int failedLogins(String user) {
    return jdbc.queryForObject("select failed_login_count from user_account where user_name = ?", Integer.class, user);
  }

  @Test
  public void theInvestigatorSignsTheCasebookRecordingSignerTimeMeaningAndTheHashOfTheValues() {
    Instant before = Instant.now();
    Signature s = signCasebook();
    assertEquals(inv, s.getSignerUserName());
    assertFalse(s.getSignerFullName().isBlank());
    assertFalse(s.getSignedAt().isBefore(before.minusSeconds(1)));
    assertEquals("Asia/Tokyo", s.getSignedZone());
    assertEquals(SignatureService.MEANING_CASEBOOK, s.getMeaningKey());
    assertEquals("ja", s.getMeaningLocale());
    assertEquals(SignedData.sha256(s.getSignedContent()), s.getSignedHash());
    assertTrue(s.getSignedContent(), s.getSignedContent().contains("\t170.5\n"));
    assertTrue(s.getSignedContent().contains("\t体調良好\n"));
    assertTrue(s.getSignedContent().contains(c.subject().getOid()));
    assertEquals(SubjectStatus.SIGNED, subjects.get(subjectId).getStatus());
    assertEquals(SubjectEventStatus.SIGNED, events.get(c.screening().getId()).getStatus());
    List<SignatureService.SignatureState> read = signatures.signaturesOf(inv, subjectId);
    assertEquals(1, read.size());
    assertTrue(read.get(0).valid());
    assertEquals(1, audit.search(new AuditQuery(inv, "signature.sign", "Signature", String.valueOf(s.getId())),
        PageRequest.of(0, 5)).getTotalElements());
  }

  @Test
  public void aLaterChangeInvalidatesTheSignatureRevertsTheStatusesAndNotifiesTheSigner() {
    Signature s = signCasebook();
    assertTrue(fixture.change(c, c.dataManager(), "HEIGHT", "171.0").saved());
    SignatureService.SignatureState read = signatures.signaturesOf(inv, subjectId).get(0);
    assertFalse(read.valid());
    assertEquals(Signature.Status.INVALIDATED, read.signature().getStatus());
    assertEquals(c.dataManager(), read.signature().getInvalidatedBy());
    assertEquals(SubjectStatus.AVAILABLE, subjects.get(subjectId).getStatus());
    assertEquals(SubjectEventStatus.COMPLETED, events.get(c.screening().getId()).getStatus());
    assertEquals(1, signatures.unreadNotices(inv).stream().filter(n -> n.getSignatureId() == s.getId()).count());
    assertEquals(1, audit.search(new AuditQuery(c.dataManager(), "signature.invalidate", "Signature",
        String.valueOf(s.getId())), PageRequest.of(0, 5)).getTotalElements());
    // and it can be signed again over the new values
    Signature again = signCasebook();
    assertTrue(again.getSignedContent().contains("\t171.0\n"));
  }

  @Test
  public void aWrongPasswordIsRefusedSignsNothingAndCountsTowardsTheLockout() {
    String hash = signatures.preview(inv, subjectId, null).hash();
    int before = failedLogins(inv);
    refused("signature.reauth.failed", () -> signatures.sign(inv, subjectId, null, hash, "wrong-password", Locale.ENGLISH));
    refused("signature.reauth.passwordRequired", () -> signatures.sign(inv, subjectId, null, hash, "", Locale.ENGLISH));
    assertEquals(before + 1, failedLogins(inv));
    assertTrue(signatures.signaturesOf(inv, subjectId).isEmpty());
    assertEquals(SubjectStatus.AVAILABLE, subjects.get(subjectId).getStatus());
    assertEquals(SubjectEventStatus.COMPLETED, events.get(c.screening().getId()).getStatus());
  }

  @Test
  public void signingDataThatChangedSinceThePageWasOpenedIsRefused() {
    String shown = signatures.preview(inv, subjectId, null).hash();
    fixture.change(c, inv, "WEIGHT", "60");
    refused("signature.dataChanged", () -> signatures.sign(inv, subjectId, null, shown, PASSWORD, Locale.ENGLISH));
    assertTrue(signatures.signaturesOf(inv, subjectId).isEmpty());
  }

  @Test
  public void onlyAnInvestigatorOfTheSubjectsSiteSigns() {
    String hash = signatures.preview(inv, subjectId, null).hash();
    assertThrows(PermissionDeniedException.class,
        () -> signatures.sign(c.dataManager(), subjectId, null, hash, PASSWORD, Locale.ENGLISH));
    assertThrows(PermissionDeniedException.class,
        () -> signatures.sign(c.study().crcA(), subjectId, null, hash, PASSWORD, Locale.ENGLISH));
  }

  @Test
  public void aChangeMadePastTheServicesShowsTheSignatureInvalidWhenRead() {
    signCasebook();
    jdbc.update("update item_data set value = '999' where event_crf_id = ? and value = '170.5'", c.eventCrf().getId());
    SignatureService.SignatureState read = signatures.signaturesOf(inv, subjectId).get(0);
    assertFalse(read.valid());
    assertTrue(read.dataChanged());
  }

  @Test
  public void anAccountThatSignsInOnlyThroughSsoIsToldItCannotSignYet() {
    jdbc.update("insert into account_sign_in_methods (account_id, local_allowed, sso_allowed, updated_at, updated_by, version)"
        + " select id, false, true, now(), 'test', 0 from user_account where user_name = ?", inv);
    String hash = signatures.preview(inv, subjectId, null).hash();
    refused("signature.reauth.ssoNotAvailable", () -> signatures.sign(inv, subjectId, null, hash, PASSWORD, Locale.ENGLISH));
  }

  @Test
  public void anEventIsSignedOnItsOwnWhileTheCasebookWaitsForOpenEvents() {
    events.schedule(subjectId, c.study().visit().getId(), new EventInput(Instant.parse("2026-05-01T01:00:00Z"), null, null), inv);
    refused("signature.casebook.notComplete", () -> signatures.preview(inv, subjectId, null));
    String hash = signatures.preview(inv, subjectId, c.screening().getId()).hash();
    Signature s = signatures.sign(inv, subjectId, c.screening().getId(), hash, PASSWORD, Locale.ENGLISH);
    assertEquals(SignatureService.MEANING_EVENT, s.getMeaningKey());
    assertEquals(SubjectEventStatus.SIGNED, events.get(c.screening().getId()).getStatus());
    assertEquals(SubjectStatus.AVAILABLE, subjects.get(subjectId).getStatus());
    refused("signature.alreadySigned", () -> signatures.preview(inv, subjectId, c.screening().getId()));
    assertEquals(1, signatures.signaturesCovering(inv, c.screening().getId()).size());
  }

  @Test
  public void lockingAndFreezingNeverInvalidateASignatureButALockedStudyCannotBeSigned() {
    studies.changeStatus(c.study().study().getId(), StudyStatus.FROZEN, "review", c.dataManager());
    Signature s = signCasebook();
    subjects.lockCasebook(subjectId, null, c.dataManager());
    subjects.unlockCasebook(subjectId, null, c.dataManager());
    assertTrue(signatures.signaturesOf(inv, subjectId).get(0).valid());
    assertEquals(Signature.Status.VALID, signatures.signaturesOf(inv, subjectId).get(0).signature().getStatus());
    studies.changeStatus(c.study().study().getId(), StudyStatus.LOCKED, "database lock", c.dataManager());
    refused("study.status.lockedRefused", () -> signatures.preview(inv, subjectId, c.screening().getId()));
    assertEquals(s.getId(), signatures.signaturesOf(inv, subjectId).get(0).signature().getId());
  }

  @Test
  public void aCrfWhoseEventDefinitionRequiresThePasswordIsCompletedOnlyWithIt() {
    Captured p = fixture.completed(true);
    String i = p.investigator();
    refused("signature.reauth.passwordRequired", () -> entry.markComplete(i, p.eventCrf().getId()));
    refused("signature.reauth.failed", () -> entry.markComplete(i, p.eventCrf().getId(), "nope"));
    assertEquals(EventCrfStatus.INITIAL_DATA_ENTRY, entry.get(i, p.eventCrf().getId()).getStatus());
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, entry.markComplete(i, p.eventCrf().getId(), PASSWORD).getStatus());
  }

  @Test
  public void aSignedSubjectCanStillBeRemovedAndComesBackUnsigned() {
    Signature s = signCasebook();
    subjects.remove(subjectId, "consent withdrawn", c.dataManager());
    assertEquals(Signature.Status.INVALIDATED, signatures.signaturesOf(inv, subjectId).get(0).signature().getStatus());
    subjects.restore(subjectId, "entered in error", c.dataManager());
    assertEquals(SubjectStatus.AVAILABLE, subjects.get(subjectId).getStatus());
    assertEquals(SubjectEventStatus.COMPLETED, events.get(c.screening().getId()).getStatus());
    assertEquals(s.getId(), signatures.signaturesOf(inv, subjectId).get(0).signature().getId());
  }
}
