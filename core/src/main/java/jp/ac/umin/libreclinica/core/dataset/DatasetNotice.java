package jp.ac.umin.libreclinica.core.dataset;

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
import jp.ac.umin.libreclinica.core.job.JobStatus;

/** "Your extract has ended": shown to the user who asked, on the dataset's page, until dismissed. */
@Entity
@Table(name = "dataset_notice")
public class DatasetNotice {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "dataset_id", nullable = false)
  private long datasetId;

  @Column(name = "job_id", nullable = false)
  private long jobId;

  @Column(name = "user_name", nullable = false, length = 64)
  private String userName;

  @Enumerated(EnumType.STRING)
  @Column(name = "job_status", nullable = false, length = 20)
  private JobStatus jobStatus;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "dismissed_at")
  private Instant dismissedAt;

  @Version
  private long version;

  protected DatasetNotice() {}

  DatasetNotice(long datasetId, long jobId, String userName, JobStatus jobStatus, Instant at) {
    this.datasetId = datasetId;
    this.jobId = jobId;
    this.userName = userName;
    this.jobStatus = jobStatus;
    this.createdAt = at;
  }

  void dismiss(Instant at) {
    this.dismissedAt = at;
  }

  public Long getId() { return id; }
  public long getDatasetId() { return datasetId; }
  public long getJobId() { return jobId; }
  public String getUserName() { return userName; }
  public JobStatus getJobStatus() { return jobStatus; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getDismissedAt() { return dismissedAt; }

  public String messageKey() {
    return "dataset.notice." + jobStatus.name();
  }
}
