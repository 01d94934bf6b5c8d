package jp.ac.umin.libreclinica.core.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfTemplateRejectedException;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.Item;
import jp.ac.umin.libreclinica.core.crf.ItemRepository;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemCalculator;
import jp.ac.umin.libreclinica.core.dataentry.ItemFileService;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.ItemValueValidator;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.dataentry.ValueCheck;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyPhase;
import jp.ac.umin.libreclinica.core.study.StudyRepository;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates a demo study (see {@link DemoDataRequest}). The study, its sites, event definitions,
 * CRFs (uploaded as generated design spreadsheets) and subjects always go through the services.
 * Events, event CRFs and values go through scheduling and data entry (every value in the audit
 * trail, files uploaded, two of three subjects' last visit marked complete), or, with {@code
 * fast}, are written in batches: the same values, checked by the same validator, calculated
 * items computed by the same calculator, statuses as data entry would leave them, and one audit
 * record per subject that names what was written. Each subject is its own transaction.
 */
@Service
public class DemoDataGenerator {

  /** Most subjects one run generates. */
  public static final int MAX_SUBJECTS = 100_000;
  public static final int MAX_EVENTS = 50;
  public static final int MAX_CRFS = 20;
  public static final int MAX_SITES = 50;

  private static final Pattern PROTOCOL_ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.\\-/()]*");
  private static final String[] SITE_NAMES = {"東京第一病院", "大阪中央病院", "札幌医療センター", "福岡大学病院", "名古屋記念病院"};
  private static final byte[] ATTACHMENT = "%PDF-1.4\n% demo attachment 同意書\n".getBytes(StandardCharsets.UTF_8);

  private final StudyService studies;
  private final StudyRepository studyRepository;
  private final EventDefinitionService definitions;
  private final CrfService crfs;
  private final SubjectService subjects;
  private final StudyEventService events;
  private final DataEntryService entry;
  private final ItemFileService files;
  private final ItemValueValidator validator;
  private final ItemRepository items;
  private final AccountService accounts;
  private final AuditService audit;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ItemCalculator calculator = new ItemCalculator();

  public DemoDataGenerator(
      StudyService studies,
      StudyRepository studyRepository,
      EventDefinitionService definitions,
      CrfService crfs,
      SubjectService subjects,
      StudyEventService events,
      DataEntryService entry,
      ItemFileService files,
      ItemValueValidator validator,
      ItemRepository items,
      AccountService accounts,
      AuditService audit,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Clock clock) {
    this.studies = studies;
    this.studyRepository = studyRepository;
    this.definitions = definitions;
    this.crfs = crfs;
    this.subjects = subjects;
    this.events = events;
    this.entry = entry;
    this.files = files;
    this.validator = validator;
    this.items = items;
    this.accounts = accounts;
    this.audit = audit;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /** Refuses a request that cannot be generated, before anything is written. */
  public void check(DemoDataRequest r) {
    String name = r.studyName() == null ? "" : r.studyName().strip();
    if (name.isEmpty() || name.length() > 60 || !PROTOCOL_ID.matcher(name).matches()) {
      throw new DemoDataException("demo.studyName.invalid", name);
    }
    range("--subjects", r.subjects(), 1, MAX_SUBJECTS);
    range("--events", r.events(), 1, MAX_EVENTS);
    range("--crfs", r.crfs(), 1, MAX_CRFS);
    range("--sites", r.sites(), 1, MAX_SITES);
    if (accounts.findByUserName(r.actor()).isEmpty()) {
      throw new DemoDataException("demo.actor.unknown", r.actor());
    }
    if (studyRepository.existsByProtocolIdIgnoreCase(name)) {
      Study existing = studyRepository.findFirstByProtocolIdIgnoreCase(name).orElseThrow();
      throw new DemoDataException("demo.study.exists", name, existing.getOid());
    }
  }

  private static void range(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new DemoDataException("demo.argument.range", option, value, min, max);
    }
  }

  /** Generates the study and its data; tells {@code progress} after each chunk of subjects. */
  public DemoDataSummary generate(DemoDataRequest r, DemoProgress progress) {
    check(r);
    long started = System.nanoTime();
    String actor = r.actor();
    String name = r.studyName().strip();
    Study study = studies.createStudy(details(name, name, "デモ試験 " + name), actor);
    List<Study> sites = new ArrayList<>();
    for (int i = 1; i <= r.sites(); i++) {
      String siteName = i <= SITE_NAMES.length ? SITE_NAMES[i - 1] : "施設 " + i;
      sites.add(studies.createSite(study.getId(), details(siteName, name + "-S" + i, siteName), actor));
    }
    List<StudyEventDefinition> visits = new ArrayList<>();
    for (int v = 1; v <= r.events(); v++) {
      visits.add(definitions.create(study.getId(),
          new EventDefinitionDetails("来院 " + v + " / Visit " + v, "デモ来院 " + v, false, EventType.SCHEDULED, "visit"),
          actor));
    }
    List<CrfUploadOutcome> forms = new ArrayList<>();
    for (int c = 1; c <= r.crfs(); c++) {
      String crfName = name + " 調査票 " + c;
      try {
        forms.add(crfs.commit(DemoCrf.spreadsheet(crfName, c), "demo-crf-" + c + ".xlsx", actor));
      } catch (CrfTemplateRejectedException e) {
        // the generated design is fixed: a refusal is a defect of this class, shown in full
        throw new IllegalStateException("the demo CRF was refused: " + e.problems());
      }
    }
    for (StudyEventDefinition d : visits) {
      for (CrfUploadOutcome f : forms) {
        definitions.attachCrf(d.getId(), f.crfId(),
            new CrfParameters(true, null, false, false, false, SdvRequirement.ALL, List.of()), actor);
      }
    }
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, actor);
    Map<Long, Form> byVersion = new LinkedHashMap<>();
    for (CrfUploadOutcome f : forms) {
      CrfVersionDetail version = crfs.getVersion(f.crfVersionId());
      Map<String, Long> ids = new HashMap<>();
      for (Item item : items.findByCrfId(f.crfId())) {
        ids.put(item.getName(), item.getId());
      }
      byVersion.put(f.crfVersionId(), new Form(f.crfId(), f.crfVersionId(), version.definition(), ids));
    }

    Counts counts = new Counts();
    int step = Math.max(1, Math.min(1000, r.subjects() / 20));
    for (int i = 1; i <= r.subjects(); i++) {
      Study site = sites.get((i - 1) % sites.size());
      Random random = new Random(31L * i + r.subjects());
      LocalDate enrolled = LocalDate.of(2025, 4, 1).plusDays((i * 7L) % 540);
      SubjectInput input = new SubjectInput(
          String.format("%s-%05d", "D" + ((i - 1) % sites.size() + 1), i),
          "ID-" + (100000 + i),
          enrolled,
          random.nextBoolean() ? Sex.MALE : Sex.FEMALE,
          LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(),
          null,
          Map.of());
      StudySubject subject = subjects.add(site.getId(), input, null, false, actor);
      boolean lastVisitOpen = i % 3 == 0;
      if (r.fast()) {
        tx.executeWithoutResult(s -> writeDirectly(subject, visits, byVersion, random, lastVisitOpen, actor, counts));
      } else {
        enterThroughServices(subject, visits, byVersion, random, lastVisitOpen, actor, counts);
      }
      counts.subjects++;
      if (i % step == 0 || i == r.subjects()) {
        progress.subjectsDone(i, r.subjects(), (System.nanoTime() - started) / 1_000_000);
      }
    }
    return new DemoDataSummary(study.getId(), studies.get(study.getId()).getOid(), sites.size(), visits.size(),
        forms.size(), counts.subjects, counts.events, counts.eventCrfs, counts.values, counts.files,
        (System.nanoTime() - started) / 1_000_000);
  }

  private record Form(long crfId, long versionId, CrfDefinition definition, Map<String, Long> itemIds) {}

  private static final class Counts {
    int subjects;
    int events;
    int eventCrfs;
    long values;
    int files;
  }

  private void enterThroughServices(
      StudySubject subject, List<StudyEventDefinition> visits, Map<Long, Form> forms, Random random,
      boolean lastVisitOpen, String actor, Counts counts) {
    int v = 0;
    for (StudyEventDefinition d : visits) {
      v++;
      LocalDate day = subject.getEnrollmentDate().plusDays(28L * (v - 1));
      StudyEvent event = events.schedule(subject.getId(), d.getId(),
          new EventInput(day.atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant(), null, "外来"), actor);
      counts.events++;
      for (Form f : forms.values()) {
        EventCrf e = entry.startForEvent(actor, event.getId(), f.versionId());
        counts.eventCrfs++;
        SaveResult saved = entry.save(actor, e.getId(), DemoCrf.values(random, subject.getEnrollmentDate(), v), Map.of(), null);
        if (!saved.saved()) {
          throw new IllegalStateException("demo values refused: " + saved);
        }
        counts.values += saved.changed();
        if (random.nextInt(10) == 0) {
          files.upload(actor, e.getId(), DemoCrf.FILE_ITEM, 1, "同意書-" + subject.getLabel() + ".pdf",
              "application/pdf", ATTACHMENT);
          counts.files++;
          counts.values++;
        }
        if (!(lastVisitOpen && v == visits.size())) {
          entry.markComplete(actor, e.getId());
        }
      }
    }
  }

  private void writeDirectly(
      StudySubject subject, List<StudyEventDefinition> visits, Map<Long, Form> forms, Random random,
      boolean lastVisitOpen, String actor, Counts counts) {
    Instant now = clock.instant();
    Timestamp at = Timestamp.from(now);
    List<Object[]> values = new ArrayList<>();
    int v = 0;
    int crfCount = 0;
    for (StudyEventDefinition d : visits) {
      v++;
      boolean open = lastVisitOpen && v == visits.size();
      LocalDate day = subject.getEnrollmentDate().plusDays(28L * (v - 1));
      Long eventId = jdbc.queryForObject(
          "insert into study_event (study_subject_id, event_definition_id, ordinal, start_at, location, status,"
              + " removal, created_at, created_by) values (?, ?, 1, ?, '外来', ?, 'AVAILABLE', ?, ?) returning id",
          Long.class, subject.getId(), d.getId(),
          Timestamp.from(day.atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant()),
          open ? "DATA_ENTRY_STARTED" : "COMPLETED", at, actor);
      counts.events++;
      for (Form f : forms.values()) {
        Long eventCrfId = jdbc.queryForObject(
            "insert into event_crf (study_event_id, crf_id, crf_version_id, study_id, status, created_at, created_by,"
                + " completed_at, completed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
            Long.class, eventId, f.crfId(), f.versionId(), subject.getStudyId(),
            open ? "INITIAL_DATA_ENTRY" : "DATA_ENTRY_COMPLETE", at, actor, open ? null : at, open ? null : actor);
        counts.eventCrfs++;
        crfCount++;
        Map<ItemKey, String> canonical = new LinkedHashMap<>();
        Map<String, ItemDefinition> defs = new HashMap<>();
        f.definition().items().forEach(i -> defs.put(i.name(), i));
        DemoCrf.values(random, subject.getEnrollmentDate(), v).forEach((key, typed) -> {
          ValueCheck check = validator.check(defs.get(key.itemName()), typed, false);
          if (!check.isOk()) {
            throw new IllegalStateException("demo value refused: " + key + " = " + typed + ": " + check.problem());
          }
          canonical.put(key, check.canonical());
        });
        canonical.putAll(calculator.compute(f.definition(), canonical));
        canonical.forEach((key, value) -> {
          if (!value.isEmpty()) {
            values.add(new Object[] {eventCrfId, f.itemIds().get(key.itemName()), key.ordinal(), value, at, actor});
          }
        });
      }
    }
    jdbc.batchUpdate(
        "insert into item_data (event_crf_id, item_id, ordinal, value, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)",
        values);
    counts.values += values.size();
    audit.record(
        AuditEvent.of("demo.data.generated", "StudySubject", subject.getId())
            .withActor(actor)
            .withStudyId(studies.get(subject.getParentStudyId()).getId())
            .withNewValue(visits.size() + " events, " + crfCount + " event CRFs, " + values.size()
                + " item values written by demo-data --fast (no audit record per value)"));
  }

  private static StudyDetails details(String name, String protocolId, String description) {
    return new StudyDetails(
        name, protocolId, null, "研究 太郎", "UMIN デモ", null, StudyPhase.PHASE_II, ProtocolType.INTERVENTIONAL,
        "treatment", description, LocalDate.of(2025, 4, 1), null, null, 100, null, null, null, null, "JP", null,
        null, null);
  }
}
