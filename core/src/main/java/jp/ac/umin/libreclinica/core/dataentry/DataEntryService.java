package jp.ac.umin.libreclinica.core.dataentry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditContext;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionStatus;
import jp.ac.umin.libreclinica.core.crf.CrfVersionSummary;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.DesignStatus;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventLockChanged;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectDataChanged;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.signature.ReauthenticationService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.Item;
import jp.ac.umin.libreclinica.core.crf.ItemRepository;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Entering item values into event CRFs. A save is all or nothing: every value is checked
 * first ({@link ItemValueValidator}), and a save based on values someone else has changed
 * meanwhile is refused, naming those items, instead of overwriting them. Every changed value
 * is in the audit trail with its old and new value, who, when and why.
 */
@Service
@Transactional(readOnly = true)
public class DataEntryService {

  private final EventCrfRepository eventCrfs;
  private final ItemDataRepository itemData;
  private final ItemRepository items;
  private final CrfService crfs;
  private final ItemValueValidator validator;
  private final AuthorizationService authorization;
  private final StudyService studies;
  private final AuditService audit;
  private final EntityManager entityManager;
  private final Clock clock;
  private final EventDefinitionService definitions;
  private final StudyEventService studyEvents;
  private final SubjectService subjects;
  private final ApplicationEventPublisher publisher;
  private final ObjectProvider<ReauthenticationService> reauthentication;
  private DataEntryNotes notes;
  private List<DataChangeListener> changeListeners = List.of();
  private final ItemCalculator calculator = new ItemCalculator();

  public DataEntryService(
      EventCrfRepository eventCrfs,
      ItemDataRepository itemData,
      ItemRepository items,
      CrfService crfs,
      ItemValueValidator validator,
      AuthorizationService authorization,
      StudyService studies,
      AuditService audit,
      EntityManager entityManager,
      Clock clock,
      EventDefinitionService definitions,
      StudyEventService studyEvents,
      SubjectService subjects,
      ApplicationEventPublisher publisher,
      ObjectProvider<ReauthenticationService> reauthentication) {
    this.eventCrfs = eventCrfs;
    this.itemData = itemData;
    this.items = items;
    this.crfs = crfs;
    this.validator = validator;
    this.authorization = authorization;
    this.studies = studies;
    this.audit = audit;
    this.entityManager = entityManager;
    this.clock = clock;
    this.definitions = definitions;
    this.studyEvents = studyEvents;
    this.subjects = subjects;
    this.publisher = publisher;
    this.reauthentication = reauthentication;
  }

  /**
   * The CRFs of a subject's event, as the site sees them (CRFs hidden from the site are left
   * out), with the version to enter data in and the event CRF if started.
   */
  public List<EventForm> formsOfEvent(String actor, long studyEventId) {
    StudyEvent event = studyEvents.get(studyEventId);
    StudySubject subject = subjects.get(event.getStudySubjectId());
    authorization.require(actor, subject.getStudyId(), Permission.VIEW_STUDY);
    boolean atSite = subject.getStudyId() != subject.getParentStudyId();
    Map<Long, EventCrf> started =
        eventCrfs.findByStudyEventId(studyEventId).stream()
            .collect(Collectors.toMap(EventCrf::getCrfId, Function.identity()));
    List<EventForm> forms = new ArrayList<>();
    for (EventDefinitionCrf row : definitions.crfsOf(event.getEventDefinitionId())) {
      if (row.getStatus() != DesignStatus.AVAILABLE) {
        continue;
      }
      CrfParameters p = definitions.effectiveParameters(subject.getStudyId(), row.getId());
      EventCrf e = started.get(row.getCrfId());
      if (atSite && p.isHideFromSites() && e == null) {
        continue;
      }
      Long version = e != null ? Long.valueOf(e.getCrfVersionId()) : versionToUse(row.getCrfId(), p);
      if (version == null) {
        continue;
      }
      forms.add(new EventForm(row.getCrfId(), crfs.summary(row.getCrfId()).name(), version,
          p.isRequired(), e == null ? null : e.getId(), e == null ? null : e.getStatus()));
    }
    return forms;
  }

