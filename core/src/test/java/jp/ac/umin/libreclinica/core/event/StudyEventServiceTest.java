package jp.ac.umin.libreclinica.core.event;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
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

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class StudyEventServiceTest {

  private static final Instant MORNING = Instant.parse("2026-04-07T00:30:00Z");
  private static final Instant NOON = Instant.parse("2026-04-07T03:00:00Z");

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private AuditService audit;

  private SubjectFixtures fixtures;
  private RunningStudy r;
  private StudySubject subject;

  @Before
  public void aSubjectAtSiteA() {
    fixtures = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc));
    r = fixtures.runningStudy();
    subject = subjects.add(r.siteA().getId(), aSubject("E-1"), null, false, r.crcA());
  }

  private EventInput at(Instant start) {
    return new EventInput(start, null, "外来");
  }

  @Test
  public void aNonRepeatingEventIsScheduledOnceAndARepeatingOneGetsTheNextOrdinal() {
    StudyEvent s = events.schedule(subject.getId(), r.screening().getId(), at(MORNING), r.crcA());
    assertEquals(1, s.getOrdinal());
    assertEquals(SubjectEventStatus.SCHEDULED, s.getStatus());
    assertEquals(MORNING, events.get(s.getId()).getStartAt());
    EventException again = assertThrows(EventException.class,
        () -> events.schedule(subject.getId(), r.screening().getId(), at(NOON), r.crcA()));
    assertEquals("subject.event.alreadyScheduled", again.messageKey());
    assertEquals(1, events.schedule(subject.getId(), r.visit().getId(), at(MORNING), r.crcA()).getOrdinal());
    assertEquals(2, events.schedule(subject.getId(), r.visit().getId(), at(NOON), r.crcA()).getOrdinal());
    assertEquals("common events are scheduled too", 1,
        events.schedule(subject.getId(), r.adverseEvent().getId(), at(NOON), r.crcA()).getOrdinal());
    assertEquals(4, events.eventsOf(r.crcA(), subject.getId()).size());
  }

  @Test
  public void anEventDefinitionOfAnotherStudyIsRefusedAndNothingIsStored() {
    RunningStudy other = fixtures.runningStudy();
    EventException e = assertThrows(EventException.class,
        () -> events.schedule(subject.getId(), other.screening().getId(), at(MORNING), r.crcA()));
    assertEquals("subject.event.definition.notOfStudy", e.messageKey());
    assertTrue(events.eventsOf(r.crcA(), subject.getId()).isEmpty());
  }

  @Test
  public void datesAndLocationAreChecked() {
    assertEquals("subject.event.end.beforeStart", assertThrows(EventException.class,
        () -> events.schedule(subject.getId(), r.screening().getId(), new EventInput(NOON, MORNING, null), r.crcA())).messageKey());
    assertEquals("start", assertThrows(EventException.class,
        () -> events.schedule(subject.getId(), r.screening().getId(), new EventInput(null, null, null), r.crcA())).field());
    RunningStudy required = fixtures.runningStudy(p -> p.setEventLocation(StudyParameters.Usage.REQUIRED));
    StudySubject s = subjects.add(required.siteA().getId(), aSubject("E-2"), null, false, required.crcA());
    assertEquals("subject.event.location.required", assertThrows(EventException.class,
        () -> events.schedule(s.getId(), required.screening().getId(), new EventInput(NOON, null, " "), required.crcA())).messageKey());
    assertTrue(events.eventsOf(required.crcA(), s.getId()).isEmpty());
  }

  @Test
  public void aSiteUserSchedulesOnlyAtTheirSite() {
    assertThrows(PermissionDeniedException.class,
        () -> events.schedule(subject.getId(), r.screening().getId(), at(MORNING), r.investigatorB()));
  }

  @Test
  public void statusesAreSetByHandWithTheRightPermissionOnly() {
    StudyEvent e = events.schedule(subject.getId(), r.screening().getId(), at(MORNING), r.crcA());
    assertEquals("subject.event.status.notByHand", assertThrows(EventException.class,
        () -> events.changeStatus(e.getId(), SubjectEventStatus.COMPLETED, null, r.crcA())).messageKey());
    assertThrows("a CRC cannot lock", PermissionDeniedException.class,
        () -> events.changeStatus(e.getId(), SubjectEventStatus.LOCKED, null, r.crcA()));
    events.changeStatus(e.getId(), SubjectEventStatus.SKIPPED, "来院なし", r.crcA());
    events.changeStatus(e.getId(), SubjectEventStatus.LOCKED, null, r.dataManager());
    assertEquals("subject.event.locked", assertThrows(EventException.class,
        () -> events.update(e.getId(), events.get(e.getId()).getVersion(), at(NOON), r.dataManager())).messageKey());
    events.changeStatus(e.getId(), SubjectEventStatus.SKIPPED, null, r.dataManager());
    assertEquals(SubjectEventStatus.SKIPPED, events.get(e.getId()).getStatus());
    List<AuditRecord> trail = audit.search(
        new AuditQuery(null, "event.status", "StudyEvent", String.valueOf(e.getId())), PageRequest.of(0, 10)).getContent();
    assertEquals(3, trail.size());
    assertEquals("skipped", trail.get(2).newValue());
    assertEquals("来院なし", trail.get(2).reason());
  }

  @Test
  public void removingTheSubjectAutoRemovesItsEventsAndRestoringBringsBackOnlyThose() {
    StudyEvent kept = events.schedule(subject.getId(), r.screening().getId(), at(MORNING), r.crcA());
    StudyEvent byHand = events.schedule(subject.getId(), r.visit().getId(), at(MORNING), r.crcA());
    events.remove(byHand.getId(), "誤登録", r.dataManager());
    subjects.remove(subject.getId(), "同意撤回", r.dataManager());
    assertEquals(RecordStatus.AUTO_REMOVED, events.get(kept.getId()).getRemoval());
    assertEquals(RecordStatus.REMOVED, events.get(byHand.getId()).getRemoval());
    assertEquals("subject.event.subjectRemoved", assertThrows(EventException.class,
        () -> events.schedule(subject.getId(), r.visit().getId(), at(NOON), r.crcA())).messageKey());
    subjects.restore(subject.getId(), "撤回の取消", r.dataManager());
    assertEquals(RecordStatus.AVAILABLE, events.get(kept.getId()).getRemoval());
    assertEquals(RecordStatus.REMOVED, events.get(byHand.getId()).getRemoval());
    assertEquals(1, audit.search(
        new AuditQuery(null, "event.autoRemove", "StudyEvent", String.valueOf(kept.getId())), PageRequest.of(0, 10)).getTotalElements());
    assertEquals(1, audit.search(
        new AuditQuery(null, "event.autoRestore", "StudyEvent", String.valueOf(kept.getId())), PageRequest.of(0, 10)).getTotalElements());
    assertEquals("rows are never deleted", 2L, (long) jdbc.queryForObject(
        "select count(*) from study_event where study_subject_id = ?", Long.class, subject.getId()));
  }
}
