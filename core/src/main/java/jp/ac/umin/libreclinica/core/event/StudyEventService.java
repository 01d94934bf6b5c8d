package jp.ac.umin.libreclinica.core.event;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.input.InputKind;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyParameters.Usage;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.CasebookLockChanged;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectDataChanged;
import jp.ac.umin.libreclinica.core.subject.SubjectRemoved;
import jp.ac.umin.libreclinica.core.subject.SubjectRestored;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subjects' events: scheduling (a non-repeating event once, a repeating one as its next
 * occurrence; scheduled, unscheduled and common events alike), dates and location, status
 * changes by the table of {@link SubjectEventStatus}, removal and restore. Removing a subject
 * auto-removes its events; restoring it brings them back. Every change is audited.
 */
@Service
@Transactional(readOnly = true)
public class StudyEventService {

  static final String ENTITY = "StudyEvent";
  public static final int LOCATION_MAX = 2000;

  private final StudyEventRepository events;
  private final StudyEventDefinitionRepository definitions;
  private final SubjectService subjects;
  private final StudyService studies;
  private final AuditService audit;
  private final InputNormaliser normaliser;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;
  private final ZoneId zone;

  public StudyEventService(
      StudyEventRepository events,
      StudyEventDefinitionRepository definitions,
      SubjectService subjects,
      StudyService studies,
      AuditService audit,
      InputNormaliser normaliser,
      Clock clock,
      ApplicationEventPublisher publisher,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.events = events;
    this.definitions = definitions;
    this.subjects = subjects;
    this.studies = studies;
    this.audit = audit;
    this.normaliser = normaliser;
    this.clock = clock;
    this.publisher = publisher;
    this.zone = ZoneId.of(zone);
  }

  /** Every event of a subject the user may see, removed ones too. */
  public List<StudyEvent> eventsOf(String actor, long studySubjectId) {
    subjects.view(actor, studySubjectId);
    return events.findByStudySubjectIdOrderByEventDefinitionIdAscOrdinalAsc(studySubjectId);
  }

  /** Every event of a subject, removed ones too; unchecked, for other services. */
  public List<StudyEvent> eventsOfUnchecked(long studySubjectId) {
    return events.findByStudySubjectIdOrderByEventDefinitionIdAscOrdinalAsc(studySubjectId);
  }

  /** Whether the event exists (unchecked, for other services). */
  public boolean exists(long id) {
    return events.existsById(id);
  }

  /** Unchecked, for other services. */
  public StudyEvent get(long id) {
    return events.findById(id).orElseThrow(() -> new EventException("subject.event.notFound", id));
  }

  /** An event the user may see. */
  public StudyEvent view(String actor, long id) {
    StudyEvent e = get(id);
    subjects.view(actor, e.getStudySubjectId());
    return e;
  }

  /** Schedules the next occurrence of an event definition for a subject. */
  @Transactional
  public StudyEvent schedule(
      long studySubjectId, long definitionId, EventInput input, String actor) {
    StudySubject s =
        subjects.requireAccess(actor, studySubjectId, Permission.ENTER_DATA, StudyOperation.ENTER_DATA);
    requireSubjectAvailable(s);
    subjects.requireCasebookOpen(s);
    StudyEventDefinition d =
        definitions
            .findById(definitionId)
            .filter(def -> def.getStudyId() == s.getParentStudyId())
            .orElseThrow(() -> EventException.onField("definition", "subject.event.definition.notOfStudy"));
    if (d.getStatus().isRemoved()) {
      throw EventException.onField("definition", "subject.event.definition.removed", d.getName());
    }
    int last = events.maxOrdinal(s.getId(), d.getId());
    if (!d.isRepeating() && last > 0) {
      throw EventException.onField("definition", "subject.event.alreadyScheduled", d.getName());
    }
    StudyEvent e = new StudyEvent(s.getId(), d.getId(), last + 1, actor, clock.instant());
    e.schedule(input.start(), input.end(), location(s, input.location()));
    try {
      events.saveAndFlush(e);
    } catch (DataIntegrityViolationException conflict) {
      throw EventException.onField("definition", "subject.event.scheduledMeanwhile", d.getName());
    }
    audit.record(
        AuditEvent.of("event.schedule", ENTITY, e.getId())
            .withActor(actor)
            .withStudyId(s.getParentStudyId())
            .withNewValue("subject=" + s.getLabel() + ", event=" + d.getOid() + ", ordinal="
                + e.getOrdinal() + ", " + e.describe(zone)));
    changed(s, actor, "event.schedule");
    return e;
  }

