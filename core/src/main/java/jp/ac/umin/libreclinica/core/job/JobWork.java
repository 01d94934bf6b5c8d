package jp.ac.umin.libreclinica.core.job;

import jp.ac.umin.libreclinica.core.account.Permission;

/**
 * A kind of background job, as a bean: what it needs to be asked for, and the work itself. The
 * work reports progress and looks at {@link JobRun#cancelled()} between steps; what it writes to
 * {@link JobRun#output()} becomes the job's file.
 */
public interface JobWork {

  /** The kind's name, stored with each job (e.g. {@code casebook-zip}). */
  String kind();

  /** What the user who asks needs in the study or site. */
  Permission permission();

  /** The file name of the result, e.g. {@code S_X-casebooks.zip}. */
  String fileName(JobRun run);

  void run(JobRun run) throws Exception;
}