  /**
   * Starts (or reopens) data entry of a CRF in a subject's event; the site and the allowed
   * version come from the event, never from the request.
   */
  @Transactional
  public EventCrf startForEvent(String actor, long studyEventId, long crfVersionId) {
    StudyEvent event = studyEvents.get(studyEventId);
    StudySubject subject = subjects.get(event.getStudySubjectId());
    boolean offered =
        formsOfEvent(actor, studyEventId).stream().anyMatch(f -> f.crfVersionId() == crfVersionId);
    if (!offered) {
      throw new DataEntryException("dataentry.start.notOffered");
    }
    EventCrf e = start(actor, studyEventId, subject.getStudyId(), crfVersionId);
    if (event.getStatus() == SubjectEventStatus.SCHEDULED) {
      studyEvents.followDataEntry(studyEventId, SubjectEventStatus.DATA_ENTRY_STARTED, actor);
    }
    return e;
  }

  private Long versionToUse(long crfId, CrfParameters p) {
    List<Long> allowed = p.getAllowedVersionIds();
    if (p.getDefaultVersionId() != null
        && (allowed.isEmpty() || allowed.contains(p.getDefaultVersionId()))) {
      return p.getDefaultVersionId();
    }
    Long latest = null;
    for (CrfVersionSummary v : crfs.versionsOf(crfId)) {
      if (v.status() == CrfVersionStatus.AVAILABLE && (allowed.isEmpty() || allowed.contains(v.id()))) {
        latest = v.id();
      }
    }
    return latest;
  }

  /**
   * Starts (or reopens) the event CRF of a CRF in a subject's event. If data of another version
   * of the same CRF is already there, the start is refused: one event never holds two event
   * CRFs of one CRF.
   */
  @Transactional
  public EventCrf start(String actor, long studyEventId, long studyId, long crfVersionId) {
    requireEntry(actor, studyId);
    requireEventOpen(studyEventId);
    CrfVersionDetail version = crfs.getVersion(crfVersionId);
    long crfId = version.version().crfId();
    EventCrf existing = eventCrfs.findByStudyEventIdAndCrfId(studyEventId, crfId).orElse(null);
    if (existing != null) {
      if (existing.getCrfVersionId() != crfVersionId) {
        throw new DataEntryException("dataentry.start.otherVersion", version.crfName());
      }
      return existing;
    }
    EventCrf created = new EventCrf(studyEventId, crfId, crfVersionId, studyId, actor, clock.instant());
    try {
      eventCrfs.saveAndFlush(created);
    } catch (DataIntegrityViolationException raced) {
      throw new DataEntryException("dataentry.start.otherVersion", version.crfName());
    }
    audit.record(
        AuditEvent.of("eventcrf.start", "EventCrf", created.getId())
            .withActor(actor)
            .withStudyId(rootOf(studyId))
            .withNewValue("studyEvent=" + studyEventId + ", crfVersion=" + version.version().oid()));
    changed(studyEventId, actor, "eventcrf.start");
    return created;
  }

  /** An event CRF the user may see. */
  public EventCrf get(String actor, long eventCrfId) {
    EventCrf e = load(eventCrfId);
    authorization.require(actor, e.getStudyId(), Permission.VIEW_STUDY);
    return e;
  }

  /** The stored values of an event CRF, by item name and row. */
  public Map<ItemKey, ItemData> values(String actor, long eventCrfId) {
    EventCrf e = get(actor, eventCrfId);
    Map<Long, String> names = itemNames(e.getCrfId());
    Map<ItemKey, ItemData> result = new LinkedHashMap<>();
    for (ItemData d : itemData.findByEventCrfId(eventCrfId)) {
      result.put(new ItemKey(names.get(d.getItemId()), d.getOrdinal()), d);
    }
    return result;
  }