  /** Changes an event's dates and location. */
  @Transactional
  public StudyEvent update(long id, long expectedVersion, EventInput input, String actor) {
    StudyEvent e = get(id);
    StudySubject s =
        subjects.requireAccess(actor, e.getStudySubjectId(), Permission.ENTER_DATA, StudyOperation.ENTER_DATA);
    requireSubjectAvailable(s);
    subjects.requireCasebookOpen(s);
    e.requireAvailable();
    if (e.getVersion() != expectedVersion) {
      throw new EventException("subject.event.changedMeanwhile");
    }
    if (e.getStatus() == SubjectEventStatus.LOCKED) {
      throw new EventException("subject.event.locked");
    }
    String before = e.describe(zone);
    e.schedule(input.start(), input.end(), location(s, input.location()));
    e.touched(actor, clock.instant());
    events.saveAndFlush(e);
    if (!before.equals(e.describe(zone))) {
      audit.record(
          AuditEvent.of("event.update", ENTITY, e.getId())
              .withActor(actor)
              .withStudyId(s.getParentStudyId())
              .withOldValue(before)
              .withNewValue(e.describe(zone)));
      changed(s, actor, "event.update");
    }
    return e;
  }

  /**
   * Sets a status by hand (scheduled, stopped, skipped, signed, locked, or unlock). The
   * permission needed is the one {@link SubjectEventStatus#permissionToSet()} names (for an
   * unlock, that of {@link SubjectEventStatus#LOCKED}).
   */
  @Transactional
  public StudyEvent changeStatus(long id, SubjectEventStatus target, String reason, String actor) {
    StudyEvent e = get(id);
    SubjectEventStatus byHand = e.getStatus() == SubjectEventStatus.LOCKED ? SubjectEventStatus.LOCKED : target;
    if (!byHand.isSetByHand()) {
      throw new EventException("subject.event.status.notByHand", target.code());
    }
    StudyOperation operation =
        byHand == SubjectEventStatus.LOCKED || byHand == SubjectEventStatus.SIGNED
            ? StudyOperation.REVIEW_DATA
            : StudyOperation.ENTER_DATA;
    StudySubject s = subjects.requireAccess(actor, e.getStudySubjectId(), byHand.permissionToSet(), operation);
    requireSubjectAvailable(s);
    subjects.requireCasebookOpen(s);
    if (target == SubjectEventStatus.SIGNED) {
      // a signature needs the signer's presence proven again: core.signature, never a status pick
      throw new EventException("subject.event.status.signWithSignature");
    }
    boolean unlocking = e.getStatus() == SubjectEventStatus.LOCKED;
    StudyEvent moved = move(e, s, target, reason, actor);
    if (target == SubjectEventStatus.LOCKED || unlocking) {
      publisher.publishEvent(
          new EventLockChanged(e.getId(), s.getId(), s.getParentStudyId(), !unlocking,
              StudyEvent.LOCKED_BY_ITSELF, actor));
    }
    return moved;
  }

  /**
   * Moves a completed event to signed, or a signed one back to completed; for the signature
   * feature, which proves the signer's presence and checks the signer's rights itself.
   */
  @Transactional
  public StudyEvent markSigned(long id, boolean signed, String reason, String actor) {
    StudyEvent e = get(id);
    SubjectEventStatus target = signed ? SubjectEventStatus.SIGNED : SubjectEventStatus.COMPLETED;
    if (e.getStatus() == target) {
      return e;
    }
    return move(e, subjects.get(e.getStudySubjectId()), target, reason, actor);
  }

  /**
   * Moves an event to data entry started or completed as its CRFs' data entry goes; for the
   * data entry feature, which checks the user itself.
   */
  @Transactional
  public StudyEvent followDataEntry(long id, SubjectEventStatus target, String actor) {
    if (target != SubjectEventStatus.DATA_ENTRY_STARTED && target != SubjectEventStatus.COMPLETED) {
      throw new IllegalArgumentException("data entry sets only started or completed: " + target);
    }
    StudyEvent e = get(id);
    if (e.getStatus() == target) {
      return e;
    }
    return move(e, subjects.get(e.getStudySubjectId()), target, null, actor);
  }

  private StudyEvent move(
      StudyEvent e, StudySubject s, SubjectEventStatus target, String reason, String actor) {
    SubjectEventStatus before = e.getStatus();
    e.changeStatus(target);
    e.touched(actor, clock.instant());
    events.saveAndFlush(e);
    audit.record(
        AuditEvent.of("event.status", ENTITY, e.getId())
            .withActor(actor)
            .withStudyId(s.getParentStudyId())
            .withOldValue(before.code())
            .withNewValue(target.code())
            .withReason(reason == null || reason.isBlank() ? null : reason.strip()));
    changed(s, actor, "event.status");
    return e;
  }

  private void changed(StudySubject s, String actor, String what) {
    publisher.publishEvent(new SubjectDataChanged(s.getId(), actor, what));
  }

