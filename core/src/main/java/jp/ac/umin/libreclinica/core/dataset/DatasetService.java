package jp.ac.umin.libreclinica.core.dataset;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.design.EventCrfDesign;
import jp.ac.umin.libreclinica.core.design.EventDesign;
import jp.ac.umin.libreclinica.core.design.StudyDesignService;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Defines, edits, copies, removes and restores datasets, and starts, lists and removes their
 * extracts. Everything needs {@link Permission#EXTRACT_DATA} in the study or site the user works
 * in; a dataset belongs to the (parent) study, and its extracts made at a site hold that site's
 * subjects only. Every change is audited ({@code dataset.*}).
 */
@Service
@Transactional(readOnly = true)
public class DatasetService {

  private static final Logger log = LoggerFactory.getLogger(DatasetService.class);
  static final int NAME_LENGTH = 255;
  static final int DESCRIPTION_LENGTH = 2000;
  static final int REASON_LENGTH = 1000;
  /** Quartz group of the datasets' schedule triggers. */
  public static final String SCHEDULE_GROUP = "lc-dataset-schedules";
  static final String DATASET_ID = "datasetId";

  private final DatasetRepository datasets;
  private final DatasetNoticeRepository notices;
  private final StudyService studies;
  private final StudyDesignService designs;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final BackgroundJobService jobs;
  private final Scheduler scheduler;
  private final Clock clock;
  private final TimeZone zone;

  public DatasetService(
      DatasetRepository datasets,
      DatasetNoticeRepository notices,
      StudyService studies,
      StudyDesignService designs,
      AuthorizationService authorization,
      AuditService audit,
      BackgroundJobService jobs,
      Scheduler scheduler,
      Clock clock,
      @org.springframework.beans.factory.annotation.Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.zone = TimeZone.getTimeZone(java.time.ZoneId.of(zone));
    this.datasets = datasets;
    this.notices = notices;
    this.studies = studies;
    this.designs = designs;
    this.authorization = authorization;
    this.audit = audit;
    this.jobs = jobs;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  // --- rights ---------------------------------------------------------------------------

  /** Whether the user may work with datasets in this study or site (for showing links). */
  public boolean mayExtract(String actor, long studyOrSiteId) {
    return authorization.isPermitted(actor, studyOrSiteId, Permission.EXTRACT_DATA);
  }

  private Study scope(String actor, long studyOrSiteId) {
    Study study = studies.view(actor, studyOrSiteId);
    authorization.require(actor, study.getId(), Permission.EXTRACT_DATA);
    return study;
  }

  private static long root(Study s) {
    return s.isSite() ? s.getParent().getId() : s.getId();
  }

  /**
   * The study or site where the user extracts a dataset: its study when the user may extract
   * there, else the first of its sites where they may (a site user gets their site).
   */
  public long scopeFor(String actor, Dataset d) {
    if (authorization.isPermitted(actor, d.getStudyId(), Permission.EXTRACT_DATA)) {
      return d.getStudyId();
    }
    return studies.sitesOf(d.getStudyId()).stream()
        .filter(site -> authorization.isPermitted(actor, site.getId(), Permission.EXTRACT_DATA))
        .map(Study::getId)
        .findFirst()
        .orElseThrow(() -> new PermissionDeniedException("authorization.denied"));
  }

  private long checkedScope(String actor, Dataset d, Long scopeId) {
    if (scopeId == null) {
      return scopeFor(actor, d);
    }
    Study s = scope(actor, scopeId);
    if (root(s) != d.getStudyId()) {
      throw new DatasetException("dataset.notFound", d.getId());
    }
    return s.getId();
  }

  // --- reading --------------------------------------------------------------------------

  /** The datasets of the study (of a site: of its parent study), by name, a page at a time. */
  public Page<Dataset> list(String actor, long studyOrSiteId, boolean withRemoved, Pageable page) {
    Study s = scope(actor, studyOrSiteId);
    Set<DatasetStatus> statuses =
        withRemoved ? EnumSet.allOf(DatasetStatus.class) : EnumSet.of(DatasetStatus.AVAILABLE);
    return datasets.findByStudyIdAndStatusIn(root(s), statuses, page);
  }

  /** A dataset the user may extract (in its study or one of its sites). */
  public Dataset view(String actor, long id) {
    Dataset d = datasets.findById(id).orElseThrow(() -> new DatasetException("dataset.notFound", id));
    scopeFor(actor, d);
    return d;
  }

  /** A dataset of the study or site the user works in. */
  public Dataset viewAt(String actor, long studyOrSiteId, long id) {
    Study s = scope(actor, studyOrSiteId);
    Dataset d = datasets.findById(id).orElseThrow(() -> new DatasetException("dataset.notFound", id));
    if (d.getStudyId() != root(s)) {
      throw new DatasetException("dataset.notFound", id);
    }
    return d;
  }

  /** Unchecked, for the extract job. */
  Dataset get(long id) {
    return datasets.findById(id).orElseThrow(() -> new DatasetException("dataset.notFound", id));
  }

  /** The events, CRFs and items a dataset of this study or site can choose from. */
  public DatasetChoices choices(String actor, long studyOrSiteId) {
    Study s = scope(actor, studyOrSiteId);
    return choices(root(s));
  }

  private DatasetChoices choices(long rootId) {
    List<DatasetChoices.EventChoice> events = new ArrayList<>();
    for (EventDesign e : designs.design(rootId).events()) {
      if (!e.available()) {
        continue;
      }
      List<DatasetChoices.FormChoice> forms = new ArrayList<>();
      for (EventCrfDesign c : e.crfs()) {
        if (!c.available()) {
          continue;
        }
        Map<String, String> items = new LinkedHashMap<>();
        c.versions().forEach(v -> v.itemOids().forEach((name, oid) -> items.putIfAbsent(oid, name)));
        forms.add(new DatasetChoices.FormChoice(c.crfOid(), c.crfName(),
            items.entrySet().stream().map(x -> new DatasetChoices.ItemChoice(x.getKey(), x.getValue())).toList()));
      }
      events.add(new DatasetChoices.EventChoice(e.definition().getOid(), e.definition().getName(), forms));
    }
    return new DatasetChoices(events);
  }

  // --- changing -------------------------------------------------------------------------

  /** Defines a dataset of the study (of a site: of its parent study). */
  @Transactional
  public Dataset define(String actor, long studyOrSiteId, DatasetInput input) {
    Study s = scope(actor, studyOrSiteId);
    long rootId = root(s);
    validate(rootId, input, null);
    Dataset d = datasets.saveAndFlush(new Dataset(rootId, input, actor, clock.instant()));
    audit.record(AuditEvent.of("dataset.create", "Dataset", d.getId()).withActor(actor)
        .withStudyId(rootId).withNewValue(d.summary()));
    return d;
  }

  /** Changes a dataset's definition; {@code expectedVersion} is the version the user edited. */
  @Transactional
  public Dataset edit(String actor, long id, long expectedVersion, DatasetInput input) {
    Dataset d = view(actor, id);
    requireAvailable(d);
    if (d.getVersion() != expectedVersion) {
      throw new DatasetException("dataset.changedMeanwhile", d.getName());
    }
    validate(d.getStudyId(), input, d.getId());
    String old = d.summary();
    d.apply(input);
    d.updated(actor, clock.instant());
    d = datasets.saveAndFlush(d);
    audit.record(AuditEvent.of("dataset.update", "Dataset", id).withActor(actor)
        .withStudyId(d.getStudyId()).withOldValue(old).withNewValue(d.summary()));
    return d;
  }

  /** A new dataset with the definition of another, under a new name. */
  @Transactional
  public Dataset copy(String actor, long id, String newName) {
    Dataset source = view(actor, id);
    DatasetInput in = source.input();
    DatasetInput copy = new DatasetInput(newName, in.description(), in.eventOids(), in.formOids(), in.itemOids(),
        in.subjectAttributes(), in.eventAttributes(), in.formAttributes(), in.dateFrom(), in.dateTo(),
        in.subjectStatuses());
    validate(source.getStudyId(), copy, null);
    Dataset d = datasets.saveAndFlush(new Dataset(source.getStudyId(), copy, actor, clock.instant()));
    audit.record(AuditEvent.of("dataset.copy", "Dataset", d.getId()).withActor(actor)
        .withStudyId(d.getStudyId()).withOldValue("copy of " + source.getId() + " " + source.getName())
        .withNewValue(d.summary()));
    return d;
  }

  /** Removes a dataset (and its schedule), with a reason; its extracts stay in the archive. */
  @Transactional
  public Dataset remove(String actor, long id, String reason) {
    Dataset d = view(actor, id);
    if (d.isRemoved()) {
      throw new DatasetException("dataset.remove.already", d.getName());
    }
    String why = reason(reason);
    boolean hadSchedule = d.getSchedule().active();
    d.remove(why);
    d.updated(actor, clock.instant());
    d = datasets.saveAndFlush(d);
    audit.record(AuditEvent.of("dataset.remove", "Dataset", id).withActor(actor).withStudyId(d.getStudyId())
        .withOldValue(DatasetStatus.AVAILABLE.name()).withNewValue(DatasetStatus.REMOVED.name()).withReason(why));
    if (hadSchedule) {
      unregister(id);
    }
    return d;
  }

  /** Restores a removed dataset, with a reason (its schedule is not restored). */
  @Transactional
  public Dataset restore(String actor, long id, String reason) {
    Dataset d = view(actor, id);
    if (!d.isRemoved()) {
      throw new DatasetException("dataset.restore.notRemoved", d.getName());
    }
    String why = reason(reason);
    if (datasets.nameTaken(d.getStudyId(), d.getName(), d.getId())) {
      throw DatasetException.onField("name", "dataset.name.taken", d.getName());
    }
    d.restore(why);
    d.updated(actor, clock.instant());
    d = datasets.saveAndFlush(d);
    audit.record(AuditEvent.of("dataset.restore", "Dataset", id).withActor(actor).withStudyId(d.getStudyId())
        .withOldValue(DatasetStatus.REMOVED.name()).withNewValue(DatasetStatus.AVAILABLE.name()).withReason(why));
    return d;
  }

  private static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw DatasetException.onField("reason", "dataset.reason.required");
    }
    if (reason.strip().length() > REASON_LENGTH) {
      throw DatasetException.onField("reason", "dataset.reason.tooLong", REASON_LENGTH);
    }
    return reason.strip();
  }

  private static void requireAvailable(Dataset d) {
    if (d.isRemoved()) {
      throw new DatasetException("dataset.removed", d.getName());
    }
  }

  /** Checks a definition against the study's design; refuses with the field and what is wrong. */
  void validate(long rootId, DatasetInput in, Long exceptId) {
    String name = in.name() == null ? "" : in.name().strip();
    if (name.isEmpty()) {
      throw DatasetException.onField("name", "dataset.name.required");
    }
    if (name.length() > NAME_LENGTH) {
      throw DatasetException.onField("name", "dataset.name.tooLong", NAME_LENGTH, name.length());
    }
    if (datasets.nameTaken(rootId, name, exceptId)) {
      throw DatasetException.onField("name", "dataset.name.taken", name);
    }
    if (in.description() != null && in.description().strip().length() > DESCRIPTION_LENGTH) {
      throw DatasetException.onField("description", "dataset.description.tooLong", DESCRIPTION_LENGTH);
    }
    if (in.dateFrom() != null && in.dateTo() != null && in.dateFrom().isAfter(in.dateTo())) {
      throw DatasetException.onField("dateFrom", "dataset.dates.reversed", in.dateFrom().toString(), in.dateTo().toString());
    }
    Set<String> unknownStatuses = new LinkedHashSet<>();
    for (String st : in.subjectStatuses()) {
      try {
        SubjectStatus.valueOf(st);
      } catch (IllegalArgumentException e) {
        unknownStatuses.add(st);
      }
    }
    if (!unknownStatuses.isEmpty()) {
      throw DatasetException.onField("subjectStatuses", "dataset.subjectStatuses.unknown", String.join(", ", unknownStatuses));
    }
    DatasetChoices choices = choices(rootId);
    Map<String, DatasetChoices.EventChoice> events = new LinkedHashMap<>();
    choices.events().forEach(e -> events.put(e.oid(), e));
    List<String> unknownEvents = in.eventOids().stream().filter(o -> !events.containsKey(o)).toList();
    if (!unknownEvents.isEmpty()) {
      throw DatasetException.onField("eventOids", "dataset.eventOids.unknown", String.join(", ", unknownEvents));
    }
    Map<String, DatasetChoices.FormChoice> forms = new LinkedHashMap<>();
    events.values().stream()
        .filter(e -> in.eventOids().isEmpty() || in.eventOids().contains(e.oid()))
        .flatMap(e -> e.forms().stream())
        .forEach(f -> forms.putIfAbsent(f.oid(), f));
    List<String> unknownForms = in.formOids().stream().filter(o -> !forms.containsKey(o)).toList();
    if (!unknownForms.isEmpty()) {
      throw DatasetException.onField("formOids", "dataset.formOids.unknown", String.join(", ", unknownForms));
    }
    Set<String> items = new LinkedHashSet<>();
    forms.values().stream()
        .filter(f -> in.formOids().isEmpty() || in.formOids().contains(f.oid()))
        .flatMap(f -> f.items().stream())
        .forEach(i -> items.add(i.oid()));
    List<String> unknownItems = in.itemOids().stream().filter(o -> !items.contains(o)).toList();
    if (!unknownItems.isEmpty()) {
      throw DatasetException.onField("itemOids", "dataset.itemOids.unknown", String.join(", ", unknownItems));
    }
  }

  // --- extracts -------------------------------------------------------------------------

  /** The parameters of a dataset's extract job. */
  static String parameters(long datasetId, ExtractFormat format) {
    return prefix(datasetId) + "format=" + format.name();
  }

  static String prefix(long datasetId) {
    return "dataset=" + datasetId + ";";
  }

  /**
   * Starts an extract of the dataset in a format, in the background, at {@code scopeId} (the
   * study or one of its sites; null: where the user may extract, their site for a site user).
   */
  @Transactional
  public BackgroundJob startExtract(String actor, long id, Long scopeId, ExtractFormat format, Locale locale) {
    Dataset d = view(actor, id);
    requireAvailable(d);
    if (format == null) {
      throw DatasetException.onField("format", "dataset.format.required");
    }
    long scope = checkedScope(actor, d, scopeId);
    return jobs.submit(actor, DatasetExtractWork.KIND, scope, parameters(id, format), locale);
  }

  /** The dataset's archive: its extracts the user may see (their site's for a site user), newest first. */
  public List<BackgroundJob> extracts(String actor, long id) {
    view(actor, id);
    return jobs.listMatching(actor, DatasetExtractWork.KIND, prefix(id), false);
  }

  /** An extract job (any status) the user may see. */
  public BackgroundJob extract(String actor, long jobId) {
    BackgroundJob j = jobs.view(actor, jobId);
    if (!DatasetExtractWork.KIND.equals(j.getKind())) {
      throw new DatasetException("dataset.extract.notFound", jobId);
    }
    return j;
  }

  /** The file of a finished extract; the download is audited. */
  @Transactional
  public java.nio.file.Path extractFile(String actor, long jobId) {
    extract(actor, jobId);
    return jobs.file(actor, jobId);
  }

  /** Asks a waiting or running extract to stop (audited as {@code job.cancel}). */
  @Transactional
  public BackgroundJob cancelExtract(String actor, long jobId) {
    extract(actor, jobId);
    return jobs.cancel(actor, jobId);
  }

  /** Removes an extract from the archive with a reason (the row stays; the file is moved aside). */
  @Transactional
  public BackgroundJob removeExtract(String actor, long jobId, String reason) {
    extract(actor, jobId);
    return jobs.remove(actor, jobId, reason(reason));
  }

  /** The dataset of an extract job (from its parameters). */
  public static long datasetOf(BackgroundJob job) {
    return datasetOf(job.getParameters());
  }

  static long datasetOf(String parameters) {
    for (String p : parameters.split(";")) {
      if (p.startsWith("dataset=")) {
        return Long.parseLong(p.substring("dataset=".length()));
      }
    }
    throw new DatasetException("dataset.extract.parameters", parameters);
  }

  static ExtractFormat formatOf(String parameters) {
    for (String p : parameters.split(";")) {
      if (p.startsWith("format=")) {
        return ExtractFormat.valueOf(p.substring("format=".length()));
      }
    }
    throw new DatasetException("dataset.extract.parameters", parameters);
  }

  // --- notices --------------------------------------------------------------------------

  /** The user's notices of ended extracts of this dataset, not yet dismissed. */
  public List<DatasetNotice> notices(String actor, long id) {
    view(actor, id);
    return notices.findByDatasetIdAndUserNameAndDismissedAtIsNullOrderByIdDesc(id, actor);
  }

  /** Dismisses one of the user's own notices. */
  @Transactional
  public void dismissNotice(String actor, long noticeId) {
    DatasetNotice n = notices.findById(noticeId)
        .filter(x -> x.getUserName().equals(actor))
        .orElseThrow(() -> new DatasetException("dataset.notice.notFound", noticeId));
    n.dismiss(clock.instant());
    notices.save(n);
  }

  // --- schedule -------------------------------------------------------------------------

  /**
   * Sets (or, with {@link DatasetSchedule#NONE}, ends) a dataset's schedule: a Quartz cron
   * trigger that starts an extract as this user, at {@code scopeId}, at the time of day in the
   * installation's time zone ({@code lc.time-zone}).
   */
  @Transactional
  public Dataset schedule(String actor, long id, Long scopeId, DatasetSchedule schedule, Locale locale) {
    Dataset d = view(actor, id);
    requireAvailable(d);
    DatasetSchedule s = schedule == null ? DatasetSchedule.NONE : schedule;
    if (s.active()) {
      if (s.time() == null) {
        throw DatasetException.onField("scheduleTime", "dataset.schedule.timeRequired");
      }
      if (s.frequency() == ScheduleFrequency.WEEKLY && s.day() == null) {
        throw DatasetException.onField("scheduleDay", "dataset.schedule.dayRequired");
      }
      if (s.format() == null) {
        throw DatasetException.onField("scheduleFormat", "dataset.format.required");
      }
    }
    long scope = s.active() ? checkedScope(actor, d, scopeId) : 0;
    DatasetSchedule old = d.getSchedule();
    d.schedule(s, s.active() ? scope : null, actor, locale.toLanguageTag());
    d.updated(actor, clock.instant());
    d = datasets.saveAndFlush(d);
    audit.record(AuditEvent.of("dataset.schedule", "Dataset", id).withActor(actor).withStudyId(d.getStudyId())
        .withOldValue(describe(old)).withNewValue(describe(d.getSchedule())));
    if (s.active()) {
      register(id, s);
    } else {
      unregister(id);
    }
    return d;
  }

  private static String describe(DatasetSchedule s) {
    return s.active() ? s.frequency() + " " + s.cron() + " " + s.format() : ScheduleFrequency.NONE.name();
  }

  /** The key of a dataset's schedule trigger (and its job). */
  public static TriggerKey triggerKey(long datasetId) {
    return TriggerKey.triggerKey("dataset-" + datasetId, SCHEDULE_GROUP);
  }

  public static JobKey jobKey(long datasetId) {
    return JobKey.jobKey("dataset-" + datasetId, SCHEDULE_GROUP);
  }

  private void register(long id, DatasetSchedule s) {
    JobDetail detail = JobBuilder.newJob(DatasetScheduleRunner.class)
        .withIdentity(jobKey(id))
        .usingJobData(DATASET_ID, id)
        .storeDurably()
        .build();
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(triggerKey(id))
        .forJob(detail)
        .withSchedule(CronScheduleBuilder.cronSchedule(s.cron()).inTimeZone(zone)
            .withMisfireHandlingInstructionFireAndProceed())
        .build();
    try {
      scheduler.scheduleJob(detail, Set.of(trigger), true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule the extracts of dataset " + id, e);
    }
  }

  private void unregister(long id) {
    try {
      scheduler.deleteJob(jobKey(id));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot end the schedule of dataset " + id, e);
    }
  }

  /**
   * Called when a dataset's schedule fires: starts its extract as the user who set the schedule,
   * if the dataset is still available and scheduled (else the trigger is dropped).
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
  public BackgroundJob runScheduled(long id) {
    Dataset d = datasets.findById(id).orElse(null);
    if (d == null || d.isRemoved() || !d.getSchedule().active()) {
      log.info("dataset {}: no longer scheduled; its trigger is removed", id);
      unregister(id);
      return null;
    }
    try {
      return jobs.submit(d.getScheduleOwner(), DatasetExtractWork.KIND, d.getScheduleScopeId(),
          parameters(id, d.getSchedule().format()), Locale.forLanguageTag(d.getScheduleLanguage()));
    } catch (RuntimeException e) {
      log.warn("dataset {}: its scheduled extract was not started (by {}): {}", id, d.getScheduleOwner(), e.toString());
      return null;
    }
  }
}
