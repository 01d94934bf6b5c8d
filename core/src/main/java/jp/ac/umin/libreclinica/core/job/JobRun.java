package jp.ac.umin.libreclinica.core.job;

import java.io.OutputStream;
import java.util.Locale;

/** A running job as its work sees it. */
public interface JobRun {

  long jobId();

  /** The study or site the job is about. */
  long studyId();

  /** Who asked: the work runs with this user's rights. */
  String actor();

  String parameters();

  /** The language of the user who asked (file labels). */
  Locale locale();

  /** Reports {@code done} of {@code total} steps (stored at most about once a second). */
  void progress(int done, int total);

  /** Whether the user asked to cancel: the work should stop soon and return. */
  boolean cancelled();

  /** Where the result goes. */
  OutputStream output();
}
