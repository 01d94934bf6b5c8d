package jp.ac.umin.libreclinica.core.dataentry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.signature.ReauthenticationService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double data entry (LibreClinica's DDE). For a CRF so configured (the event definition CRF's
 * "double data entry", as its site sees it), marking the first pass complete leaves the CRF
 * "initial data entry completed". A different user then enters the CRF again without seeing the
 * first values; that second pass is kept apart ({@link SecondEntryValue}) and compared item by
 * item (row by row in repeating groups) with the first. The second user settles each mismatch
 * (keep the first value, take the second, or type a corrected one) and, once both passes agree
 * everywhere, completes the CRF. Every value and every resolution is audited; nothing of either
 * pass is overwritten without a record.
 *
 * <p>Who counts as the first user: whoever started the event CRF, stored one of its values
 * before the first pass was complete, or completed it. LibreClinica lets that user do the second
 * pass as well once a configurable time (12 hours) has passed; here a different user always does
 * it.
 *
 * <p>Calculated items are computed from the reconciled values and file items keep the first
 * pass's file; neither is entered twice.
 */
@Service
@Transactional(readOnly = true)
public class DoubleDataEntryService {

  private final EventCrfRepository eventCrfs;
  private final ItemDataRepository itemData;
  private final SecondEntryValueRepository secondValues;
  private final CrfService crfs;
  private final ItemValueValidator validator;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final EntityManager entityManager;
  private final Clock clock;
  private final DataEntryService entry;
  private final ObjectProvider<ReauthenticationService> reauthentication;

  public DoubleDataEntryService(
      EventCrfRepository eventCrfs,
      ItemDataRepository itemData,
      SecondEntryValueRepository secondValues,
      CrfService crfs,
      ItemValueValidator validator,
      AuthorizationService authorization,
      AuditService audit,
      EntityManager entityManager,
      Clock clock,
      DataEntryService entry,
      ObjectProvider<ReauthenticationService> reauthentication) {
    this.eventCrfs = eventCrfs;
    this.itemData = itemData;
    this.secondValues = secondValues;
    this.crfs = crfs;
    this.validator = validator;
    this.authorization = authorization;
    this.audit = audit;
    this.entityManager = entityManager;
    this.clock = clock;
    this.entry = entry;
    this.reauthentication = reauthentication;
  }

  /**
   * Whether {@code actor} may do (or continue) the second pass of this event CRF now: it waits
   * for it, the user may enter data at its site, and did not enter the first pass. For pages;
   * the service methods check the same and say why not.
   */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public boolean maySecondEnter(String actor, long eventCrfId) {
    // outside a transaction: a refusal inside one of the checks must not mark the caller's
    // transaction rollback-only
    EventCrf e = load(eventCrfId);
    if (!e.getStatus().inSecondEntry() || !authorization.isPermitted(actor, e.getStudyId(), Permission.ENTER_DATA)) {
      return false;
    }
    try {
      requireSecondEntry(actor, e);
      return true;
    } catch (MessageKeyException | PermissionDeniedException refused) {
      return false;
    }
  }

  /** The values of the second pass so far, by item and row (never those of the first). */
  public Map<ItemKey, SecondEntryValue> secondValues(String actor, long eventCrfId) {
    EventCrf e = load(eventCrfId);
    requireSecondEntry(actor, e);
    return secondOf(e);
  }