  /**
   * Saves typed values. {@code seenVersions} are the versions of the stored values the user's
   * form was built from (absent: the user saw no value); a value changed since is a conflict.
   * After completion, changes are administrative editing and need a reason when the study
   * says so.
   */
  @Transactional
  public SaveResult save(
      String actor,
      long eventCrfId,
      Map<ItemKey, String> typed,
      Map<ItemKey, Long> seenVersions,
      String reasonForChange) {
    return save(actor, eventCrfId, typed, seenVersions, reasonForChange, Map.of());
  }

  /**
   * As {@link #save(String, long, Map, Map, String)}; a value that fails only the CRF's edit
   * check is saved when {@code validationNotes} holds a note for it, and a failed validation
   * check note is raised with that text (LibreClinica's "save with a discrepancy note").
   */
  @Transactional
  public SaveResult save(
      String actor,
      long eventCrfId,
      Map<ItemKey, String> typed,
      Map<ItemKey, Long> seenVersions,
      String reasonForChange,
      Map<ItemKey, String> validationNotes) {
    EventCrf e = load(eventCrfId);
    Study where = requireEntry(actor, e.getStudyId());
    requireOpen(e);
    requireOpenCasebook(e);
    if (e.getStatus().inSecondEntry()) {
      throw new DataEntryException("dataentry.dde.firstPassClosed");
    }
    if (!e.getStatus().acceptsChanges()) {
      throw new DataEntryException("dataentry.save.closed", e.getStatus().code());
    }
    boolean administrative = e.getStatus() == EventCrfStatus.DATA_ENTRY_COMPLETE;
    if (administrative) {
      authorization.require(actor, e.getStudyId(), Permission.ADMINISTRATIVE_EDITING);
    }
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<String, ItemDefinition> definitions =
        version.definition().items().stream()
            .collect(Collectors.toMap(ItemDefinition::name, Function.identity(), (a, b) -> a));
    List<Item> crfItems = items.findByCrfId(e.getCrfId());
    Map<String, Long> itemIds = crfItems.stream().collect(Collectors.toMap(Item::getName, Item::getId));
    Map<String, GroupDefinition> groups =
        version.definition().groups().stream()
            .collect(Collectors.toMap(GroupDefinition::label, Function.identity(), (a, b) -> a));
    for (ItemKey key : typed.keySet()) {
      ItemDefinition d = definitions.get(key.itemName());
      if (d == null || !itemIds.containsKey(key.itemName())) {
        throw new DataEntryException("dataentry.item.unknown", key.itemName());
      }
      GroupDefinition g = d.groupLabel() == null ? null : groups.get(d.groupLabel());
      int maxRows = g != null && g.repeatMax() > 1 ? g.repeatMax() : 1;
      if (key.ordinal() < 1 || key.ordinal() > maxRows) {
        throw new DataEntryException("dataentry.item.noSuchRow", key.itemName(), key.ordinal());
      }
    }
    // calculated items are computed below and files are uploaded (ItemFileService): a value
    // typed (or forged) for them is ignored
    typed = new LinkedHashMap<>(typed);
    typed.keySet().removeIf(k -> ItemCalculator.isCalculated(definitions.get(k.itemName()))
        || definitions.get(k.itemName()).responseType() == jp.ac.umin.libreclinica.core.crf.definition.ResponseType.FILE);
    Map<Long, String> names = crfItems.stream().collect(Collectors.toMap(Item::getId, Item::getName));
    Map<ItemKey, ItemData> stored = new HashMap<>();
    for (ItemData d : itemData.findByEventCrfId(eventCrfId)) {
      stored.put(new ItemKey(names.get(d.getItemId()), d.getOrdinal()), d);
    }
    List<ItemKey> conflicts = new ArrayList<>();
    for (Map.Entry<ItemKey, ItemData> s : stored.entrySet()) {
      Long seen = seenVersions.get(s.getKey());
      if (seen == null || seen != s.getValue().getVersion()) {
        conflicts.add(s.getKey());
      }
    }
    if (!conflicts.isEmpty()) {
      conflicts.sort((a, b) -> a.itemName().equals(b.itemName())
          ? Integer.compare(a.ordinal(), b.ordinal()) : a.itemName().compareTo(b.itemName()));
      return new SaveResult(SaveResult.Outcome.CONFLICT, e, 0, Map.of(), conflicts);
    }
    Map<ItemKey, ValueProblem> problems = new LinkedHashMap<>();
    Map<ItemKey, String> canonical = new LinkedHashMap<>();
    Map<ItemKey, String> overridden = new LinkedHashMap<>();
    for (Map.Entry<ItemKey, String> t : typed.entrySet()) {
      ItemDefinition d = definitions.get(t.getKey().itemName());
      // a save may be partial: required items are checked when the CRF is marked complete
      ValueCheck check = validator.check(d, t.getValue(), false);
      String override = validationNotes.get(t.getKey());
      if (check.isOk()) {
        canonical.put(t.getKey(), check.canonical());
      } else if (check.overridable() && stored.containsKey(t.getKey())
          && check.canonical().equals(stored.get(t.getKey()).getValue())) {
        // a value saved earlier past its edit check (with its note) stays as it is
        canonical.put(t.getKey(), check.canonical());
      } else if (check.overridable() && override != null && !override.isBlank()) {
        canonical.put(t.getKey(), check.canonical());
        overridden.put(t.getKey(), override);
      } else {
        problems.put(t.getKey(), check.problem());
      }
    }
    if (!problems.isEmpty()) {
      return new SaveResult(SaveResult.Outcome.INVALID, e, 0, problems, List.of());
    }
    addCalculated(version, stored, canonical);
    Instant now = clock.instant();
    boolean reasonNeeded =
        administrative && where.getParameters().isAdminForcedReasonForChange();
    // the changed rows are written with one flush and audited with one batch (a save of a
    // 100-item CRF would otherwise run several statements per value)
    List<ItemKey> changedKeys = new ArrayList<>();
    List<ItemData> changedRows = new ArrayList<>();
    List<String> oldValues = new ArrayList<>();
    for (Map.Entry<ItemKey, String> c : canonical.entrySet()) {
      ItemData current = stored.get(c.getKey());
      String old = current == null ? "" : current.getValue();
      if (Objects.equals(old, c.getValue())) {
        continue;
      }
      if (reasonNeeded && (reasonForChange == null || reasonForChange.isBlank())) {
        throw new DataEntryException("dataentry.save.reasonRequired");
      }
      ItemData row;
      if (current == null) {
        row = itemData.save(
            new ItemData(eventCrfId, itemIds.get(c.getKey().itemName()), c.getKey().ordinal(), c.getValue(), actor, now));
      } else {
        current.change(c.getValue(), actor, now);
        row = current;
      }
      changedKeys.add(c.getKey());
      changedRows.add(row);
      oldValues.add(old);
    }
    int changed = changedRows.size();
    if (changed > 0) {
      itemData.flush();
      Long subjectId = null;
      if (studyEvents.exists(e.getStudyEventId())) {
        subjectId = studyEvents.get(e.getStudyEventId()).getStudySubjectId();
      }
      String reason = reasonForChange == null || reasonForChange.isBlank() ? null : reasonForChange;
      long root = rootOf(e.getStudyId());
      List<AuditEvent> records = new ArrayList<>(changed);
      for (int i = 0; i < changed; i++) {
        ItemData row = changedRows.get(i);
        AuditEvent record =
            AuditEvent.of(administrative ? "item.value.administrative" : "item.value", "ItemData", row.getId())
                .withActor(actor)
                .withStudyId(root)
                .withOldValue(oldValues.get(i))
                .withNewValue(row.getValue())
                .withReason(reason);
        if (subjectId != null) {
          record = record.withContext(new AuditContext(subjectId, e.getStudyEventId(), eventCrfId,
              e.getCrfVersionId(), row.getItemId(), row.getOrdinal()));
        }
        records.add(record);
      }
      audit.recordAll(records);
      if (administrative && reason != null && notes != null) {
        changedKeys.forEach(key -> notes.reasonForChange(actor, eventCrfId, key, reasonForChange));
      }
    }
    if (notes != null) {
      overridden.forEach((key, note) -> notes.failedValidationCheck(actor, eventCrfId, key, note));
    }
    if (changed > 0) {
      entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
      changed(e.getStudyEventId(), actor, "item.value");
      changeListeners.forEach(l -> l.valuesChanged(actor, e));
    }
    return new SaveResult(SaveResult.Outcome.SAVED, e, changed, Map.of(), List.of());
  }

