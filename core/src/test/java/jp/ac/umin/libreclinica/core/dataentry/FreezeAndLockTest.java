package jp.ac.umin.libreclinica.core.dataentry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.event.EventException;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.SubjectException;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Walks every lock: event CRF, event, casebook, site and study freeze and lock; who may set each,
 * what each refuses (with the reason named), how each cascades and how each is reversed.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import(DataCaptureFixture.class)
public class FreezeAndLockTest {

  @Autowired private DataCaptureFixture fixture;
  @Autowired private DataEntryService entry;
  @Autowired private StudyEventService events;
  @Autowired private SubjectService subjects;
  @Autowired private StudyService studies;
  @Autowired private AuditService audit;

  private Captured c;
  private String dm;
  private String inv;

  @Before
  public void aCompletedCrf() {
    c = fixture.completed(false);
    dm = c.dataManager();
    inv = c.investigator();
  }

  private EventCrf crf() {
    return entry.get(dm, c.eventCrf().getId());
  }

  private StudyEvent event() {
    return events.get(c.screening().getId());
  }

  private static void refused(String key, ThrowingRunnable action) {
    MessageKeyException e = assertThrows(MessageKeyException.class, action);
    assertEquals(key, e.messageKey());
  }

  @Test
  public void aLockedEventCrfRefusesChangesUntilUnlockedToItsFormerStatus() {
    assertThrows(PermissionDeniedException.class, () -> entry.lock(inv, c.eventCrf().getId(), "review"));
    entry.lock(dm, c.eventCrf().getId(), "review done");
    assertEquals(EventCrfStatus.LOCKED, crf().getStatus());
    refused("dataentry.locked.eventCrf", () -> fixture.change(c, inv, "HEIGHT", "171"));
    assertEquals("170.5", entry.values(inv, c.eventCrf().getId()).get(ItemKey.of("HEIGHT")).getValue());
    refused("dataentry.lock.already", () -> entry.lock(dm, c.eventCrf().getId(), null));

    entry.unlock(dm, c.eventCrf().getId(), "correction needed");
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, crf().getStatus());
    assertTrue(fixture.change(c, inv, "HEIGHT", "171").saved());
    List<String> actions =
        audit.search(new AuditQuery(null, null, "EventCrf", String.valueOf(c.eventCrf().getId())), PageRequest.of(0, 20))
            .getContent().stream().map(r -> r.action()).toList();
    assertTrue(actions.toString(), actions.containsAll(List.of("eventcrf.lock", "eventcrf.unlock")));
  }

  @Test
  public void lockingAnEventLocksItsCrfsAndUnlockingReleasesThem() {
    events.changeStatus(c.screening().getId(), SubjectEventStatus.LOCKED, "monitoring done", dm);
    assertEquals(EventCrfStatus.LOCKED, crf().getStatus());
    assertEquals("event", crf().getLockedWith());
    refused("dataentry.locked.event", () -> fixture.change(c, inv, "HEIGHT", "171"));
    refused("dataentry.locked.event", () -> entry.unlock(dm, c.eventCrf().getId(), null));
    refused("subject.event.locked",
        () -> events.remove(c.screening().getId(), "wrong event", dm));

    events.changeStatus(c.screening().getId(), SubjectEventStatus.COMPLETED, "reopen", dm);
    assertEquals(SubjectEventStatus.COMPLETED, event().getStatus());
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, crf().getStatus());
    assertTrue(fixture.change(c, inv, "HEIGHT", "171").saved());
  }

  @Test
  public void aCrfLockedByItselfStaysLockedWhenItsEventIsUnlocked() {
    entry.lock(dm, c.eventCrf().getId(), null);
    events.changeStatus(c.screening().getId(), SubjectEventStatus.LOCKED, null, dm);
    events.changeStatus(c.screening().getId(), SubjectEventStatus.COMPLETED, null, dm);
    assertEquals(EventCrfStatus.LOCKED, crf().getStatus());
    assertEquals(EventCrf.LOCKED_BY_ITSELF, crf().getLockedWith());
  }

  @Test
  public void aLockedCasebookFreezesEverythingOfTheSubjectAndItsUnlockReleasesIt() {
    assertThrows(PermissionDeniedException.class, () -> subjects.lockCasebook(c.subject().getId(), null, inv));
    subjects.lockCasebook(c.subject().getId(), "database lock of subject", dm);
    assertTrue(subjects.get(c.subject().getId()).isCasebookLocked());
    assertEquals(SubjectEventStatus.LOCKED, event().getStatus());
    assertEquals(StudyEvent.LOCKED_WITH_CASEBOOK, event().getLockedWith());
    assertEquals(EventCrfStatus.LOCKED, crf().getStatus());

    refused("dataentry.locked.casebook", () -> fixture.change(c, inv, "HEIGHT", "171"));
    refused("subject.casebook.locked",
        () -> subjects.update(c.subject().getId(), subjects.get(c.subject().getId()).getVersion(),
            SubjectFixtures.aSubject(c.subject().getLabel()), false, inv));
    refused("subject.casebook.locked",
        () -> events.schedule(c.subject().getId(), c.study().visit().getId(),
            new EventInput(Instant.parse("2026-05-01T01:00:00Z"), null, null), inv));
    refused("subject.casebook.locked",
        () -> events.changeStatus(c.screening().getId(), SubjectEventStatus.COMPLETED, null, dm));
    refused("subject.casebook.locked", () -> subjects.remove(c.subject().getId(), "withdrawn", dm));

    subjects.unlockCasebook(c.subject().getId(), "query answered", dm);
    assertFalse(subjects.get(c.subject().getId()).isCasebookLocked());
    assertEquals(SubjectEventStatus.COMPLETED, event().getStatus());
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, crf().getStatus());
    assertTrue(fixture.change(c, inv, "HEIGHT", "171").saved());
    refused("subject.casebook.notLocked", () -> subjects.unlockCasebook(c.subject().getId(), null, dm));
  }

  @Test
  public void anEventLockedByItselfStaysLockedWhenTheCasebookIsUnlocked() {
    events.changeStatus(c.screening().getId(), SubjectEventStatus.LOCKED, null, dm);
    subjects.lockCasebook(c.subject().getId(), null, dm);
    subjects.unlockCasebook(c.subject().getId(), null, dm);
    assertEquals(SubjectEventStatus.LOCKED, event().getStatus());
    assertEquals(StudyEvent.LOCKED_BY_ITSELF, event().getLockedWith());
    assertEquals("event", crf().getLockedWith());
  }

  @Test
  public void aFrozenSiteOrStudyRefusesDataEntryButStillAllowsLockingAndIsReversible() {
    studies.changeStatus(c.study().siteB().getId(), StudyStatus.FROZEN, "site closed", dm);
    StudyException e = assertThrows(StudyException.class, () -> fixture.change(c, inv, "HEIGHT", "171"));
    assertEquals("study.status.frozenRefused", e.messageKey());
    assertEquals(c.study().siteB().getProtocolId(), e.arguments()[0]);
    entry.lock(dm, c.eventCrf().getId(), "frozen sites may still be locked");
    entry.unlock(dm, c.eventCrf().getId(), null);
    studies.changeStatus(c.study().siteB().getId(), StudyStatus.AVAILABLE, "site reopened", dm);
    assertTrue(fixture.change(c, inv, "HEIGHT", "171").saved());

    studies.changeStatus(c.study().study().getId(), StudyStatus.FROZEN, "interim analysis", dm);
    assertEquals(StudyStatus.FROZEN, studies.get(c.study().siteB().getId()).getStatus());
    refused("study.status.frozenRefused", () -> fixture.change(c, inv, "WEIGHT", "60"));
    subjects.lockCasebook(c.subject().getId(), null, dm);
    subjects.unlockCasebook(c.subject().getId(), null, dm);
    studies.changeStatus(c.study().study().getId(), StudyStatus.AVAILABLE, "go on", dm);
    assertTrue(fixture.change(c, inv, "WEIGHT", "60").saved());
  }

  @Test
  public void aLockedStudyIsReadOnlyUntilUnlocked() {
    studies.changeStatus(c.study().study().getId(), StudyStatus.LOCKED, "database lock", dm);
    refused("study.status.lockedRefused", () -> fixture.change(c, inv, "HEIGHT", "171"));
    refused("study.status.lockedRefused", () -> entry.lock(dm, c.eventCrf().getId(), null));
    refused("study.status.lockedRefused", () -> subjects.lockCasebook(c.subject().getId(), null, dm));
    refused("study.status.lockedRefused",
        () -> events.changeStatus(c.screening().getId(), SubjectEventStatus.LOCKED, null, dm));
    assertEquals("170.5", entry.values(inv, c.eventCrf().getId()).get(ItemKey.of("HEIGHT")).getValue());
    studies.changeStatus(c.study().study().getId(), StudyStatus.AVAILABLE, "reopened", dm);
    assertTrue(fixture.change(c, inv, "HEIGHT", "171").saved());
  }

  @Test
  public void anEventIsNeverSignedByPickingTheStatus() {
    EventException e = assertThrows(EventException.class,
        () -> events.changeStatus(c.screening().getId(), SubjectEventStatus.SIGNED, null, inv));
    assertEquals("subject.event.status.signWithSignature", e.messageKey());
  }
}