  /**
   * Saves values of the second pass. Checked as in the first pass ({@link ItemValueValidator});
   * a value that fails only the CRF's edit check is taken when the first pass saved the same
   * value past it (with its note). {@code seenVersions} are the versions of the second-pass
   * values the user's form was built from: a value another user saved since is a conflict, and
   * nothing is stored. The first save moves the CRF to "double data entry".
   */
  @Transactional
  public SecondEntryResult save(
      String actor, long eventCrfId, Map<ItemKey, String> typed, Map<ItemKey, Long> seenVersions) {
    EventCrf e = lockForUpdate(eventCrfId);
    requireSecondEntry(actor, e);
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<String, ItemDefinition> definitions = definitions(version);
    Map<String, Long> itemIds = entry.itemIds(e.getCrfId());
    requireItemsOfCrf(version, definitions, itemIds, typed.keySet());
    Map<ItemKey, String> entered = new LinkedHashMap<>(typed);
    entered.keySet().removeIf(k -> !enteredTwice(definitions.get(k.itemName())));
    Map<ItemKey, SecondEntryValue> second = secondOf(e);
    Map<ItemKey, ItemData> first = firstOf(e);
    List<ItemKey> conflicts = new ArrayList<>();
    for (Map.Entry<ItemKey, SecondEntryValue> s : second.entrySet()) {
      Long seen = seenVersions.get(s.getKey());
      if (seen == null || seen != s.getValue().getVersion()) {
        conflicts.add(s.getKey());
      }
    }
    if (!conflicts.isEmpty()) {
      conflicts.sort(byItemAndRow());
      return new SecondEntryResult(SaveResult.Outcome.CONFLICT, 0, Map.of(), conflicts, List.of());
    }
    Map<ItemKey, ValueProblem> problems = new LinkedHashMap<>();
    Map<ItemKey, String> canonical = new LinkedHashMap<>();
    for (Map.Entry<ItemKey, String> t : entered.entrySet()) {
      ValueCheck check = validator.check(definitions.get(t.getKey().itemName()), t.getValue(), false);
      ItemData firstValue = first.get(t.getKey());
      if (check.isOk()) {
        canonical.put(t.getKey(), check.canonical());
      } else if (check.overridable() && firstValue != null && check.canonical().equals(firstValue.getValue())) {
        // the first pass saved this very value past its edit check, with a note
        canonical.put(t.getKey(), check.canonical());
      } else {
        problems.put(t.getKey(), check.problem());
      }
    }
    if (!problems.isEmpty()) {
      return new SecondEntryResult(SaveResult.Outcome.INVALID, 0, problems, List.of(), List.of());
    }
    Instant now = clock.instant();
    long root = entry.rootStudyOf(e.getStudyId());
    if (e.getStatus() == EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE) {
      e.startSecondEntry(actor, now);
      audit.record(
          AuditEvent.of("eventcrf.secondEntryStart", "EventCrf", e.getId())
              .withActor(actor)
              .withStudyId(root)
              .withOldValue(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE.code())
              .withNewValue(EventCrfStatus.DOUBLE_DATA_ENTRY.code()));
    }
    int changed = 0;
    for (Map.Entry<ItemKey, String> c : canonical.entrySet()) {
      SecondEntryValue current = second.get(c.getKey());
      String old = current == null ? "" : current.getValue();
      ItemData firstValue = first.get(c.getKey());
      boolean firstHasValue = firstValue != null && !firstValue.getValue().isEmpty();
      if (Objects.equals(old, c.getValue()) && (current != null || !firstHasValue)) {
        // unchanged; an empty field against an empty first value needs no row
        continue;
      }
      SecondEntryValue row;
      if (current == null) {
        row = new SecondEntryValue(e.getId(), itemIds.get(c.getKey().itemName()), c.getKey().ordinal(), c.getValue(), actor, now);
        secondValues.save(row);
      } else {
        current.enter(c.getValue(), actor, now);
        row = current;
      }
      secondValues.flush();
      changed++;
      audit.record(
          AuditEvent.of("item.value.secondEntry", "SecondEntryValue", row.getId())
              .withActor(actor)
              .withStudyId(root)
              .withOldValue(old)
              .withNewValue(c.getValue()));
    }
    entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    entry.announceChange(e, actor, "item.value.secondEntry");
    return new SecondEntryResult(SaveResult.Outcome.SAVED, changed, Map.of(), List.of(), mismatchesOf(e, version));
  }

  /**
   * The items where the two passes differ, in the CRF's order (row by row in repeating
   * groups). Shown only once the second pass has been saved: before that, it would show the
   * first values to the user who is to enter them blind.
   */
  public List<Mismatch> mismatches(String actor, long eventCrfId) {
    EventCrf e = load(eventCrfId);
    requireSecondEntry(actor, e);
    requireSecondPassSaved(e);
    return mismatchesOf(e, crfs.getVersion(e.getCrfVersionId()));
  }

