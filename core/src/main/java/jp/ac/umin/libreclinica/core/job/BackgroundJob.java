package jp.ac.umin.libreclinica.core.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A background job as users see it: who asked, for which study, how far it is, its file. */
@Entity
@Table(name = "background_job")
public class BackgroundJob {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 40)
  private String kind;

  /** Null for installation-wide jobs (a whole-study import, whose study does not exist yet). */
  @Column(name = "study_id")
  private Long studyId;

  @Column(nullable = false, length = 2000)
  private String parameters;

  @Column(name = "requested_by", nullable = false, length = 64)
  private String requestedBy;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Column(nullable = false, length = 20)
  private String language;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private JobStatus status = JobStatus.QUEUED;

  @Column(name = "progress_done", nullable = false)
  private int progressDone;

  @Column(name = "progress_total", nullable = false)
  private int progressTotal;

  @Column(name = "message_key", length = 200)
  private String messageKey;

  @Column(name = "message_arg", length = 1000)
  private String messageArg;

  @Column(length = 200)
  private String node;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Column(name = "cancel_asked", nullable = false)
  private boolean cancelAsked;

  @Column(name = "file_name", length = 255)
  private String fileName;

  @Column(name = "file_size")
  private Long fileSize;

  @Column(name = "file_sha256", length = 64)
  private String fileSha256;

  @Column(nullable = false)
  private boolean removed;

  @Version
  private long version;

  protected BackgroundJob() {}

  BackgroundJob(String kind, Long studyId, String parameters, String requestedBy, Instant at, String language) {
    this.kind = kind;
    this.studyId = studyId;
    this.parameters = parameters;
    this.requestedBy = requestedBy;
    this.requestedAt = at;
    this.language = language;
  }

  void started(String node, Instant at) {
    this.status = JobStatus.RUNNING;
    this.node = node;
    this.startedAt = at;
    this.progressDone = 0;
    this.messageKey = null;
    this.messageArg = null;
  }

  void progress(int done, int total) {
    this.progressDone = done;
    this.progressTotal = total;
  }

  void finished(JobStatus status, Instant at, String messageKey, String messageArg) {
    this.status = status;
    this.finishedAt = at;
    this.messageKey = messageKey;
    this.messageArg = messageArg == null ? null : messageArg.substring(0, Math.min(messageArg.length(), 1000));
  }

  void file(String name, long size, String sha256) {
    this.fileName = name;
    this.fileSize = size;
    this.fileSha256 = sha256;
  }

  void askCancel() {
    this.cancelAsked = true;
  }

  void requeue() {
    this.status = JobStatus.QUEUED;
    this.cancelAsked = false;
    this.finishedAt = null;
    this.fileName = null;
    this.fileSize = null;
    this.fileSha256 = null;
  }

  void remove() {
    this.removed = true;
  }

  public Long getId() { return id; }
  public String getKind() { return kind; }
  /** The study or site of the job; 0 for an installation-wide job. */
  public long getStudyId() { return studyId == null ? 0 : studyId; }

  /** Whether the job belongs to no study (installation-wide). */
  public boolean isInstallationWide() { return studyId == null; }
  public String getParameters() { return parameters; }
  public String getRequestedBy() { return requestedBy; }
  public Instant getRequestedAt() { return requestedAt; }
  public String getLanguage() { return language; }
  public JobStatus getStatus() { return status; }
  public int getProgressDone() { return progressDone; }
  public int getProgressTotal() { return progressTotal; }
  public String getMessageKey() { return messageKey; }
  public String getMessageArg() { return messageArg; }
  public String getNode() { return node; }
  public Instant getStartedAt() { return startedAt; }
  public Instant getFinishedAt() { return finishedAt; }
  public boolean isCancelAsked() { return cancelAsked; }
  public String getFileName() { return fileName; }
  public Long getFileSize() { return fileSize; }
  public String getFileSha256() { return fileSha256; }
  public boolean isRemoved() { return removed; }
  public long getVersion() { return version; }

  /** Progress in percent (0 when the total is not known yet). */
  public int getPercent() {
    return progressTotal <= 0 ? (status == JobStatus.DONE ? 100 : 0) : (int) (100L * progressDone / progressTotal);
  }
}