  /** Stores one value of the first pass: a new row, or the stored one changed. */
  private ItemData put(EventCrf e, ItemData current, long itemId, ItemKey key, String value, String actor, Instant now) {
    ItemData row;
    if (current == null) {
      row = new ItemData(e.getId(), itemId, key.ordinal(), value, actor, now);
      itemData.save(row);
    } else {
      current.change(value, actor, now);
      row = current;
    }
    itemData.flush();
    return row;
  }

  /** The reason the audit trail gives for values set by reconciling double data entry. */
  static final String RECONCILIATION = "double data entry reconciliation";

  /**
   * Double data entry: stores the reconciled values in the first pass (with the calculated items
   * they change), each change audited as {@code item.value} with the reason {@link
   * #RECONCILIATION}. The caller ({@link DoubleDataEntryService}) has checked rights and status.
   * Returns the stored rows by item.
   */
  Map<ItemKey, ItemData> applyReconciled(String actor, EventCrf e, Map<ItemKey, String> values) {
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<String, Long> itemIds = itemIds(e.getCrfId());
    Map<Long, String> names = itemNames(e.getCrfId());
    Map<ItemKey, ItemData> stored = new HashMap<>();
    for (ItemData d : itemData.findByEventCrfId(e.getId())) {
      stored.put(new ItemKey(names.get(d.getItemId()), d.getOrdinal()), d);
    }
    Map<ItemKey, String> canonical = new LinkedHashMap<>(values);
    addCalculated(version, stored, canonical);
    Instant now = clock.instant();
    int changed = 0;
    for (Map.Entry<ItemKey, String> c : canonical.entrySet()) {
      ItemData current = stored.get(c.getKey());
      String old = current == null ? "" : current.getValue();
      if (Objects.equals(old, c.getValue())) {
        continue;
      }
      ItemData row = put(e, current, itemIds.get(c.getKey().itemName()), c.getKey(), c.getValue(), actor, now);
      stored.put(c.getKey(), row);
      changed++;
      audit.record(
          AuditEvent.of("item.value", "ItemData", row.getId())
              .withActor(actor)
              .withStudyId(rootOf(e.getStudyId()))
              .withOldValue(old)
              .withNewValue(c.getValue())
              .withReason(RECONCILIATION));
    }
    if (changed > 0) {
      changed(e.getStudyEventId(), actor, "item.value");
      changeListeners.forEach(l -> l.valuesChanged(actor, e));
    }
    return stored;
  }

