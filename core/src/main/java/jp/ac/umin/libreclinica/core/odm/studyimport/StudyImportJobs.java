package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.util.Locale;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import org.springframework.stereotype.Service;

/**
 * Starts a previewed whole-study import as a background job ({@link StudyImportWork}): the
 * upload is marked confirmed first, so that the job finds it whenever it starts.
 */
@Service
public class StudyImportJobs {

  private final StudyImportService imports;
  private final BackgroundJobService jobs;

  public StudyImportJobs(StudyImportService imports, BackgroundJobService jobs) {
    this.imports = imports;
    this.jobs = jobs;
  }

  /** Confirms the previewed upload {@code importId} of the user and starts its job. */
  public BackgroundJob confirm(String actor, long importId, Locale locale) {
    imports.queue(actor, importId);
    BackgroundJob job = jobs.submitInstallationWide(actor, StudyImportWork.KIND, Long.toString(importId), locale);
    imports.attachJob(importId, job.getId());
    return job;
  }
}
