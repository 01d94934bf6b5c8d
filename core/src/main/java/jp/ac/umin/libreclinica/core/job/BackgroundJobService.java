package jp.ac.umin.libreclinica.core.job;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks for, runs, follows, cancels and serves background jobs. A job is a row (what users see)
 * and a one-shot Quartz job that runs it on any node; its file is written under
 * {@code ${lc.home}/jobs} with a generated name. Rights are those of the {@link JobWork}'s kind,
 * checked when the job is asked for and when its file is fetched; every request, cancel and
 * download is audited.
 */
@Service
public class BackgroundJobService {

  private static final Logger log = LoggerFactory.getLogger(BackgroundJobService.class);
  static final String GROUP = "lc-jobs";
  static final String JOB_ID = "jobId";

  private final BackgroundJobRepository jobs;
  private final Map<String, JobWork> works;
  private final StudyService studies;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final Scheduler scheduler;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final Path directory;
  private final String node;
  private final ApplicationEventPublisher events;

  public BackgroundJobService(
      BackgroundJobRepository jobs,
      List<JobWork> works,
      StudyService studies,
      AuthorizationService authorization,
      AuditService audit,
      Scheduler scheduler,
      Clock clock,
      PlatformTransactionManager transactions,
      @Value("${lc.home:./lc-data}") String home,
      @Value("${lc.node-name:}") String nodeName,
      ApplicationEventPublisher events) {
    this.events = events;
    this.jobs = jobs;
    this.works = works.stream().collect(Collectors.toMap(JobWork::kind, Function.identity()));
    this.studies = studies;
    this.authorization = authorization;
    this.audit = audit;
    this.scheduler = scheduler;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.directory = Path.of(home, "jobs");
    this.node = nodeName.isBlank() ? hostName() : nodeName;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Asks for a job; it starts as soon as a worker thread is free. */
  public BackgroundJob submit(String actor, String kind, long studyId, String parameters, Locale locale) {
    JobWork work = work(kind);
    Study study = studies.view(actor, studyId);
    authorization.require(actor, study.getId(), work.permission());
    BackgroundJob job = tx.execute(s -> {
      BackgroundJob j = jobs.saveAndFlush(
          new BackgroundJob(kind, studyId, parameters, actor, clock.instant(), locale.toLanguageTag()));
      audit.record(AuditEvent.of("job.submit", "BackgroundJob", j.getId())
          .withActor(actor).withStudyId(root(study)).withNewValue(kind + " " + parameters));
      return j;
    });
    schedule(job.getId());
    return job;
  }

  /**
   * Asks for an installation-wide job (one that belongs to no study yet, as a whole-study
   * import); the user needs the kind's permission in the installation.
   */
  public BackgroundJob submitInstallationWide(String actor, String kind, String parameters, Locale locale) {
    JobWork work = work(kind);
    authorization.require(actor, null, work.permission());
    BackgroundJob job = tx.execute(s -> {
      BackgroundJob j = jobs.saveAndFlush(
          new BackgroundJob(kind, null, parameters, actor, clock.instant(), locale.toLanguageTag()));
      audit.record(AuditEvent.of("job.submit", "BackgroundJob", j.getId())
          .withActor(actor).withNewValue(kind + " " + parameters));
      return j;
    });
    schedule(job.getId());
    return job;
  }

  /** Runs again a job that failed, was cancelled or was interrupted. */
  public BackgroundJob rerun(String actor, long id) {
    BackgroundJob job = view(actor, id);
    if (!job.getStatus().finished() || job.getStatus() == JobStatus.DONE) {
      throw new JobException("job.rerun.notFinished");
    }
    BackgroundJob again = tx.execute(s -> {
      BackgroundJob j = jobs.findById(id).orElseThrow();
      j.requeue();
      audit.record(AuditEvent.of("job.rerun", "BackgroundJob", id).withActor(actor)
          .withStudyId(rootOf(j)));
      return jobs.saveAndFlush(j);
    });
    schedule(id);
    return again;
  }

  /** Asks a queued or running job to stop. */
  public BackgroundJob cancel(String actor, long id) {
    BackgroundJob job = view(actor, id);
    if (job.getStatus().finished()) {
      throw new JobException("job.cancel.finished");
    }
    return tx.execute(s -> {
      BackgroundJob j = jobs.findById(id).orElseThrow();
      j.askCancel();
      audit.record(AuditEvent.of("job.cancel", "BackgroundJob", id).withActor(actor)
          .withStudyId(rootOf(j)));
      return jobs.saveAndFlush(j);
    });
  }

  /** The latest jobs of a kind for a study or site the user may see. */
  public List<BackgroundJob> list(String actor, long studyId, String kind) {
    Study study = studies.view(actor, studyId);
    authorization.require(actor, study.getId(), work(kind).permission());
    return jobs.findByStudyIdAndKindAndRemovedFalseOrderByIdDesc(studyId, kind, PageRequest.of(0, 50));
  }

  /**
   * The latest jobs of a kind whose parameters start with {@code parametersPrefix} (e.g. one
   * dataset's extracts), of every study or site, keeping those whose kind's rights the user has
   * in the job's study or site; removed ones only when asked for.
   */
  public List<BackgroundJob> listMatching(String actor, String kind, String parametersPrefix, boolean withRemoved) {
    JobWork work = work(kind);
    return jobs.findByKindAndParametersStartingWithOrderByIdDesc(kind, parametersPrefix, PageRequest.of(0, 100))
        .stream()
        .filter(j -> withRemoved || !j.isRemoved())
        .filter(j -> authorization.isPermitted(actor, j.isInstallationWide() ? null : j.getStudyId(), work.permission()))
        .toList();
  }

  /**
   * Removes a finished job from its list, with a reason: the row stays (marked removed) and its
   * file is moved aside to {@code jobs/removed/}, never deleted. Audited as {@code job.remove}.
   */
  public BackgroundJob remove(String actor, long id, String reason) {
    BackgroundJob job = view(actor, id);
    if (!job.getStatus().finished()) {
      throw new JobException("job.remove.running");
    }
    if (reason == null || reason.isBlank()) {
      throw new JobException("job.remove.reasonRequired");
    }
    BackgroundJob removed = tx.execute(s -> {
      BackgroundJob j = jobs.findById(id).orElseThrow();
      j.remove();
      audit.record(AuditEvent.of("job.remove", "BackgroundJob", id).withActor(actor)
          .withStudyId(rootOf(j)).withOldValue(j.getFileName())
          .withReason(reason.strip()));
      return jobs.saveAndFlush(j);
    });
    Path file = fileOf(id);
    try {
      if (Files.isRegularFile(file)) {
        Path aside = directory.resolve("removed");
        Files.createDirectories(aside);
        Files.move(file, aside.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      log.warn("background job {}: its file could not be moved aside; it stays in place", id, e);
    }
    return removed;
  }

  /** A job whose kind's rights the user has in its study. */
  public BackgroundJob view(String actor, long id) {
    BackgroundJob job = jobs.findById(id).filter(j -> !j.isRemoved())
        .orElseThrow(() -> new JobException("job.notFound", id));
    if (job.isInstallationWide()) {
      authorization.require(actor, null, work(job.getKind()).permission());
      return job;
    }
    Study study = studies.view(actor, job.getStudyId());
    authorization.require(actor, study.getId(), work(job.getKind()).permission());
    return job;
  }

  /** The file of a finished job, for a user who may see the job; the download is audited. */
  public Path file(String actor, long id) {
    BackgroundJob job = view(actor, id);
    if (job.getStatus() != JobStatus.DONE) {
      throw new JobException("job.file.notReady");
    }
    Path file = fileOf(id);
    if (!Files.isRegularFile(file)) {
      throw new JobException("job.file.gone");
    }
    audit.recordIndependently(AuditEvent.of("job.download", "BackgroundJob", id).withActor(actor)
        .withStudyId(rootOf(job)).withNewValue(job.getFileName()));
    return file;
  }

  /** Called by Quartz on a worker thread. */
  void execute(long id) {
    BackgroundJob job = tx.execute(s -> {
      BackgroundJob j = jobs.findById(id).orElse(null);
      if (j == null || j.getStatus() != JobStatus.QUEUED) {
        return null;
      }
      if (j.isCancelAsked()) {
        j.finished(JobStatus.CANCELLED, clock.instant(), null, null);
      } else {
        j.started(node, clock.instant());
      }
      return jobs.saveAndFlush(j);
    });
    if (job == null || job.getStatus() != JobStatus.RUNNING) {
      return;
    }
    JobWork work = work(job.getKind());
    Path file = fileOf(id);
    Run run = new Run(job);
    try {
      Files.createDirectories(directory);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
        run.out = out;
        work.run(run);
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      long size = Files.size(file);
      String name = work.fileName(run);
      finish(id, run.cancelled() ? JobStatus.CANCELLED : JobStatus.DONE, null, null, j -> j.file(name, size, digest));
      if (run.cancelled()) {
        Files.deleteIfExists(file);
      }
    } catch (Exception | LinkageError e) {
      log.warn("background job {} ({}) failed", id, job.getKind(), e);
      String key = e instanceof jp.ac.umin.libreclinica.core.shared.MessageKeyException m ? m.messageKey() : "job.failed";
      finish(id, JobStatus.FAILED, key, e.getMessage(), j -> { });
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // nothing to keep
      }
    }
  }

  private void finish(long id, JobStatus status, String key, String arg, java.util.function.Consumer<BackgroundJob> more) {
    BackgroundJob done = tx.execute(s -> {
      BackgroundJob j = jobs.findById(id).orElseThrow();
      more.accept(j);
      j.finished(status, clock.instant(), key, arg);
      return jobs.saveAndFlush(j);
    });
    try {
      events.publishEvent(new JobFinished(done.getId(), done.getKind(), done.getStudyId(), done.getParameters(),
          done.getRequestedBy(), done.getLanguage(), status));
    } catch (RuntimeException e) {
      // a listener's failure (notice, mail) never changes the job's outcome
      log.warn("background job {}: a listener of its end failed", id, e);
    }
  }

  /** Jobs this node was running when it stopped are marked, so that users can run them again. */
  @EventListener(ApplicationReadyEvent.class)
  public void markInterrupted() {
    Instant now = clock.instant();
    Integer n = tx.execute(s -> jobs.markInterrupted(node, now.minusSeconds(1), now));
    if (n != null && n > 0) {
      log.warn("{} background job(s) were running on node {} when it stopped; marked as interrupted", n, node);
    }
  }

  private void schedule(long id) {
    JobDetail detail = JobBuilder.newJob(QuartzJobRunner.class)
        .withIdentity("job-" + id + "-" + System.nanoTime(), GROUP)
        .usingJobData(JOB_ID, id)
        .requestRecovery(false)
        .build();
    Trigger now = TriggerBuilder.newTrigger().forJob(detail).startNow().build();
    try {
      scheduler.scheduleJob(detail, now);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule background job " + id, e);
    }
  }

  private JobWork work(String kind) {
    JobWork w = works.get(kind);
    if (w == null) {
      throw new JobException("job.kind.unknown", kind);
    }
    return w;
  }

  private Path fileOf(long id) {
    return directory.resolve(id + ".bin");
  }

  private Long rootOf(BackgroundJob j) {
    return j.isInstallationWide() ? null : root(studies.get(j.getStudyId()));
  }

  private static long root(Study s) {
    return s.isSite() ? s.getParent().getId() : s.getId();
  }

  /** What a work sees of its job. */
  private final class Run implements JobRun {
    private final BackgroundJob job;
    private OutputStream out;
    private long lastStored;
    private boolean cancelled;

    Run(BackgroundJob job) {
      this.job = job;
    }

    @Override public long jobId() { return job.getId(); }
    @Override public long studyId() { return job.getStudyId(); }
    @Override public String actor() { return job.getRequestedBy(); }
    @Override public String parameters() { return job.getParameters(); }
    @Override public Locale locale() { return Locale.forLanguageTag(job.getLanguage()); }
    @Override public OutputStream output() { return out; }

    @Override
    public void progress(int done, int total) {
      long now = System.nanoTime();
      if (done < total && now - lastStored < 1_000_000_000L) {
        return;
      }
      lastStored = now;
      Boolean asked = tx.execute(s -> {
        BackgroundJob j = jobs.findById(job.getId()).orElseThrow();
        j.progress(done, total);
        jobs.saveAndFlush(j);
        return j.isCancelAsked();
      });
      cancelled = Boolean.TRUE.equals(asked);
    }

    @Override
    public boolean cancelled() {
      if (!cancelled) {
        cancelled = Boolean.TRUE.equals(
            tx.execute(s -> jobs.findById(job.getId()).map(BackgroundJob::isCancelAsked).orElse(false)));
      }
      return cancelled;
    }
  }
}
