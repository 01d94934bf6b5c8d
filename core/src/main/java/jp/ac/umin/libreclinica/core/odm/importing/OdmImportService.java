package jp.ac.umin.libreclinica.core.odm.importing;

import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.ItemData;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.ItemValueValidator;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.dataentry.ValueCheck;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports ODM 1.3 ClinicalData in two phases. Phase 1 ({@link #validate}) reads the whole file
 * and checks it against the study's metadata: the study or site, subjects, events, CRF
 * versions, item groups, items and every value (by the same {@link ItemValueValidator} as data
 * entry), and counts values new, changed and unchanged. Phase 2 ({@link #importFile}) runs only
 * on a file without errors: it schedules missing events, starts event CRFs and saves values
 * through {@link DataEntryService}, so the same rules (locks, signatures, administrative
 * editing, reason for change, audit, conflicts) apply. All or nothing per file, or per subject.
 */
@Service
public class OdmImportService {

  /** How much is rolled back when something is refused in phase 2. */
  public enum Scope {
    FILE,
    SUBJECT
  }

  /** Told how far phase 1 (subjects checked) and phase 2 (forms stored) are. */
  @FunctionalInterface
  public interface Progress {
    void at(int done, int total);

    static Progress none() {
      return (done, total) -> { };
    }
  }

  private final AuthorizationService authorization;
  private final JdbcTemplate jdbc;
  private final CrfService crfs;
  private final ItemValueValidator validator;
  private final DataEntryService dataEntry;
  private final StudyEventService events;
  private final TransactionTemplate tx;
  private final TransactionTemplate readTx;
  private final Clock clock;
  private final long maxBytes;
  private final EntityManager entityManager;

  public OdmImportService(
      AuthorizationService authorization,
      JdbcTemplate jdbc,
      CrfService crfs,
      ItemValueValidator validator,
      DataEntryService dataEntry,
      StudyEventService events,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${lc.import.max-bytes:104857600}") long maxBytes,
      EntityManager entityManager) {
    this.entityManager = entityManager;
    this.authorization = authorization;
    this.jdbc = jdbc;
    this.crfs = crfs;
    this.validator = validator;
    this.dataEntry = dataEntry;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.readTx = new TransactionTemplate(transactions);
    this.readTx.setReadOnly(true);
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  /** Phase 1 only: what importing the file would do, and what is wrong with it. Stores nothing. */
  public ImportReport validate(String actor, long studyId, InputStream odm) {
    return validate(actor, studyId, odm, Progress.none());
  }

  /** {@link #validate(String, long, InputStream)}, telling {@code progress} about each subject. */
  public ImportReport validate(String actor, long studyId, InputStream odm, Progress progress) {
    authorization.require(actor, studyId, Permission.IMPORT_DATA);
    OdmClinicalData data = new OdmImportParser(maxBytes).parse(odm);
    return readTx.execute(s -> plan(actor, studyId, data, progress).report(false));
  }

  /** The largest file read, in bytes ({@code lc.import.max-bytes}). */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Phase 1, then phase 2 when the file has no error. Changed values need
   * {@code reasonForChange}. Nothing is stored from a file with an error; a refusal in phase 2
   * rolls back the whole file ({@link Scope#FILE}) or that subject ({@link Scope#SUBJECT}).
   */
  public ImportReport importFile(
      String actor, long studyId, InputStream odm, String reasonForChange, Scope scope) {
    return importFile(actor, studyId, odm, reasonForChange, scope, Progress.none());
  }

  /** {@link #importFile(String, long, InputStream, String, Scope)} telling {@code progress}. */
  public ImportReport importFile(
      String actor, long studyId, InputStream odm, String reasonForChange, Scope scope, Progress progress) {
    authorization.require(actor, studyId, Permission.IMPORT_DATA);
    OdmClinicalData data = new OdmImportParser(maxBytes).parse(odm);
    Plan plan = readTx.execute(s -> plan(actor, studyId, data, progress));
    String reason = reasonForChange == null || reasonForChange.isBlank() ? null : reasonForChange.strip();
    if (plan.changed > 0 && reason == null) {
      plan.problems.add(ImportProblem.error(0, null, "odm.import.reasonRequired", plan.changed));
    }
    if (plan.hasErrors()) {
      return plan.report(false);
    }
    boolean stored = false;
    if (scope == Scope.SUBJECT) {
      Map<Long, List<PlannedForm>> bySubject = new LinkedHashMap<>();
      plan.forms.forEach(f -> bySubject.computeIfAbsent(f.subjectId, k -> new ArrayList<>()).add(f));
      int[] done = {0};
      for (List<PlannedForm> forms : bySubject.values()) {
        stored |= Boolean.TRUE.equals(tx.execute(s -> {
          boolean ok = store(actor, forms, reason, plan.problems, progress, done, plan.forms.size());
          if (!ok) {
            s.setRollbackOnly();
          }
          return ok;
        }));
      }
    } else {
      stored = Boolean.TRUE.equals(tx.execute(s -> {
        boolean ok = store(actor, plan.forms, reason, plan.problems, progress, new int[] {0}, plan.forms.size());
        if (!ok) {
          s.setRollbackOnly();
        }
        return ok;
      }));
    }
    return plan.report(stored);
  }

  private boolean store(String actor, List<PlannedForm> forms, String reason, List<ImportProblem> problems,
      Progress progress, int[] done, int total) {
    Map<String, Long> scheduled = new HashMap<>();
    for (PlannedForm f : forms) {
      progress.at(done[0]++, total);
      try {
        Long eventId = f.studyEventId;
        String eventKey = f.subjectId + "/" + f.definitionId + "/" + f.ordinal;
        if (eventId == null) {
          eventId = scheduled.get(eventKey);
        }
        if (eventId == null) {
          eventId = existingEvent(f.subjectId, f.definitionId, f.ordinal);
        }
        while (eventId == null) {
          var e = events.schedule(f.subjectId, f.definitionId, new EventInput(clock.instant(), null, null), actor);
          if (e.getOrdinal() >= f.ordinal) {
            eventId = e.getId();
          }
        }
        scheduled.put(eventKey, eventId);
        long eventCrfId = f.eventCrfId != null ? f.eventCrfId
            : dataEntry.startForEvent(actor, eventId, f.crfVersionId).getId();
        Map<ItemKey, Long> seen = new HashMap<>();
        for (Map.Entry<ItemKey, ItemData> v : dataEntry.values(actor, eventCrfId).entrySet()) {
          seen.put(v.getKey(), v.getValue().getVersion());
        }
        if (f.values.isEmpty()) {
          continue;
        }
        SaveResult r = dataEntry.save(actor, eventCrfId, f.values, seen, reason);
        // one transaction may hold thousands of forms: without this every query would first
        // dirty-check every entity stored so far (quadratic time)
        entityManager.flush();
        entityManager.clear();
        if (!r.saved()) {
          if (r.problems().isEmpty()) {
            problems.add(ImportProblem.error(f.line, f.formOid, "odm.import.changedMeanwhile",
                r.changedMeanwhile().stream().map(ItemKey::itemName).collect(Collectors.joining(", "))));
          }
          r.problems().forEach((k, p) -> problems.add(ImportProblem.error(
              f.lines.getOrDefault(k, f.line), f.itemOids.get(k), p.messageKey(), p.arguments().toArray())));
          return false;
        }
      } catch (MessageKeyException refused) {
        problems.add(ImportProblem.error(f.line, f.formOid, refused.messageKey(), refused.arguments()));
        return false;
      }
    }
    return true;
  }

  private Long existingEvent(long subjectId, long definitionId, int ordinal) {
    List<Long> ids = jdbc.queryForList(
        "SELECT id FROM study_event WHERE study_subject_id = ? AND event_definition_id = ? AND ordinal = ?",
        Long.class, subjectId, definitionId, ordinal);
    return ids.isEmpty() ? null : ids.get(0);
  }

  // ---------------------------------------------------------------- phase 1

  private static final class PlannedForm {
    long subjectId;
    long definitionId;
    int ordinal;
    Long studyEventId;
    long crfVersionId;
    Long eventCrfId;
    String formOid;
    int line;
    final Map<ItemKey, String> values = new LinkedHashMap<>();
    final Map<ItemKey, Integer> lines = new HashMap<>();
    final Map<ItemKey, String> itemOids = new HashMap<>();
  }

  private static final class Plan {
    final List<ImportProblem> problems = new ArrayList<>();
    final List<PlannedForm> forms = new ArrayList<>();
    final Set<Long> subjects = new HashSet<>();
    final Set<String> eventKeys = new HashSet<>();
    int added;
    int changed;
    int unchanged;
    // metadata looked up once per file, not once per value
    final Map<String, List<Map<String, Object>>> eventDefinitions = new HashMap<>();
    final Map<String, List<Map<String, Object>>> versions = new HashMap<>();
    final Map<Long, Map<String, ItemDefinition>> definitions = new HashMap<>();
    final Map<String, List<GroupInfo>> groups = new HashMap<>();
    final Map<String, List<String>> itemNames = new HashMap<>();

    boolean hasErrors() {
      return problems.stream().anyMatch(p -> !p.warning());
    }

    ImportReport report(boolean imported) {
      return new ImportReport(subjects.size(), eventKeys.size(), forms.size(), added, changed,
          unchanged, List.copyOf(problems), imported);
    }
  }

  private record Where(long id, long rootId) {}

  private record GroupInfo(String label, boolean repeating, int repeatMax) {}

  private Plan plan(String actor, long studyId, OdmClinicalData data, Progress progress) {
    Plan plan = new Plan();
    plan.problems.addAll(data.problems());
    if (data.hasErrors()) {
      return plan;
    }
    int total = data.clinical().stream().mapToInt(c -> c.subjects().size()).sum();
    int done = 0;
    long rootId = jdbc.queryForObject("SELECT COALESCE(parent_id, id) FROM study WHERE id = ?", Long.class, studyId);
    for (OdmClinicalData.Clinical c : data.clinical()) {
      List<Where> found = jdbc.query(
          "SELECT id, COALESCE(parent_id, id) AS root FROM study WHERE oid = ?",
          (rs, i) -> new Where(rs.getLong("id"), rs.getLong("root")), c.studyOid());
      if (found.isEmpty() || found.get(0).rootId() != rootId
          || (studyId != rootId && found.get(0).id() != studyId)) {
        plan.problems.add(ImportProblem.error(c.line(), c.studyOid(), "odm.import.otherStudy"));
        continue;
      }
      long target = found.get(0).id();
      if (!authorization.isPermitted(actor, target, Permission.IMPORT_DATA)) {
        plan.problems.add(ImportProblem.error(c.line(), c.studyOid(), "odm.import.notAllowed"));
        continue;
      }
      for (OdmClinicalData.Subject s : c.subjects()) {
        progress.at(done++, total);
        planSubject(plan, rootId, target, s);
      }
    }
    return plan;
  }

  private void planSubject(Plan plan, long rootId, long target, OdmClinicalData.Subject s) {
    List<Long> ids = jdbc.queryForList(
        "SELECT id FROM study_subject WHERE parent_study_id = ? AND (CAST(? AS BIGINT) = ? OR study_id = ?)"
            + " AND (oid = ? OR (CAST(? AS VARCHAR) IS NOT NULL AND lower(label) = lower(?)))",
        Long.class, rootId, target, rootId, target, s.key(), s.label(), s.label());
    if (ids.isEmpty()) {
      plan.problems.add(ImportProblem.error(s.line(), s.key() != null ? s.key() : s.label(), "odm.import.unknownSubject"));
      return;
    }
    long subjectId = ids.get(0);
    plan.subjects.add(subjectId);
    Map<Long, Set<Integer>> ordinalsInFile = new HashMap<>();
    for (OdmClinicalData.Event e : s.events()) {
      List<Map<String, Object>> defs = plan.eventDefinitions.computeIfAbsent(String.valueOf(e.oid()), oid -> jdbc.queryForList(
          "SELECT id, repeating FROM study_event_definition WHERE study_id = ? AND oid = ? AND status <> 'REMOVED'",
          rootId, oid));
      if (defs.isEmpty()) {
        plan.problems.add(ImportProblem.error(e.line(), e.oid(), "odm.import.unknownEvent"));
        continue;
      }
      long definitionId = ((Number) defs.get(0).get("id")).longValue();
      boolean repeating = Boolean.TRUE.equals(defs.get(0).get("repeating"));
      int ordinal = ordinal(e.repeatKey());
      if (ordinal < 1 || (!repeating && ordinal != 1)) {
        plan.problems.add(ImportProblem.error(e.line(), e.oid(), "odm.import.badRepeatKey", e.repeatKey()));
        continue;
      }
      ordinalsInFile.computeIfAbsent(definitionId, k -> new HashSet<>()).add(ordinal);
      Long eventId = existingEvent(subjectId, definitionId, ordinal);
      if (eventId == null && ordinal > 1) {
        Integer max = jdbc.queryForObject(
            "SELECT COALESCE(MAX(ordinal), 0) FROM study_event WHERE study_subject_id = ? AND event_definition_id = ?",
            Integer.class, subjectId, definitionId);
        for (int k = max + 1; k < ordinal; k++) {
          if (!ordinalsInFile.get(definitionId).contains(k)) {
            plan.problems.add(ImportProblem.error(e.line(), e.oid(), "odm.import.eventGap", ordinal, k));
            break;
          }
        }
      }
      plan.eventKeys.add(subjectId + "/" + definitionId + "/" + ordinal);
      for (OdmClinicalData.Form f : e.forms()) {
        planForm(plan, subjectId, definitionId, ordinal, eventId, f);
      }
    }
  }

  private static int ordinal(String repeatKey) {
    if (repeatKey == null || repeatKey.isEmpty()) {
      return 1;
    }
    try {
      return Integer.parseInt(repeatKey);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void planForm(Plan plan, long subjectId, long definitionId, int ordinal, Long eventId,
      OdmClinicalData.Form f) {
    List<Map<String, Object>> versions = plan.versions.computeIfAbsent(definitionId + "/" + f.oid(), k -> jdbc.queryForList(
        "SELECT cv.id, cv.crf_id FROM crf_version cv JOIN event_definition_crf edc"
            + " ON edc.crf_id = cv.crf_id AND edc.event_definition_id = ? AND edc.site_id IS NULL"
            + " WHERE cv.oid = ?", definitionId, f.oid()));
    if (versions.isEmpty()) {
      plan.problems.add(ImportProblem.error(f.line(), f.oid(), "odm.import.unknownForm"));
      return;
    }
    long versionId = ((Number) versions.get(0).get("id")).longValue();
    long crfId = ((Number) versions.get(0).get("crf_id")).longValue();
    PlannedForm p = new PlannedForm();
    p.subjectId = subjectId;
    p.definitionId = definitionId;
    p.ordinal = ordinal;
    p.studyEventId = eventId;
    p.crfVersionId = versionId;
    p.formOid = f.oid();
    p.line = f.line();
    Map<ItemKey, String> stored = new HashMap<>();
    if (eventId != null) {
      List<Map<String, Object>> started = jdbc.queryForList(
          "SELECT id, crf_version_id FROM event_crf WHERE study_event_id = ? AND crf_id = ?", eventId, crfId);
      if (!started.isEmpty()) {
        long startedVersion = ((Number) started.get(0).get("crf_version_id")).longValue();
        if (startedVersion != versionId) {
          String other = jdbc.queryForObject("SELECT oid FROM crf_version WHERE id = ?", String.class, startedVersion);
          plan.problems.add(ImportProblem.error(f.line(), f.oid(), "odm.import.otherVersionStarted", other));
          return;
        }
        p.eventCrfId = ((Number) started.get(0).get("id")).longValue();
        jdbc.query("SELECT i.name, d.ordinal, d.value FROM item_data d JOIN item i ON i.id = d.item_id"
                + " WHERE d.event_crf_id = ?",
            rs -> {
              stored.put(new ItemKey(rs.getString(1), rs.getInt(2)), rs.getString(3));
            }, p.eventCrfId);
      }
    }
    Map<String, ItemDefinition> definitions = plan.definitions.computeIfAbsent(versionId, v ->
        crfs.getVersion(v).definition().items().stream()
            .collect(Collectors.toMap(ItemDefinition::name, Function.identity(), (a, b) -> a)));
    int problemsBefore = plan.problems.size();
    for (OdmClinicalData.Group g : f.groups()) {
      List<GroupInfo> groups = plan.groups.computeIfAbsent(versionId + "/" + g.oid(), k -> jdbc.query(
          "SELECT ig.label, igm.layout, igm.repeat_max FROM item_group ig JOIN item_group_metadata igm"
              + " ON igm.item_group_id = ig.id AND igm.crf_version_id = ? WHERE ig.oid = ?",
          (rs, i) -> new GroupInfo(rs.getString(1), "GRID".equals(rs.getString(2)), rs.getInt(3)),
          versionId, g.oid()));
      if (groups.isEmpty()) {
        plan.problems.add(ImportProblem.error(g.line(), g.oid(), "odm.import.unknownGroup", f.oid()));
        continue;
      }
      GroupInfo group = groups.get(0);
      // a non-repeating group is always row 1, whatever repeat key the file gives (OC #658)
      int row = group.repeating() ? ordinal(g.repeatKey()) : 1;
      if (row < 1 || (group.repeating() && row > Math.max(group.repeatMax(), 1))) {
        plan.problems.add(ImportProblem.error(g.line(), g.oid(), "odm.import.badRepeatKey", g.repeatKey()));
        continue;
      }
      for (OdmClinicalData.Item it : g.items()) {
        List<String> names = plan.itemNames.computeIfAbsent(versionId + "/" + it.oid(), k -> jdbc.queryForList(
            "SELECT i.name FROM item i JOIN item_form_metadata ifm ON ifm.item_id = i.id"
                + " AND ifm.crf_version_id = ? WHERE i.oid = ?", String.class, versionId, it.oid()));
        ItemDefinition d = names.isEmpty() ? null : definitions.get(names.get(0));
        if (d == null) {
          plan.problems.add(ImportProblem.error(it.line(), it.oid(), "odm.import.unknownItem", f.oid()));
          continue;
        }
        boolean inGroup = Objects.equals(d.groupLabel(), group.label())
            || (d.groupLabel() == null && !group.repeating());
        if (!inGroup) {
          plan.problems.add(ImportProblem.error(it.line(), it.oid(), "odm.import.itemNotInGroup", g.oid()));
          continue;
        }
        String value = it.value() == null ? "" : it.value();
        ValueCheck check = validator.check(d, value, false);
        if (!check.isOk()) {
          var problem = check.problem();
          plan.problems.add(new ImportProblem(it.line(), it.oid(), problem.messageKey(),
              problem.authorMessage() != null ? List.of(problem.authorMessage()) : problem.arguments(), false));
          continue;
        }
        ItemKey key = new ItemKey(d.name(), row);
        String old = stored.get(key);
        if (old == null && check.canonical().isEmpty()) {
          plan.unchanged++;
          continue;
        }
        if (old == null) {
          plan.added++;
        } else if (old.equals(check.canonical())) {
          plan.unchanged++;
          continue;
        } else {
          plan.changed++;
        }
        p.values.put(key, value);
        p.lines.put(key, it.line());
        p.itemOids.put(key, it.oid());
      }
    }
    if (plan.problems.subList(problemsBefore, plan.problems.size()).stream().allMatch(ImportProblem::warning)) {
      plan.forms.add(p);
    }
  }
}