  /** Connects the discrepancy notes a save raises (optional; see {@link DataEntryNotes}). */
  @Autowired(required = false)
  void setNotes(DataEntryNotes notes) {
    this.notes = notes;
  }

  /** Connects who must hear of changed values (SDV, signatures); see {@link DataChangeListener}. */
  @Autowired(required = false)
  void setChangeListeners(List<DataChangeListener> listeners) {
    this.changeListeners = List.copyOf(listeners);
  }

  /** Adds the recomputed values of calculated items to the values to store. */
  private void addCalculated(
      CrfVersionDetail version, Map<ItemKey, ItemData> stored, Map<ItemKey, String> canonical) {
    Map<ItemKey, String> after = new LinkedHashMap<>();
    stored.forEach((k, d) -> after.put(k, d.getValue()));
    after.putAll(canonical);
    canonical.putAll(calculator.compute(version.definition(), after));
  }

  /** Marks the CRF complete; every required item must have a value. */
  @Transactional
  public EventCrf markComplete(String actor, long eventCrfId) {
    return markComplete(actor, eventCrfId, null);
  }

  /**
   * Marks the CRF complete; every required item must have a value, and where the event
   * definition says "password required" (electronic signature on completion) the user proves
   * presence with {@code password} (a wrong one counts towards the account's lockout).
   */
  @Transactional
  public EventCrf markComplete(String actor, long eventCrfId, String password) {
    EventCrf e = load(eventCrfId);
    requireEntry(actor, e.getStudyId());
    requireOpen(e);
    requireOpenCasebook(e);
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<Long, String> names = itemNames(e.getCrfId());
    Map<String, String> firstRow = new HashMap<>();
    for (ItemData d : itemData.findByEventCrfId(eventCrfId)) {
      if (d.getOrdinal() == 1) {
        firstRow.put(names.get(d.getItemId()), d.getValue());
      }
    }
    List<String> missing =
        version.definition().items().stream()
            .filter(d -> d.required() && !d.hidden() && d.conditionalDisplay() == null)
            .map(ItemDefinition::name)
            .filter(n -> firstRow.getOrDefault(n, "").isEmpty())
            .toList();
    if (!missing.isEmpty()) {
      throw new DataEntryException("dataentry.complete.requiredMissing", String.join(", ", missing));
    }
    boolean passwordRequired = passwordRequiredOnCompletion(e);
    if (passwordRequired) {
      reauthentication.getObject().requirePresence(actor, password);
    }
    if (e.getStatus() == EventCrfStatus.INITIAL_DATA_ENTRY && isDoubleDataEntry(e)) {
      // the first pass of double data entry is complete; the CRF (and its event) are complete
      // only when a second user's blind pass agrees with it
      e.completeInitialEntry(actor, clock.instant());
      entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
      audit.record(
          AuditEvent.of("eventcrf.initialComplete", "EventCrf", e.getId())
              .withActor(actor)
              .withStudyId(rootOf(e.getStudyId()))
              .withOldValue(EventCrfStatus.INITIAL_DATA_ENTRY.code())
              .withNewValue(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE.code())
              .withReason(passwordRequired ? "password confirmed" : null));
      changed(e.getStudyEventId(), actor, "eventcrf.initialComplete");
      return e;
    }
    e.complete(actor, clock.instant());
    entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    audit.record(
        AuditEvent.of("eventcrf.complete", "EventCrf", e.getId())
            .withActor(actor)
            .withStudyId(rootOf(e.getStudyId()))
            .withOldValue(EventCrfStatus.INITIAL_DATA_ENTRY.code())
            .withNewValue(EventCrfStatus.DATA_ENTRY_COMPLETE.code())
            .withReason(passwordRequired ? "password confirmed" : null));
    changed(e.getStudyEventId(), actor, "eventcrf.complete");
    completeEventIfDone(actor, e.getStudyEventId());
    return e;
  }

