package jp.ac.umin.libreclinica.core.discrepancy;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.Item;
import jp.ac.umin.libreclinica.core.crf.ItemRepository;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raising and answering discrepancy notes, and reading threads. Rights are checked at the
 * subject's site by {@link NotePolicy} and the role matrix; every note is audited; nothing is
 * changed or deleted afterwards (an answer is a new note of the thread).
 */
@Service
@Transactional(readOnly = true)
public class DiscrepancyNoteService {

  private final DiscrepancyNoteRepository notes;
  private final EventCrfRepository eventCrfs;
  private final ItemRepository items;
  private final SubjectService subjects;
  private final StudyEventService studyEvents;
  private final EventDefinitionService definitions;
  private final StudyService studies;
  private final CrfService crfs;
  private final AuthorizationService authorization;
  private final UserAccountRepository accounts;
  private final AuditService audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final JdbcTemplate jdbc;

  public DiscrepancyNoteService(
      DiscrepancyNoteRepository notes,
      EventCrfRepository eventCrfs,
      ItemRepository items,
      SubjectService subjects,
      StudyEventService studyEvents,
      EventDefinitionService definitions,
      StudyService studies,
      CrfService crfs,
      AuthorizationService authorization,
      UserAccountRepository accounts,
      AuditService audit,
      ApplicationEventPublisher events,
      Clock clock,
      JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.notes = notes;
    this.eventCrfs = eventCrfs;
    this.items = items;
    this.subjects = subjects;
    this.studyEvents = studyEvents;
    this.definitions = definitions;
    this.studies = studies;
    this.crfs = crfs;
    this.authorization = authorization;
    this.accounts = accounts;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** Raises a new thread on a target; the type decides the permission needed. */
  @Transactional
  public DiscrepancyNote raise(String actor, NoteTarget target, NewNote note) {
    Objects.requireNonNull(note.type(), "type");
    if (note.type() == NoteType.FAILED_VALIDATION_CHECK) {
      // failed checks come from data entry, when a value is saved past its edit check
      throw new DiscrepancyNoteException("note.type.notByHand");
    }
    ResolvedTarget t = resolve(target);
    UserAccount account = account(actor);
    authorization.require(account, t.siteId(), NotePolicy.toRaise(note.type()));
    // the study parameter "discrepancy management" off: no notes by hand (data entry's own
    // notes, failed checks and reasons for change, stay part of the record)
    if (!studies.get(t.studyId()).getParameters().isDiscrepancyManagement()) {
      throw new DiscrepancyNoteException("note.disabled");
    }
    return create(actor, t, note);
  }

  /**
   * Raises a note that data entry asks for (a failed validation check or a reason for change);
   * the caller has already checked that the actor may enter the data.
   */
  @Transactional
  public DiscrepancyNote raiseFromDataEntry(String actor, NoteTarget target, NoteType type, String text) {
    ResolvedTarget t = resolve(target);
    authorization.require(actor, t.siteId(), Permission.VIEW_STUDY);
    String description = text.strip();
    String detail = null;
    if (description.length() > DiscrepancyNote.DESCRIPTION_MAX) {
      detail = cut(description, DiscrepancyNote.DETAILED_NOTE_MAX);
      description = cut(description, DiscrepancyNote.DESCRIPTION_MAX);
    }
    return create(actor, t, new NewNote(type, description, detail, null));
  }

  private DiscrepancyNote create(String actor, ResolvedTarget t, NewNote note) {
    String description = requireText(note.description(), note.detailedNote());
    studies.requireAllowed(studies.get(t.siteId()), StudyOperation.REVIEW_DATA);
    requireUnlocked(t.studySubjectId(), t.studyEventId(), t.eventCrfId());
    String assignee = checkAssignee(note.assignedTo(), t.siteId());
    Instant now = clock.instant();
    NoteStatus status = note.type().initialStatus();
    DiscrepancyNote thread =
        DiscrepancyNote.thread(t, note.type(), status, description, blankToNull(note.detailedNote()), assignee, actor, now);
    notes.saveAndFlush(thread);
    DiscrepancyNote first = thread.answer(status, description, blankToNull(note.detailedNote()), assignee, actor, now);
    notes.saveAndFlush(first);
    audit.record(
        AuditEvent.of("note.raise", "DiscrepancyNote", thread.getId())
            .withActor(actor)
            .withStudyId(t.studyId())
            .withNewValue(note.type().code() + " / " + status.code() + " / " + t.field()
                + " / subject=" + t.studySubjectId()
                + (t.eventCrfId() != null ? " / eventCrf=" + t.eventCrfId() + " item=" + t.itemId() + "#" + t.ordinal() : "")
                + (t.studyEventId() != null && t.eventCrfId() == null ? " / event=" + t.studyEventId() : "")
                + (assignee != null ? " / assigned=" + assignee : "")
                + ": " + description));
    if (assignee != null) {
      events.publishEvent(new NoteAssigned(thread.getId(), assignee, actor));
    }
    return thread;
  }

  /**
   * Answers a thread. {@code expectedVersion} is the thread version the user saw: an answer
   * based on a thread someone answered meanwhile is refused.
   */
  @Transactional
  public DiscrepancyNote answer(String actor, long threadId, long expectedVersion, NoteAnswer answer) {
    DiscrepancyNote thread = loadThread(threadId);
    UserAccount account = account(actor);
    authorization.require(account, thread.getSiteId(), Permission.VIEW_STUDY);
    if (thread.getVersion() != expectedVersion) {
      throw new DiscrepancyNoteException("note.answer.stale");
    }
    Objects.requireNonNull(answer.status(), "status");
    if (!NotePolicy.successors(thread.getType(), thread.getStatus()).contains(answer.status())) {
      throw new DiscrepancyNoteException("note.answer.transition", thread.getStatus().code(), answer.status().code());
    }
    authorization.require(account, thread.getSiteId(), NotePolicy.toSet(answer.status()));
    String description = requireText(answer.description(), answer.detailedNote());
    studies.requireAllowed(studies.get(thread.getSiteId()), StudyOperation.REVIEW_DATA);
    requireUnlocked(thread.getStudySubjectId(), thread.getStudyEventId(), thread.getEventCrfId());
    String assignee = checkAssignee(answer.assignedTo(), thread.getSiteId());
    NoteStatus before = thread.getStatus();
    String assignedBefore = thread.getAssignedTo();
    DiscrepancyNote child =
        thread.answer(answer.status(), description, blankToNull(answer.detailedNote()), assignee, actor, clock.instant());
    notes.save(child);
    try {
      notes.saveAndFlush(thread);
    } catch (ObjectOptimisticLockingFailureException raced) {
      throw new DiscrepancyNoteException("note.answer.stale");
    }
    audit.record(
        AuditEvent.of("note.answer", "DiscrepancyNote", thread.getId())
            .withActor(actor)
            .withStudyId(thread.getStudyId())
            .withOldValue(before.code() + (assignedBefore != null ? " / assigned=" + assignedBefore : ""))
            .withNewValue(answer.status().code() + (assignee != null ? " / assigned=" + assignee : "") + ": " + description));
    if (assignee != null && !assignee.equals(assignedBefore)) {
      events.publishEvent(new NoteAssigned(thread.getId(), assignee, actor));
    }
    return thread;
  }

  /** Closes a thread (an answer with status Closed). */
  @Transactional
  public DiscrepancyNote close(String actor, long threadId, long expectedVersion, String description, String detailedNote) {
    DiscrepancyNote thread = loadThread(threadId);
    return answer(actor, threadId, expectedVersion,
        new NoteAnswer(NoteStatus.CLOSED, description, detailedNote, thread.getAssignedTo()));
  }

  /** A thread with its notes, where it sits and what the viewer may answer. */
  public NoteThread thread(String actor, long id) {
    DiscrepancyNote n = notes.findById(id).orElseThrow(() -> new DiscrepancyNoteException("note.notFound", id));
    DiscrepancyNote thread = n.isThread() ? n : loadThread(n.getParentId());
    UserAccount account = account(actor);
    authorization.require(account, thread.getSiteId(), Permission.VIEW_STUDY);
    Set<Permission> held = authorization.permissionsAt(account, thread.getSiteId());
    List<DiscrepancyNote> messages = notes.findByParentIdOrderByIdAsc(thread.getId());
    return new NoteThread(thread, messages, placeOf(thread), NotePolicy.answersFor(thread.getType(), thread.getStatus(), held));
  }

  /** The threads on one target, oldest first, for its note page. */
  public List<DiscrepancyNote> threadsOn(String actor, NoteTarget target) {
    ResolvedTarget t = resolve(target);
    authorization.require(actor, t.siteId(), Permission.VIEW_STUDY);
    List<DiscrepancyNote> candidates =
        switch (t.field().entity()) {
          case ITEM -> notes.threadsOfEventCrf(t.eventCrfId());
          case SUBJECT -> notes.threadsOfSubjectFields(t.studySubjectId());
          case EVENT -> notes.threadsOfEventFields(t.studyEventId());
        };
    return candidates.stream()
        .filter(n -> n.getField() == t.field()
            && Objects.equals(n.getItemId(), t.itemId())
            && Objects.equals(n.getOrdinal(), t.ordinal()))
        .toList();
  }

  /** Where a target is, for the page that raises a note on it. */
  public NotePlace placeOf(String actor, NoteTarget target) {
    ResolvedTarget t = resolve(target);
    authorization.require(actor, t.siteId(), Permission.VIEW_STUDY);
    return placeOf(DiscrepancyNote.thread(t, NoteType.ANNOTATION, NoteStatus.NEW, "", null, null, actor, clock.instant()));
  }

  /** The study or site of the subject a target belongs to (where rights are checked). */
  public long siteOf(String actor, NoteTarget target) {
    ResolvedTarget t = resolve(target);
    authorization.require(actor, t.siteId(), Permission.VIEW_STUDY);
    return t.siteId();
  }

  /** What the user may raise at the target's site. */
  public List<NoteType> raisableTypes(String actor, NoteTarget target) {
    ResolvedTarget t = resolve(target);
    return NotePolicy.raisableBy(authorization.permissionsAt(account(actor), t.siteId()));
  }

  /** The flag of each item value of an event CRF that has notes: key "ITEM#row". */
  public Map<String, NoteStatus> itemFlags(String actor, long eventCrfId) {
    EventCrf e = eventCrfs.findById(eventCrfId).orElseThrow(() -> new DiscrepancyNoteException("note.target.notFound"));
    authorization.require(actor, e.getStudyId(), Permission.VIEW_STUDY);
    Map<Long, String> names = new HashMap<>();
    items.findByCrfId(e.getCrfId()).forEach(i -> names.put(i.getId(), i.getName()));
    Map<String, NoteStatus> flags = new HashMap<>();
    for (DiscrepancyNote n : notes.threadsOfEventCrf(eventCrfId)) {
      flags.merge(names.get(n.getItemId()) + "#" + n.getOrdinal(), n.getStatus(), DiscrepancyNoteService::flagOf);
    }
    return flags;
  }

  /** The flag of each subject field that has notes. */
  public Map<NoteField, NoteStatus> subjectFlags(String actor, long studySubjectId) {
    StudySubject s = subjects.get(studySubjectId);
    authorization.require(actor, s.getStudyId(), Permission.VIEW_STUDY);
    return flags(notes.threadsOfSubjectFields(studySubjectId));
  }

  /** The flag of each event field that has notes, by event. */
  public Map<Long, Map<NoteField, NoteStatus>> eventFlags(String actor, long studySubjectId, List<Long> studyEventIds) {
    StudySubject s = subjects.get(studySubjectId);
    authorization.require(actor, s.getStudyId(), Permission.VIEW_STUDY);
    Map<Long, Map<NoteField, NoteStatus>> result = new HashMap<>();
    for (Long id : studyEventIds) {
      result.put(id, flags(notes.threadsOfEventFields(id)));
    }
    return result;
  }

  private static Map<NoteField, NoteStatus> flags(List<DiscrepancyNote> threads) {
    Map<NoteField, NoteStatus> flags = new EnumMap<>(NoteField.class);
    threads.forEach(n -> flags.merge(n.getField(), n.getStatus(), DiscrepancyNoteService::flagOf));
    return flags;
  }

  // Several threads on one value: the flag shows the one most in need of action.
  private static NoteStatus flagOf(NoteStatus a, NoteStatus b) {
    List<NoteStatus> urgency = List.of(NoteStatus.NEW, NoteStatus.UPDATED, NoteStatus.RESOLUTION_PROPOSED,
        NoteStatus.CLOSED, NoteStatus.NOT_APPLICABLE);
    return urgency.indexOf(a) <= urgency.indexOf(b) ? a : b;
  }

  /** The people a thread at this site may be assigned to: everyone with a role there. */
  public List<String> assignableUsers(String actor, long siteId) {
    authorization.require(actor, siteId, Permission.VIEW_STUDY);
    Study site = studies.get(siteId);
    long parent = site.isSite() ? site.getParent().getId() : site.getId();
    return jdbc.queryForList(
        "select distinct a.user_name from study_user_role r join user_account a on a.id = r.account_id"
            + " where r.status = 'AVAILABLE' and (r.study_id = ? or (r.study_id = ? and r.role_level = 'STUDY'))"
            + " order by a.user_name",
        String.class, siteId, parent);
  }

  private NotePlace placeOf(DiscrepancyNote n) {
    StudySubject s = subjects.get(n.getStudySubjectId());
    Study site = studies.get(n.getSiteId());
    String eventName = null;
    if (n.getStudyEventId() != null) {
      StudyEvent e = studyEvents.get(n.getStudyEventId());
      StudyEventDefinition d = definitions.get(e.getEventDefinitionId());
      eventName = d.isRepeating() ? d.getName() + " (" + e.getOrdinal() + ")" : d.getName();
    }
    String crfName = null;
    String itemName = null;
    Integer section = null;
    if (n.getEventCrfId() != null) {
      EventCrf e = eventCrfs.findById(n.getEventCrfId()).orElseThrow();
      CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
      crfName = version.crfName();
      itemName = items.findById(n.getItemId()).map(Item::getName).orElse(null);
      section = sectionOf(version, itemName);
    }
    return new NotePlace(n.getStudySubjectId(), s.getLabel(), site.getName(), n.getStudyEventId(), eventName,
        n.getEventCrfId(), crfName, itemName, n.getOrdinal(), section);
  }

  /** The 1-based section of an item in a CRF version (as the data entry page numbers them). */
  static Integer sectionOf(CrfVersionDetail version, String itemName) {
    String label = version.definition().items().stream()
        .filter(i -> i.name().equals(itemName))
        .map(ItemDefinition::sectionLabel)
        .findFirst()
        .orElse(null);
    var sections = version.definition().sections();
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).label().equals(label)) {
        return i + 1;
      }
    }
    return null;
  }

  ResolvedTarget resolve(NoteTarget target) {
    switch (target.field().entity()) {
      case SUBJECT -> {
        StudySubject s = subjects.get(target.entityId());
        return new ResolvedTarget(target.field(), s.getParentStudyId(), s.getStudyId(), s.getId(),
            null, null, null, null, null, null);
      }
      case EVENT -> {
        StudyEvent e = studyEvents.get(target.entityId());
        StudySubject s = subjects.get(e.getStudySubjectId());
        return new ResolvedTarget(target.field(), s.getParentStudyId(), s.getStudyId(), s.getId(),
            e.getId(), e.getEventDefinitionId(), null, null, null, null);
      }
      default -> {
        EventCrf e = eventCrfs.findById(target.entityId())
            .orElseThrow(() -> new DiscrepancyNoteException("note.target.notFound"));
        StudyEvent event = studyEvents.get(e.getStudyEventId());
        StudySubject s = subjects.get(event.getStudySubjectId());
        Long itemId = items.findByCrfId(e.getCrfId()).stream()
            .filter(i -> i.getName().equals(target.itemName()))
            .map(Item::getId)
            .findFirst()
            .orElseThrow(() -> new DiscrepancyNoteException("note.target.noSuchItem", target.itemName()));
        return new ResolvedTarget(NoteField.ITEM_VALUE, s.getParentStudyId(), s.getStudyId(), s.getId(),
            event.getId(), event.getEventDefinitionId(), e.getId(), e.getCrfId(), itemId, target.ordinal());
      }
    }
  }

  /**
   * Whether an event CRF belongs to a subject's event (only event CRFs made directly by
   * low-level tests do not); notes always name their subject.
   */
  boolean hasSubject(long eventCrfId) {
    return eventCrfs.findById(eventCrfId).map(e -> studyEvents.exists(e.getStudyEventId())).orElse(false);
  }

  private DiscrepancyNote loadThread(long id) {
    DiscrepancyNote n = notes.findById(id).orElseThrow(() -> new DiscrepancyNoteException("note.notFound", id));
    if (!n.isThread()) {
      return loadThread(n.getParentId());
    }
    return n;
  }

  private UserAccount account(String actor) {
    return accounts.findByUserName(actor).orElseThrow(() -> new PermissionDeniedException("authorization.denied"));
  }

  private String checkAssignee(String userName, long siteId) {
    if (userName == null || userName.isBlank()) {
      return null;
    }
    UserAccount a = accounts.findByUserName(userName.strip()).orElse(null);
    if (a == null || !authorization.isPermitted(a, siteId, Permission.VIEW_STUDY)) {
      throw new DiscrepancyNoteException("note.assignee.noRole", userName.strip());
    }
    return a.getUserName();
  }

  /**
   * Locked data takes no notes, as a locked study takes none: a note is refused (raised or
   * answered) on a locked casebook, a locked event or a locked event CRF, naming which.
   * A frozen study still takes notes (its status allows reviewing data).
   */
  private void requireUnlocked(long studySubjectId, Long studyEventId, Long eventCrfId) {
    String locked = jdbc.query("""
        SELECT CASE
                 WHEN ss.casebook_locked THEN 'casebook'
                 WHEN se.status = 'LOCKED' THEN 'event'
                 WHEN ec.status = 'LOCKED' THEN 'eventCrf'
               END
          FROM study_subject ss
          LEFT JOIN study_event se ON se.id = ?
          LEFT JOIN event_crf ec ON ec.id = ?
         WHERE ss.id = ?""",
        rs -> rs.next() ? rs.getString(1) : null,
        studyEventId, eventCrfId, studySubjectId);
    if (locked != null) {
      throw new DiscrepancyNoteException("note.locked." + locked);
    }
  }

  private static String requireText(String description, String detail) {
    if (description == null || description.isBlank()) {
      throw new DiscrepancyNoteException("note.description.required");
    }
    if (description.strip().length() > DiscrepancyNote.DESCRIPTION_MAX) {
      throw new DiscrepancyNoteException("note.description.tooLong", DiscrepancyNote.DESCRIPTION_MAX);
    }
    if (detail != null && detail.length() > DiscrepancyNote.DETAILED_NOTE_MAX) {
      throw new DiscrepancyNoteException("note.detail.tooLong", DiscrepancyNote.DETAILED_NOTE_MAX);
    }
    return description.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
  }
}