  /**
   * Settles mismatching items. {@code seenVersions} are the versions of the second-pass values
   * the user's page showed (absent: none); when another user changed or settled one of them
   * meanwhile, nothing is stored and the items are named. An item that does not differ (or is
   * not an item of the CRF) is refused. A corrected value is checked as in data entry. Each
   * resolution is audited ({@code dde.keepFirst}, {@code dde.takeSecond}, {@code dde.corrected}),
   * and so is each first-pass value it changes ({@code item.value}), with the reason "double
   * data entry reconciliation".
   */
  @Transactional
  public SecondEntryResult resolve(
      String actor,
      long eventCrfId,
      Map<ItemKey, ItemResolution> resolutions,
      Map<ItemKey, Long> seenVersions) {
    EventCrf e = lockForUpdate(eventCrfId);
    requireSecondEntry(actor, e);
    requireSecondPassSaved(e);
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<String, ItemDefinition> definitions = definitions(version);
    requireItemsOfCrf(version, definitions, entry.itemIds(e.getCrfId()), resolutions.keySet());
    Map<ItemKey, SecondEntryValue> second = secondOf(e);
    List<ItemKey> conflicts = new ArrayList<>();
    for (ItemKey k : resolutions.keySet()) {
      SecondEntryValue s = second.get(k);
      Long now = s == null ? null : s.getVersion();
      if (!Objects.equals(now, seenVersions.get(k))) {
        conflicts.add(k);
      }
    }
    if (!conflicts.isEmpty()) {
      conflicts.sort(byItemAndRow());
      return new SecondEntryResult(SaveResult.Outcome.CONFLICT, 0, Map.of(), conflicts, List.of());
    }
    Map<ItemKey, Mismatch> open =
        mismatchesOf(e, version).stream().collect(Collectors.toMap(Mismatch::item, Function.identity()));
    for (ItemKey k : resolutions.keySet()) {
      if (!open.containsKey(k)) {
        throw new DataEntryException("dataentry.dde.notAMismatch", k.itemName(), k.ordinal());
      }
    }
    Map<ItemKey, ValueProblem> problems = new LinkedHashMap<>();
    Map<ItemKey, String> finals = new LinkedHashMap<>();
    for (Map.Entry<ItemKey, ItemResolution> r : resolutions.entrySet()) {
      Mismatch m = open.get(r.getKey());
      switch (r.getValue().how()) {
        case KEEP_FIRST -> finals.put(r.getKey(), m.first());
        case TAKE_SECOND -> finals.put(r.getKey(), m.second());
        case CORRECTED -> {
          ValueCheck check =
              validator.check(definitions.get(r.getKey().itemName()), r.getValue().corrected(), false);
          if (check.isOk()) {
            finals.put(r.getKey(), check.canonical());
          } else {
            problems.put(r.getKey(), check.problem());
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    if (!problems.isEmpty()) {
      return new SecondEntryResult(SaveResult.Outcome.INVALID, 0, problems, List.of(), List.of());
    }
    Map<ItemKey, String> firstChanges = new LinkedHashMap<>();
    finals.forEach((k, v) -> {
      if (!v.equals(open.get(k).first())) {
        firstChanges.put(k, v);
      }
    });
    if (!firstChanges.isEmpty()) {
      entry.applyReconciled(actor, e, firstChanges);
    }
    Map<String, Long> itemIds = entry.itemIds(e.getCrfId());
    Instant at = clock.instant();
    long root = entry.rootStudyOf(e.getStudyId());
    for (Map.Entry<ItemKey, String> f : finals.entrySet()) {
      Resolution how = resolutions.get(f.getKey()).how();
      SecondEntryValue row = second.get(f.getKey());
      String old = row == null ? "" : row.getValue();
      if (row == null) {
        row = new SecondEntryValue(e.getId(), itemIds.get(f.getKey().itemName()), f.getKey().ordinal(), f.getValue(), actor, at);
        row.resolve(how, f.getValue(), actor, at);
        secondValues.save(row);
      } else {
        row.resolve(how, f.getValue(), actor, at);
      }
      secondValues.flush();
      audit.record(
          AuditEvent.of(ACTIONS.get(how), "SecondEntryValue", row.getId())
              .withActor(actor)
              .withStudyId(root)
              .withOldValue("first: " + open.get(f.getKey()).first() + " / second: " + old)
              .withNewValue(f.getValue())
              .withReason(DataEntryService.RECONCILIATION));
    }
    entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    entry.announceChange(e, actor, "dde.resolve");
    return new SecondEntryResult(SaveResult.Outcome.SAVED, finals.size(), Map.of(), List.of(), mismatchesOf(e, version));
  }

  private static final Map<Resolution, String> ACTIONS =
      Map.of(Resolution.KEEP_FIRST, "dde.keepFirst", Resolution.TAKE_SECOND, "dde.takeSecond",
          Resolution.CORRECTED, "dde.corrected");

  /**
   * Completes double data entry: the two passes must agree on every item, and the required
   * items have values; where the event definition asks for the password on completion, the user
   * proves presence again. The CRF becomes "data entry complete" and its event follows.
   */
  @Transactional
  public EventCrf complete(String actor, long eventCrfId, String password) {
    EventCrf e = lockForUpdate(eventCrfId);
    requireSecondEntry(actor, e);
    requireSecondPassSaved(e);
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    List<Mismatch> left = mismatchesOf(e, version);
    if (!left.isEmpty()) {
      throw new DataEntryException("dataentry.dde.mismatchesLeft", left.size(),
          left.stream().map(m -> label(m.item())).collect(Collectors.joining(", ")));
    }
    Map<ItemKey, ItemData> first = firstOf(e);
    List<String> missing =
        version.definition().items().stream()
            .filter(d -> d.required() && !d.hidden() && d.conditionalDisplay() == null)
            .map(ItemDefinition::name)
            .filter(n -> {
              ItemData d = first.get(ItemKey.of(n));
              return d == null || d.getValue().isEmpty();
            })
            .toList();
    if (!missing.isEmpty()) {
      throw new DataEntryException("dataentry.complete.requiredMissing", String.join(", ", missing));
    }
    boolean passwordRequired = entry.passwordRequiredOnCompletion(e);
    if (passwordRequired) {
      reauthentication.getObject().requirePresence(actor, password);
    }
    e.completeSecondEntry(actor, clock.instant());
    entityManager.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    audit.record(
        AuditEvent.of("eventcrf.complete", "EventCrf", e.getId())
            .withActor(actor)
            .withStudyId(entry.rootStudyOf(e.getStudyId()))
            .withOldValue(EventCrfStatus.DOUBLE_DATA_ENTRY.code())
            .withNewValue(EventCrfStatus.DATA_ENTRY_COMPLETE.code())
            .withReason(passwordRequired ? "double data entry, password confirmed" : "double data entry"));
    entry.announceChange(e, actor, "eventcrf.complete");
    entry.completeEventIfDone(actor, e.getStudyEventId());
    return e;
  }

  // ---------------------------------------------------------------- rules

  /**
   * The second pass is open to {@code actor}: the CRF waits for it, the user may enter data at
   * its site (the study open, nothing locked or removed), and is not a first-pass user.
   */
  private void requireSecondEntry(String actor, EventCrf e) {
    entry.requireWritable(actor, e);
    if (!e.getStatus().inSecondEntry()) {
      throw new DataEntryException("dataentry.dde.notInSecondEntry", e.getStatus().code());
    }
    if (firstPassUsers(e).contains(actor)) {
      throw new DataEntryException("dataentry.dde.sameUser");
    }
  }

  private static void requireSecondPassSaved(EventCrf e) {
    if (e.getStatus() != EventCrfStatus.DOUBLE_DATA_ENTRY) {
      throw new DataEntryException("dataentry.dde.noSecondEntryYet");
    }
  }

  /** Whoever started the event CRF, stored a value of it before its first pass was complete, or completed that pass. */
  private Set<String> firstPassUsers(EventCrf e) {
    Set<String> users = new HashSet<>();
    users.add(e.getCreatedBy());
    if (e.getInitialCompletedBy() != null) {
      users.add(e.getInitialCompletedBy());
    }
    Instant completed = e.getInitialCompletedAt();
    for (ItemData d : itemData.findByEventCrfId(e.getId())) {
      if (completed == null || !d.getUpdatedAt().isAfter(completed)) {
        users.add(d.getUpdatedBy());
      }
    }
    return users;
  }

  /** Calculated items are computed, files uploaded once: neither is entered twice. */
  private static boolean enteredTwice(ItemDefinition d) {
    return d != null && !ItemCalculator.isCalculated(d) && d.responseType() != ResponseType.FILE;
  }

  private List<Mismatch> mismatchesOf(EventCrf e, CrfVersionDetail version) {
    Map<String, ItemDefinition> definitions = definitions(version);
    Map<ItemKey, ItemData> first = firstOf(e);
    Map<ItemKey, SecondEntryValue> second = secondOf(e);
    Set<ItemKey> keys = new LinkedHashSet<>();
    first.forEach((k, d) -> {
      if (!d.getValue().isEmpty()) {
        keys.add(k);
      }
    });
    keys.addAll(second.keySet());
    Map<String, Integer> order = new HashMap<>();
    List<ItemDefinition> items = version.definition().items();
    for (int i = 0; i < items.size(); i++) {
      order.putIfAbsent(items.get(i).name(), i);
    }
    List<Mismatch> result = new ArrayList<>();
    for (ItemKey k : keys) {
      if (!enteredTwice(definitions.get(k.itemName()))) {
        continue;
      }
      String a = first.containsKey(k) ? first.get(k).getValue() : "";
      SecondEntryValue s = second.get(k);
      String b = s == null ? "" : s.getValue();
      if (!a.equals(b)) {
        result.add(new Mismatch(k, a, b, s == null ? null : s.getVersion()));
      }
    }
    result.sort(Comparator.comparing((Mismatch m) -> order.getOrDefault(m.item().itemName(), Integer.MAX_VALUE))
        .thenComparing(m -> m.item().ordinal()));
    return result;
  }

  /** Refuses names that are not items of the CRF, and rows a group does not have. */
  private static void requireItemsOfCrf(
      CrfVersionDetail version, Map<String, ItemDefinition> definitions, Map<String, Long> itemIds,
      Iterable<ItemKey> keys) {
    Map<String, GroupDefinition> groups =
        version.definition().groups().stream()
            .collect(Collectors.toMap(GroupDefinition::label, Function.identity(), (a, b) -> a));
    for (ItemKey key : keys) {
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
  }

  private static Map<String, ItemDefinition> definitions(CrfVersionDetail version) {
    return version.definition().items().stream()
        .collect(Collectors.toMap(ItemDefinition::name, Function.identity(), (a, b) -> a));
  }

  private Map<ItemKey, ItemData> firstOf(EventCrf e) {
    Map<Long, String> names = entry.itemNames(e.getCrfId());
    Map<ItemKey, ItemData> result = new HashMap<>();
    for (ItemData d : itemData.findByEventCrfId(e.getId())) {
      result.put(new ItemKey(names.get(d.getItemId()), d.getOrdinal()), d);
    }
    return result;
  }

  private Map<ItemKey, SecondEntryValue> secondOf(EventCrf e) {
    Map<Long, String> names = entry.itemNames(e.getCrfId());
    Map<ItemKey, SecondEntryValue> result = new LinkedHashMap<>();
    for (SecondEntryValue s : secondValues.findByEventCrfId(e.getId())) {
      result.put(new ItemKey(names.get(s.getItemId()), s.getOrdinal()), s);
    }
    return result;
  }

  private static Comparator<ItemKey> byItemAndRow() {
    return Comparator.comparing(ItemKey::itemName).thenComparingInt(ItemKey::ordinal);
  }

  private static String label(ItemKey k) {
    return k.ordinal() > 1 ? k.itemName() + " #" + k.ordinal() : k.itemName();
  }

  private EventCrf load(long id) {
    return eventCrfs.findById(id).orElseThrow(() -> new DataEntryException("dataentry.notFound", id));
  }

  /** Writers of the second pass take the event CRF's row lock: one at a time, each seeing the last. */
  private EventCrf lockForUpdate(long id) {
    EventCrf e = entityManager.find(EventCrf.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (e == null) {
      throw new DataEntryException("dataentry.notFound", id);
    }
    return e;
  }
}
