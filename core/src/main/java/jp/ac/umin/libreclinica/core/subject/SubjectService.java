package jp.ac.umin.libreclinica.core.subject;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.event.DesignStatus;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import jp.ac.umin.libreclinica.core.input.InputKind;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.input.PartialDate;
import jp.ac.umin.libreclinica.core.oid.Oids;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyParameters.SubjectIdGeneration;
import jp.ac.umin.libreclinica.core.study.StudyParameters.Usage;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.SubjectGroup;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolls study subjects and changes them: details, removal and restore (what hangs off a
 * subject follows through {@link SubjectRemoved} / {@link SubjectRestored}), reassignment to
 * another site. Every change is audited and checked: the user needs {@link
 * Permission#ADD_SUBJECT} or {@link Permission#REMOVE_SUBJECT} at the subject's site (a site
 * user acts only at their site), and the study's status must allow it.
 *
 * <p>Subject IDs, secondary IDs and person IDs are codes: full-width characters are folded to
 * half-width, and {@code <} and {@code >} are refused (upstream OC-7271, stored XSS).
 */
@Service
@Transactional(readOnly = true)
public class SubjectService {

  /** LibreClinica's column widths. */
  public static final int LABEL_MAX = 30;

  public static final int PERSON_ID_MAX = 255;

  private static final String ENTITY = "StudySubject";

  private final StudySubjectRepository subjects;
  private final SubjectGroupAssignmentRepository assignments;
  private final StudyService studies;
  private final GroupClassService groupClasses;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final InputNormaliser normaliser;
  private final DateInputParser dates;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private final PersonRepository persons;