  /**
   * Whether this event CRF is entered twice (double data entry): the event definition CRF's
   * setting as the CRF's site sees it (a site may override it).
   */
  public boolean isDoubleDataEntry(EventCrf e) {
    if (!studyEvents.exists(e.getStudyEventId())) {
      return false;
    }
    StudyEvent event = studyEvents.get(e.getStudyEventId());
    return definitions.crfsOf(event.getEventDefinitionId()).stream()
        .filter(row -> row.getCrfId() == e.getCrfId())
        .findFirst()
        .map(row -> definitions.effectiveParameters(e.getStudyId(), row.getId()).isDoubleDataEntry())
        .orElse(false);
  }

  /**
   * Whether completing this event CRF needs the user's password (the event definition CRF's
   * "password required", as the site sees it).
   */
  public boolean passwordRequiredOnCompletion(EventCrf e) {
    if (!studyEvents.exists(e.getStudyEventId())) {
      return false;
    }
    StudyEvent event = studyEvents.get(e.getStudyEventId());
    return definitions.crfsOf(event.getEventDefinitionId()).stream()
        .filter(row -> row.getCrfId() == e.getCrfId())
        .findFirst()
        .map(row -> definitions.effectiveParameters(e.getStudyId(), row.getId()).isElectronicSignature())
        .orElse(false);
  }

