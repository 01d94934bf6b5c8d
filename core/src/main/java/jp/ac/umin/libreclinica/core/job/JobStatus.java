package jp.ac.umin.libreclinica.core.job;

/** Where a background job is. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED,
  /** It was running when its node stopped; it can be run again. */
  INTERRUPTED;

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }

  public String messageKey() {
    return "job.status." + name();
  }
}