  public SubjectService(
      StudySubjectRepository subjects,
      SubjectGroupAssignmentRepository assignments,
      StudyService studies,
      GroupClassService groupClasses,
      AuthorizationService authorization,
      AuditService audit,
      InputNormaliser normaliser,
      DateInputParser dates,
      JdbcClient jdbc,
      ApplicationEventPublisher publisher,
      Clock clock,
      PersonRepository persons) {
    this.persons = persons;
    this.subjects = subjects;
    this.assignments = assignments;
    this.studies = studies;
    this.groupClasses = groupClasses;
    this.authorization = authorization;
    this.audit = audit;
    this.normaliser = normaliser;
    this.dates = dates;
    this.jdbc = jdbc;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** A subject the user may see, with its person data. */
  public StudySubject view(String actor, long id) {
    StudySubject s = get(id);
    studies.view(actor, s.getStudyId());
    return s;
  }

  /** A subject the user may see, by its OID ({@code SS_...}). */
  public StudySubject viewByOid(String actor, String oid) {
    long id = subjects.findIdByOid(oid).orElseThrow(() -> new SubjectException("subject.notFound", oid));
    return view(actor, id);
  }

  /** Unchecked, for other services that check themselves. */
  public StudySubject get(long id) {
    return subjects
        .findWithPerson(id)
        .orElseThrow(() -> new SubjectException("subject.notFound", id));
  }

  /**
   * The subject, after checking that the user holds {@code permission} at its site and that
   * the status of its site and study allows {@code operation}.
   */
  public StudySubject requireAccess(
      String actor, long id, Permission permission, StudyOperation operation) {
    StudySubject s = get(id);
    authorization.require(actor, s.getStudyId(), permission);
    studies.requireAllowed(studies.get(s.getStudyId()), operation);
    return s;
  }

  /**
   * The subject with this label in a study the user may see, or at a site: when {@code
   * studyOrSiteId} is a site, only a subject enrolled there is found.
   */
  public Optional<StudySubject> findByLabel(String actor, long studyOrSiteId, String label) {
    Study where = studies.view(actor, studyOrSiteId);
    long parentId = where.isSite() ? where.getParent().getId() : where.getId();
    return subjects
        .findByLabel(parentId, label == null ? "" : label.strip())
        .filter(s -> !where.isSite() || s.getStudyId() == where.getId())
        .filter(s -> where.isSite() || studies.mayView(actor, s.getStudyId()));
  }

  /**
   * The subjects of a study or site the user may see, by label: of a study, those at the study
   * itself and at the sites the user may see.
   */
  public List<StudySubject> listAt(String actor, long studyOrSiteId) {
    Study where = studies.view(actor, studyOrSiteId);
    java.util.List<Long> ids = new java.util.ArrayList<>();
    ids.add(where.getId());
    if (!where.isSite()) {
      studies.sitesOf(actor, where.getId()).forEach(site -> ids.add(site.getId()));
    }
    return subjects.findWithPersonAt(ids);
  }

  /** The group of each group class the subject is assigned to. */
  public List<SubjectGroupAssignment> groupsOf(long studySubjectId) {
    return assignments.findByStudySubjectIdOrderByGroupClassId(studySubjectId);
  }

  /**
   * Enrolls a subject from the page of a study or site ({@code scopeId}) at the chosen site
   * ({@code siteId}; null for the scope itself). A site that is neither the scope nor one of its
   * sites (a forged form field) is refused and nothing is stored.
   */
  @Transactional
  public StudySubject add(
      long scopeId,
      Long siteId,
      SubjectInput input,
      String requestToken,
      boolean confirmDuplicatePersonId,
      String actor) {
    if (siteId != null && siteId != scopeId) {
      Study site = studies.get(siteId);
      if (!site.isSite() || site.getParent().getId() != scopeId) {
        throw SubjectException.onField("siteId", "subject.site.notOfStudy", site.getProtocolId());
      }
    }
    return add(siteId == null ? scopeId : siteId, input, requestToken, confirmDuplicatePersonId, actor);
  }

  /**
   * Enrolls a subject at a study or one of its sites.
   *
   * @param requestToken the token of the form that sent the request: a second request with
   *     the same token (a double click) creates nothing and is told so
   * @param confirmDuplicatePersonId whether the user confirmed a duplicate person ID warning
   * @throws DuplicatePersonIdWarning when the person ID is already used in the study and the
   *     user has not confirmed it
   */
  @Transactional
  public StudySubject add(
      long studyOrSiteId,
      SubjectInput input,
      String requestToken,
      boolean confirmDuplicatePersonId,
      String actor) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.ADD_SUBJECT);
    studies.requireAllowed(where, StudyOperation.ENROLL_SUBJECTS);
    Study parent = where.isSite() ? where.getParent() : where;
    String token = blankToNull(requestToken);
    if (token != null) {
      // two requests with the same token (a double click) wait for each other here, so that the
      // second sees the first's subject and is told so, whatever the timing
      jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:token))").param("token", token).query().singleValue();
      subjects.findByRequestToken(token).ifPresent(done -> {
        throw new SubjectException("subject.add.duplicateSubmission", done.getLabel());
      });
    }
    StudyParameters p = parent.getParameters();
    Checked c = check(input, p, parent.getId(), null);
    if (c.personId != null && !confirmDuplicatePersonId) {
      warnOnDuplicatePersonId(parent.getId(), c.personId, -1);
    }
    String label;
    if (p.getSubjectIdGeneration() == SubjectIdGeneration.MANUAL) {
      label = code("label", input.label(), LABEL_MAX, true);
    } else if (p.getSubjectIdGeneration() == SubjectIdGeneration.AUTO_EDITABLE
        && input.label() != null && !input.label().isBlank()) {
      label = code("label", input.label(), LABEL_MAX, true);
    } else {
      label = nextLabel(parent);
    }
    if (subjects.labelTaken(parent.getId(), label, -1)) {
      throw SubjectException.onField("label", "subject.label.duplicate", label);
    }
    Instant now = clock.instant();
    Subject person = new Subject(actor, now);
    person.apply(c.personId, input.sex(), c.birth);
    StudySubject s =
        new StudySubject(
            person, where.getId(), parent.getId(), label,
            Oids.unique("SS_", label, 32, subjects::existsByOid), token, actor, now);
    s.apply(label, c.secondaryLabel, input.enrollmentDate());
    try {
      subjects.saveAndFlush(s);
    } catch (DataIntegrityViolationException e) {
      throw duplicateOnInsert(token, label);
    }
    for (Map.Entry<Long, Long> g : c.groups.entrySet()) {
      assignments.save(new SubjectGroupAssignment(s.getId(), g.getKey(), g.getValue()));
    }
    audit.record(
        AuditEvent.of("subject.create", ENTITY, s.getId())
            .withActor(actor)
            .withStudyId(parent.getId())
            .withNewValue(s.describe() + ", groups=" + c.groups
                + (confirmDuplicatePersonId && c.personId != null ? ", duplicatePersonIdConfirmed" : "")));
    return s;
  }

  /**
   * Registers a person in the subject registry of a study (at the study or one of its sites)
   * without enrolling it, as LibreClinica's web-services subject {@code creat} does: person ID,
   * sex and date of birth checked against the study parameters exactly as when enrolling
   * (person ID required, optional or not used; sex required or not; full date, year only or no
   * date of birth). A person ID already recorded in the study (for an enrolled subject or a
   * registered person) is refused: the web services have no way to confirm the warning the
   * pages show. Audited as the caller ({@code subject.person.create}).
   */
  @Transactional
  public Subject registerPerson(long studyOrSiteId, PersonInput input, String actor) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.ADD_SUBJECT);
    studies.requireAllowed(where, StudyOperation.ENROLL_SUBJECTS);
    Study parent = where.isSite() ? where.getParent() : where;
    StudyParameters p = parent.getParameters();
    if (p.isSexRequired() && input.sex() == null) {
      throw SubjectException.onField("sex", "subject.sex.required");
    }
    String personId =
        p.getPersonId() == Usage.NOT_USED
            ? null
            : code("personId", input.personId(), PERSON_ID_MAX, p.getPersonId() == Usage.REQUIRED);
    PartialDate birth = birth(input.dateOfBirth(), p.getDateOfBirth());
    java.time.LocalDate today = java.time.LocalDate.now(clock);
    if (birth != null && (birth.year() > today.getYear()
        || birth.isComplete() && birth.toLocalDate().isAfter(today))) {
      throw SubjectException.onField("dateOfBirth", "subject.dateOfBirth.future");
    }
    if (personId != null) {
      // both checks see a concurrent registration of the same person ID only after it commits:
      // serialise registrations of one person ID in one study
      jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))")
          .param("k", "person:" + parent.getId() + ":" + personId).query().singleValue();
      List<String> labels = subjects.labelsWithPersonId(parent.getId(), personId, -1);
      if (!labels.isEmpty()) {
        throw SubjectException.onField("personId", "subject.personId.duplicate", personId, String.join(", ", labels));
      }
      if (persons.registeredWithPersonId(parent.getId(), personId)) {
        throw SubjectException.onField("personId", "subject.personId.registered", personId);
      }
    }
    Subject person = Subject.registered(parent.getId(), where.getId(), actor, clock.instant());
    person.apply(personId, input.sex(), birth);
    persons.saveAndFlush(person);
    audit.record(
        AuditEvent.of("subject.person.create", "Subject", person.getId())
            .withActor(actor)
            .withStudyId(parent.getId())
            .withNewValue(person.describe() + ", registeredAt=" + where.getOid()));
    return person;
  }

  /** Changes a subject's details; with automatic non-editable IDs the label never changes. */
  @Transactional
  public StudySubject update(
      long id,
      long expectedVersion,
      SubjectInput input,
      boolean confirmDuplicatePersonId,
      String actor) {
    StudySubject s = requireAccess(actor, id, Permission.ADD_SUBJECT, StudyOperation.ENTER_DATA);
    if (s.getVersion() != expectedVersion) {
      throw new SubjectException("subject.changedMeanwhile", s.getLabel());
    }
    if (s.getStatus().isRemoved()) {
      throw new SubjectException("subject.removed", s.getLabel());
    }
    requireCasebookOpen(s);
    Study parent = studies.get(s.getParentStudyId());
    StudyParameters p = parent.getParameters();
    Checked c = check(input, p, parent.getId(), s);
    String label;
    if (p.getSubjectIdGeneration() == SubjectIdGeneration.AUTO_NON_EDITABLE) {
      // upstream OC-18040: a disabled field on the page is no protection; the service refuses
      String sent = normaliser.normalise(input.label(), InputKind.CODE);
      if (sent != null && !sent.isEmpty() && !sent.equals(s.getLabel())) {
        throw SubjectException.onField("label", "subject.label.notEditable", s.getLabel());
      }
      label = s.getLabel();
    } else {
      label = code("label", input.label(), LABEL_MAX, true);
    }
    if (subjects.labelTaken(parent.getId(), label, s.getId())) {
      throw SubjectException.onField("label", "subject.label.duplicate", label);
    }
    if (c.personId != null
        && !confirmDuplicatePersonId
        && !c.personId.equals(s.getSubject().getPersonId())) {
      warnOnDuplicatePersonId(parent.getId(), c.personId, s.getId());
    }
    String before = s.describe() + ", groups=" + currentGroups(s.getId());
    s.apply(label, c.secondaryLabel, input.enrollmentDate());
    s.getSubject().apply(c.personId, input.sex(), c.birth);
    s.touched(actor, clock.instant());
    Map<Long, SubjectGroupAssignment> held = new HashMap<>();
    groupsOf(s.getId()).forEach(a -> held.put(a.getGroupClassId(), a));
    for (Map.Entry<Long, Long> g : c.groups.entrySet()) {
      SubjectGroupAssignment a = held.get(g.getKey());
      if (a == null) {
        assignments.save(new SubjectGroupAssignment(s.getId(), g.getKey(), g.getValue()));
      } else {
        a.changeGroup(g.getValue());
      }
    }
    try {
      subjects.saveAndFlush(s);
    } catch (DataIntegrityViolationException e) {
      throw SubjectException.onField("label", "subject.label.duplicate", label);
    }
    String after = s.describe() + ", groups=" + currentGroups(s.getId());
    if (!before.equals(after)) {
      audit.record(
          AuditEvent.of("subject.update", ENTITY, s.getId())
              .withActor(actor)
              .withStudyId(parent.getId())
              .withOldValue(before)
              .withNewValue(after));
      publisher.publishEvent(new SubjectDataChanged(s.getId(), actor, "subject.update"));
    }
    return s;
  }

  /** Removes a subject (with a reason); its events and data are auto-removed with it. */
  @Transactional
  public StudySubject remove(long id, String reason, String actor) {
    requireReason(reason);
    StudySubject s = requireAccess(actor, id, Permission.REMOVE_SUBJECT, StudyOperation.ENTER_DATA);
    requireCasebookOpen(s);
    SubjectStatus before = s.getStatus();
    s.remove(reason.strip());
    s.touched(actor, clock.instant());
    subjects.saveAndFlush(s);
    audit.record(statusEvent("subject.remove", s, before, reason, actor));
    publisher.publishEvent(new SubjectRemoved(s.getId(), s.getParentStudyId(), reason.strip(), actor));
    publisher.publishEvent(new SubjectDataChanged(s.getId(), actor, "subject.remove"));
    return s;
  }

  /** Restores a removed subject and what was auto-removed with it. */
  @Transactional
  public StudySubject restore(long id, String reason, String actor) {
    requireReason(reason);
    StudySubject s = requireAccess(actor, id, Permission.REMOVE_SUBJECT, StudyOperation.ENTER_DATA);
    if (studies.get(s.getStudyId()).getStatus().isRemoved()) {
      throw new SubjectException("subject.siteRemoved", s.getLabel());
    }
    SubjectStatus before = s.getStatus();
    s.restore(reason.strip());
    s.touched(actor, clock.instant());
    subjects.saveAndFlush(s);
    audit.record(statusEvent("subject.restore", s, before, reason, actor));
    publisher.publishEvent(new SubjectRestored(s.getId(), s.getParentStudyId(), reason.strip(), actor));
    publisher.publishEvent(new SubjectDataChanged(s.getId(), actor, "subject.restore"));
    return s;
  }

  /**
   * Moves a subject to another site of the same study (or to the study level). Refused to a
   * removed site and to a site of another study; audited with the old and new site.
   */
  @Transactional
  public StudySubject reassign(long id, long targetId, String reason, String actor) {
    requireReason(reason);
    StudySubject s = requireAccess(actor, id, Permission.REMOVE_SUBJECT, StudyOperation.ENTER_DATA);
    if (s.getStatus().isRemoved()) {
      throw new SubjectException("subject.removed", s.getLabel());
    }
    requireCasebookOpen(s);
    Study target = studies.get(targetId);
    long targetParent = target.isSite() ? target.getParent().getId() : target.getId();
    if (targetParent != s.getParentStudyId()) {
      throw SubjectException.onField("site", "subject.reassign.notOfStudy", target.getProtocolId());
    }
    if (target.getId() == s.getStudyId()) {
      throw SubjectException.onField("site", "subject.reassign.same", target.getProtocolId());
    }
    if (target.getStatus().isRemoved()) {
      throw SubjectException.onField("site", "subject.reassign.siteRemoved", target.getProtocolId());
    }
    authorization.require(actor, target.getId(), Permission.ADD_SUBJECT);
    studies.requireAllowed(target, StudyOperation.ENTER_DATA);
    Study from = studies.get(s.getStudyId());
    s.moveTo(target.getId());
    s.touched(actor, clock.instant());
    subjects.saveAndFlush(s);
    audit.record(
        AuditEvent.of("subject.reassign", ENTITY, s.getId())
            .withActor(actor)
            .withStudyId(s.getParentStudyId())
            .withOldValue("site=" + from.getProtocolId() + " (" + from.getOid() + ")")
            .withNewValue("site=" + target.getProtocolId() + " (" + target.getOid() + ")")
            .withReason(reason.strip()));
    return s;
  }

  /**
   * Locks a subject's whole casebook: its details, events, CRFs and values can no longer change
   * (the events and their CRFs are locked with it). Needs {@link Permission#LOCK_DATA}; allowed
   * while the study is available or frozen.
   */
  @Transactional
  public StudySubject lockCasebook(long id, String reason, String actor) {
    StudySubject s = requireAccess(actor, id, Permission.LOCK_DATA, StudyOperation.REVIEW_DATA);
    if (s.getStatus().isRemoved()) {
      throw new SubjectException("subject.removed", s.getLabel());
    }
    s.lockCasebook(actor, clock.instant());
    s.touched(actor, clock.instant());
    subjects.saveAndFlush(s);
    audit.record(lockEvent("subject.casebook.lock", s, reason, actor));
    publisher.publishEvent(new CasebookLockChanged(s.getId(), s.getParentStudyId(), true, blankToNull(reason), actor));
    return s;
  }

  /** Unlocks a subject's casebook; what was locked with it is released, each audited. */
  @Transactional
  public StudySubject unlockCasebook(long id, String reason, String actor) {
    StudySubject s = requireAccess(actor, id, Permission.LOCK_DATA, StudyOperation.REVIEW_DATA);
    s.unlockCasebook();
    s.touched(actor, clock.instant());
    subjects.saveAndFlush(s);
    audit.record(lockEvent("subject.casebook.unlock", s, reason, actor));
    publisher.publishEvent(new CasebookLockChanged(s.getId(), s.getParentStudyId(), false, blankToNull(reason), actor));
    return s;
  }

  /** Refuses a change to a subject whose casebook is locked. */
  public void requireCasebookOpen(StudySubject s) {
    if (s.isCasebookLocked()) {
      throw new SubjectException("subject.casebook.locked", s.getLabel());
    }
  }

  /**
   * Marks the subject signed (after an electronic signature of its casebook) or back to
   * available (when the signature became invalid); for the signature feature, which checks the
   * signer itself. Audited.
   */
  @Transactional
  public StudySubject markSigned(long id, boolean signed, String reason, String actor) {
    StudySubject s = get(id);
    SubjectStatus before = s.getStatus();
    if ((before == SubjectStatus.SIGNED) == signed) {
      return s;
    }
    s.signed(signed);
    s.touched(actor, clock.instant());
    subjects.saveAndFlush(s);
    audit.record(
        AuditEvent.of("subject.status", ENTITY, s.getId())
            .withActor(actor)
            .withStudyId(s.getParentStudyId())
            .withOldValue(before.code())
            .withNewValue(s.getStatus().code())
            .withReason(reason));
    return s;
  }

  private static AuditEvent lockEvent(String action, StudySubject s, String reason, String actor) {
    return AuditEvent.of(action, ENTITY, s.getId())
        .withActor(actor)
        .withStudyId(s.getParentStudyId())
        .withOldValue("casebookLocked=" + !s.isCasebookLocked())
        .withNewValue("casebookLocked=" + s.isCasebookLocked())
        .withReason(blankToNull(reason));
  }

  /** The next free automatic label of a study: its subject ID prefix and a running number. */
  private String nextLabel(Study parent) {
    String prefix = parent.getParameters().getSubjectIdPrefix();
    prefix = prefix == null ? "" : prefix.strip();
    while (true) {
      long n =
          jdbc.sql(
                  "INSERT INTO study_subject_label_counter (study_id, last_value) VALUES (:s, 1)"
                      + " ON CONFLICT (study_id) DO UPDATE"
                      + " SET last_value = study_subject_label_counter.last_value + 1"
                      + " RETURNING last_value")
              .param("s", parent.getId())
              .query(Long.class)
              .single();
      String label = prefix + String.format("%04d", n);
      if (!subjects.labelTaken(parent.getId(), label, -1)) {
        return label;
      }
    }
  }

  private SubjectException duplicateOnInsert(String token, String label) {
    if (token != null) {
      return new SubjectException("subject.add.duplicateSubmission", label);
    }
    return SubjectException.onField("label", "subject.label.duplicate", label);
  }

  private void warnOnDuplicatePersonId(long parentStudyId, String personId, long exceptId) {
    List<String> labels = subjects.labelsWithPersonId(parentStudyId, personId, exceptId);
    if (!labels.isEmpty()) {
      throw new DuplicatePersonIdWarning(personId, String.join(", ", labels));
    }
  }

  /** The values checked against the parameters, other than the label. */
  private record Checked(
      String secondaryLabel, String personId, PartialDate birth, Map<Long, Long> groups) {}

  private Checked check(SubjectInput in, StudyParameters p, long parentId, StudySubject current) {
    String secondary =
        p.isSecondaryIdShown()
            ? code("secondaryLabel", in.secondaryLabel(), LABEL_MAX, false)
            : current == null ? null : current.getSecondaryLabel();
    if (in.enrollmentDate() == null) {
      throw SubjectException.onField("enrollmentDate", "subject.enrollmentDate.required");
    }
    if (in.enrollmentDate().getYear() < 1900 || in.enrollmentDate().getYear() > 2999) {
      throw SubjectException.onField("enrollmentDate", "subject.enrollmentDate.outOfRange");
    }
    if (p.isSexRequired() && in.sex() == null) {
      throw SubjectException.onField("sex", "subject.sex.required");
    }
    String personId =
        p.getPersonId() == Usage.NOT_USED
            ? null
            : code("personId", in.personId(), PERSON_ID_MAX, p.getPersonId() == Usage.REQUIRED);
    PartialDate birth = birth(in.dateOfBirth(), p.getDateOfBirth());
    if (birth != null && birth.year() > in.enrollmentDate().getYear()
        || birth != null && birth.isComplete() && birth.toLocalDate().isAfter(in.enrollmentDate())) {
      throw SubjectException.onField("dateOfBirth", "subject.dateOfBirth.afterEnrollment");
    }
    return new Checked(secondary, personId, birth, groups(in.groups(), parentId));
  }

  private PartialDate birth(String raw, StudyParameters.DateOfBirth collected) {
    if (collected == StudyParameters.DateOfBirth.NOT_USED) {
      return null;
    }
    if (raw == null || raw.isBlank()) {
      throw SubjectException.onField("dateOfBirth", "subject.dateOfBirth.required");
    }
    PartialDate d;
    try {
      d = dates.parse(raw);
    } catch (InvalidInputException e) {
      throw SubjectException.onField("dateOfBirth", e.messageKey(), e.arguments());
    }
    if (d.year() < 1850) {
      throw SubjectException.onField("dateOfBirth", "subject.dateOfBirth.outOfRange");
    }
    if (collected == StudyParameters.DateOfBirth.YEAR_ONLY) {
      return new PartialDate(d.year(), null, null);
    }
    if (!d.isComplete()) {
      throw SubjectException.onField("dateOfBirth", "subject.dateOfBirth.full");
    }
    return d;
  }

  private Map<Long, Long> groups(Map<Long, Long> chosen, long parentId) {
    Map<Long, Long> result = new HashMap<>();
    List<SubjectGroupClass> classes = groupClasses.list(parentId);
    for (Long classId : chosen.keySet()) {
      if (classes.stream().noneMatch(c -> Objects.equals(c.getId(), classId))) {
        throw SubjectException.onField("groups", "subject.group.invalid");
      }
    }
    for (SubjectGroupClass c : classes) {
      if (c.getStatus() != DesignStatus.AVAILABLE
          || c.getAssignment() == SubjectGroupClass.Assignment.NOT_USED) {
        continue;
      }
      Long groupId = chosen.get(c.getId());
      if (groupId == null) {
        if (c.getAssignment() == SubjectGroupClass.Assignment.REQUIRED) {
          throw SubjectException.onField("groups", "subject.group.required", c.getName());
        }
        continue;
      }
      if (c.getGroups().stream().map(SubjectGroup::getId).noneMatch(groupId::equals)) {
        throw SubjectException.onField("groups", "subject.group.invalid");
      }
      result.put(c.getId(), groupId);
    }
    return result;
  }

  /** A code typed by a user: folded to half-width, without markup or control characters. */
  private String code(String field, String raw, int max, boolean required) {
    String v = normaliser.normalise(raw, InputKind.CODE);
    if (v == null || v.isEmpty()) {
      if (required) {
        throw SubjectException.onField(field, "subject.field.required");
      }
      return null;
    }
    if (v.indexOf('<') >= 0 || v.indexOf('>') >= 0) {
      throw SubjectException.onField(field, "subject.field.markup");
    }
    if (v.codePoints().anyMatch(Character::isISOControl)) {
      throw SubjectException.onField(field, "subject.field.control");
    }
    if (v.codePointCount(0, v.length()) > max) {
      throw SubjectException.onField(field, "subject.field.tooLong", max);
    }
    return v;
  }

  private String currentGroups(long studySubjectId) {
    Map<Long, Long> m = new java.util.TreeMap<>();
    groupsOf(studySubjectId).forEach(a -> m.put(a.getGroupClassId(), a.getGroupId()));
    return m.toString();
  }

  private static AuditEvent statusEvent(
      String action, StudySubject s, SubjectStatus before, String reason, String actor) {
    return AuditEvent.of(action, ENTITY, s.getId())
        .withActor(actor)
        .withStudyId(s.getParentStudyId())
        .withOldValue(before.code())
        .withNewValue(s.getStatus().code())
        .withReason(reason.strip());
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw SubjectException.onField("reason", "subject.reason.required");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