  // ---------------------------------------------------------------- locks

  /**
   * Locks one event CRF: its values can no longer change until it is unlocked. Needs {@link
   * Permission#LOCK_DATA}; allowed while the study is available or frozen.
   */
  @Transactional
  public EventCrf lock(String actor, long eventCrfId, String reason) {
    EventCrf e = load(eventCrfId);
    requireLocker(actor, e);
    requireEventOpen(e.getStudyEventId());
    EventCrfStatus before = e.getStatus();
    e.lock(EventCrf.LOCKED_BY_ITSELF);
    entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    audit.record(lockEvent("eventcrf.lock", e, before, reason, actor));
    return e;
  }

  /** Unlocks an event CRF locked by itself; one locked with its event is unlocked with it. */
  @Transactional
  public EventCrf unlock(String actor, long eventCrfId, String reason) {
    EventCrf e = load(eventCrfId);
    requireLocker(actor, e);
    if (e.getStatus() == EventCrfStatus.LOCKED && !EventCrf.LOCKED_BY_ITSELF.equals(e.getLockedWith())) {
      throw new DataEntryException(
          "casebook".equals(e.getLockedWith()) ? "dataentry.locked.casebook" : "dataentry.locked.event");
    }
    EventCrfStatus before = e.getStatus();
    e.unlock();
    entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    audit.record(lockEvent("eventcrf.unlock", e, before, reason, actor));
    return e;
  }

  /** An event's CRFs are locked with it, and released by the unlock of the same origin. */
  @EventListener
  @Transactional
  public void onEventLockChanged(EventLockChanged change) {
    for (EventCrf e : eventCrfs.findByStudyEventId(change.studyEventId())) {
      EventCrfStatus before = e.getStatus();
      if (change.locked()) {
        if (before == EventCrfStatus.LOCKED
            || before == EventCrfStatus.REMOVED
            || before == EventCrfStatus.AUTO_REMOVED) {
          continue;
        }
        e.lock(change.origin());
        audit.record(lockEvent("eventcrf.lock", e, before, null, change.actor()));
      } else if (before == EventCrfStatus.LOCKED && change.origin().equals(e.getLockedWith())) {
        e.unlock();
        audit.record(lockEvent("eventcrf.unlock", e, before, null, change.actor()));
      }
    }
  }

  private void requireLocker(String actor, EventCrf e) {
    authorization.require(actor, e.getStudyId(), Permission.LOCK_DATA);
    studies.requireAllowed(studies.get(e.getStudyId()), StudyOperation.REVIEW_DATA);
    if (studyEvents.exists(e.getStudyEventId())) {
      subjects.requireCasebookOpen(subjects.get(studyEvents.get(e.getStudyEventId()).getStudySubjectId()));
    }
  }

  /** Refuses a change to a locked event CRF, or one of a locked event or casebook. */
  private void requireOpen(EventCrf e) {
    if (e.getStatus() == EventCrfStatus.LOCKED) {
      throw new DataEntryException(
          "casebook".equals(e.getLockedWith())
              ? "dataentry.locked.casebook"
              : "event".equals(e.getLockedWith()) ? "dataentry.locked.event" : "dataentry.locked.eventCrf");
    }
    requireEventOpen(e.getStudyEventId());
  }