  /**
   * Locking a casebook locks the subject's events that are not locked yet (each remembering it
   * was locked with the casebook); unlocking it releases exactly those. Each move is audited.
   */
  @EventListener
  @Transactional
  public void onCasebookLockChanged(CasebookLockChanged change) {
    StudySubject s = subjects.get(change.studySubjectId());
    for (StudyEvent e :
        events.findByStudySubjectIdOrderByEventDefinitionIdAscOrdinalAsc(change.studySubjectId())) {
      if (e.getRemoval().isRemoved()) {
        continue;
      }
      if (change.locked() && e.getStatus() != SubjectEventStatus.LOCKED) {
        move(e, s, SubjectEventStatus.LOCKED, change.reason(), change.actor());
        e.lockedWith(StudyEvent.LOCKED_WITH_CASEBOOK);
      } else if (!change.locked()
          && e.getStatus() == SubjectEventStatus.LOCKED
          && StudyEvent.LOCKED_WITH_CASEBOOK.equals(e.getLockedWith())) {
        move(e, s, e.getStatusBeforeLock(), change.reason(), change.actor());
      } else {
        continue;
      }
      publisher.publishEvent(
          new EventLockChanged(e.getId(), s.getId(), s.getParentStudyId(), change.locked(),
              StudyEvent.LOCKED_WITH_CASEBOOK, change.actor()));
    }
  }

  @Transactional
  public StudyEvent remove(long id, String reason, String actor) {
    requireReason(reason);
    StudyEvent e = get(id);
    StudySubject s =
        subjects.requireAccess(actor, e.getStudySubjectId(), Permission.REMOVE_SUBJECT, StudyOperation.ENTER_DATA);
    requireSubjectAvailable(s);
    subjects.requireCasebookOpen(s);
    requireNotLocked(e);
    e.remove(RecordStatus.REMOVED, reason.strip());
    e.touched(actor, clock.instant());
    events.saveAndFlush(e);
    audit.record(removalEvent("event.remove", e, s.getParentStudyId(), RecordStatus.AVAILABLE, reason, actor));
    changed(s, actor, "event.remove");
    return e;
  }

  @Transactional
  public StudyEvent restore(long id, String reason, String actor) {
    requireReason(reason);
    StudyEvent e = get(id);
    StudySubject s =
        subjects.requireAccess(actor, e.getStudySubjectId(), Permission.REMOVE_SUBJECT, StudyOperation.ENTER_DATA);
    requireSubjectAvailable(s);
    subjects.requireCasebookOpen(s);
    RecordStatus before = e.getRemoval();
    e.restore(reason.strip());
    e.touched(actor, clock.instant());
    events.saveAndFlush(e);
    audit.record(removalEvent("event.restore", e, s.getParentStudyId(), before, reason, actor));
    changed(s, actor, "event.restore");
    return e;
  }

  /** A removed subject's events are auto-removed with it. */
  @EventListener
  @Transactional
  public void onSubjectRemoved(SubjectRemoved removed) {
    for (StudyEvent e :
        events.findByStudySubjectIdOrderByEventDefinitionIdAscOrdinalAsc(removed.studySubjectId())) {
      if (!e.getRemoval().isRemoved()) {
        e.remove(RecordStatus.AUTO_REMOVED, removed.reason());
        e.touched(removed.actor(), clock.instant());
        audit.record(
            removalEvent("event.autoRemove", e, removed.parentStudyId(), RecordStatus.AVAILABLE,
                removed.reason(), removed.actor()));
      }
    }
  }

  /** Events removed with their subject come back when it is restored; those removed by hand do not. */
  @EventListener
  @Transactional
  public void onSubjectRestored(SubjectRestored restored) {
    for (StudyEvent e :
        events.findByStudySubjectIdOrderByEventDefinitionIdAscOrdinalAsc(restored.studySubjectId())) {
      if (e.getRemoval() == RecordStatus.AUTO_REMOVED) {
        e.restore(restored.reason());
        e.touched(restored.actor(), clock.instant());
        audit.record(
            removalEvent("event.autoRestore", e, restored.parentStudyId(), RecordStatus.AUTO_REMOVED,
                restored.reason(), restored.actor()));
      }
    }
  }

  private String location(StudySubject s, String raw) {
    Usage usage = studies.get(s.getStudyId()).getParameters().getEventLocation();
    if (usage == Usage.NOT_USED) {
      return null;
    }
    String v = normaliser.normalise(raw, InputKind.FREE_TEXT);
    if (v == null || v.isBlank()) {
      if (usage == Usage.REQUIRED) {
        throw EventException.onField("location", "subject.event.location.required");
      }
      return null;
    }
    if (v.codePointCount(0, v.length()) > LOCATION_MAX) {
      throw EventException.onField("location", "subject.event.location.tooLong", LOCATION_MAX);
    }
    return v.strip();
  }

  private static void requireNotLocked(StudyEvent e) {
    if (e.getStatus() == SubjectEventStatus.LOCKED) {
      throw new EventException("subject.event.locked");
    }
  }

  private static void requireSubjectAvailable(StudySubject s) {
    if (s.getStatus().isRemoved()) {
      throw new EventException("subject.event.subjectRemoved", s.getLabel());
    }
  }

  private static AuditEvent removalEvent(
      String action, StudyEvent e, long studyId, RecordStatus before, String reason, String actor) {
    return AuditEvent.of(action, ENTITY, e.getId())
        .withActor(actor)
        .withStudyId(studyId)
        .withOldValue(before.code())
        .withNewValue(e.getRemoval().code())
        .withReason(reason == null ? null : reason.strip());
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw EventException.onField("reason", "subject.reason.required");
    }
  }
}