  private void requireEventOpen(long studyEventId) {
    if (!studyEvents.exists(studyEventId)) {
      return;
    }
    StudyEvent event = studyEvents.get(studyEventId);
    StudySubject subject = subjects.get(event.getStudySubjectId());
    if (subject.isCasebookLocked()) {
      throw new DataEntryException("dataentry.locked.casebook");
    }
    if (event.getStatus() == SubjectEventStatus.LOCKED) {
      throw new DataEntryException("dataentry.locked.event");
    }
  }

  private void changed(long studyEventId, String actor, String what) {
    if (studyEvents.exists(studyEventId)) {
      publisher.publishEvent(
          new SubjectDataChanged(studyEvents.get(studyEventId).getStudySubjectId(), actor, what));
    }
  }

  private AuditEvent lockEvent(String action, EventCrf e, EventCrfStatus before, String reason, String actor) {
    return AuditEvent.of(action, "EventCrf", e.getId())
        .withActor(actor)
        .withStudyId(rootOf(e.getStudyId()))
        .withOldValue(before.code())
        .withNewValue(e.getStatus().code() + (e.getLockedWith() == null ? "" : " (with " + e.getLockedWith() + ")"))
        .withReason(reason == null || reason.isBlank() ? null : reason.strip());
  }

  /**
   * Refuses a change of data by {@code actor} in this event CRF: data entry rights at its site,
   * the study open for data entry, nothing locked or removed. For {@link DoubleDataEntryService}.
   */
  void requireWritable(String actor, EventCrf e) {
    requireEntry(actor, e.getStudyId());
    requireOpen(e);
    requireOpenCasebook(e);
  }

  /** Tells the subject's casebook that its data changed (for {@link DoubleDataEntryService}). */
  void announceChange(EventCrf e, String actor, String what) {
    changed(e.getStudyEventId(), actor, what);
  }

  /** The top-level study an audit record of this study or site belongs to. */
  long rootStudyOf(long studyId) {
    return rootOf(studyId);
  }

  /** The subject's event is completed when every required CRF of it is complete. */
  void completeEventIfDone(String actor, long studyEventId) {
    if (!studyEvents.exists(studyEventId)) {
      return;
    }
    boolean done =
        formsOfEvent(actor, studyEventId).stream()
            .allMatch(f -> !f.required() || f.status() == EventCrfStatus.DATA_ENTRY_COMPLETE);
    if (done) {
      studyEvents.followDataEntry(studyEventId, SubjectEventStatus.COMPLETED, actor);
    }
  }

  private Study requireEntry(String actor, long studyId) {
    authorization.require(actor, studyId, Permission.ENTER_DATA);
    Study where = studies.get(studyId);
    studies.requireAllowed(where, StudyOperation.ENTER_DATA);
    return where;
  }

  /**
   * Data of a removed subject, of a removed event or of a locked event is not changed, whatever
   * channel asks (a stale page, the API, an import).
   */
  private void requireOpenCasebook(EventCrf e) {
    if (!studyEvents.exists(e.getStudyEventId())) {
      return;
    }
    StudyEvent event = studyEvents.get(e.getStudyEventId());
    StudySubject subject = subjects.get(event.getStudySubjectId());
    if (subject.getStatus().isRemoved()) {
      throw new DataEntryException("dataentry.save.subjectRemoved", subject.getLabel());
    }
    if (event.getRemoval().isRemoved()) {
      throw new DataEntryException("dataentry.save.eventRemoved");
    }
    // a locked event or casebook is refused by requireOpen, which runs first
  }

  private EventCrf load(long id) {
    return eventCrfs.findById(id).orElseThrow(() -> new DataEntryException("dataentry.notFound", id));
  }

  private long rootOf(long studyId) {
    Study s = studies.get(studyId);
    return s.isSite() ? s.getParent().getId() : s.getId();
  }

  Map<String, Long> itemIds(long crfId) {
    return items.findByCrfId(crfId).stream().collect(Collectors.toMap(Item::getName, Item::getId));
  }

  Map<Long, String> itemNames(long crfId) {
    return items.findByCrfId(crfId).stream().collect(Collectors.toMap(Item::getId, Item::getName));
  }
}
