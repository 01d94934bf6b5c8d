package jp.ac.umin.libreclinica.core.dataset;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.extract.DatasetExtractor;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;
import jp.ac.umin.libreclinica.core.job.JobRun;
import jp.ac.umin.libreclinica.core.job.JobWork;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A dataset's extract in one format as a zip, made in the background (parameters
 * {@code dataset=<id>;format=<ExtractFormat>}) by the {@link DatasetExtractor}, with the rights
 * and at the study or site of the user who asked. The job's row is the archive entry.
 */
@Component
public class DatasetExtractWork implements JobWork {

  public static final String KIND = "dataset-extract";

  private final DatasetRepository datasets;
  private final StudyService studies;
  private final ObjectProvider<DatasetExtractor> extractor;

  public DatasetExtractWork(DatasetRepository datasets, StudyService studies, ObjectProvider<DatasetExtractor> extractor) {
    this.datasets = datasets;
    this.studies = studies;
    this.extractor = extractor;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Permission permission() {
    return Permission.EXTRACT_DATA;
  }

  @Override
  public String fileName(JobRun run) {
    return baseName(run) + ".zip";
  }

  /** E.g. {@code S_R01_SITE-dataset-name-CSV_UTF8_BOM}: the study or site OID, the dataset, the format. */
  String baseName(JobRun run) {
    Dataset d = dataset(run);
    return safe(studies.get(run.studyId()).getOid() + "-" + d.getName()) + "-"
        + DatasetService.formatOf(run.parameters()).name().toLowerCase(java.util.Locale.ROOT);
  }

  private Dataset dataset(JobRun run) {
    long id = DatasetService.datasetOf(run.parameters());
    return datasets.findById(id).orElseThrow(() -> new DatasetException("dataset.notFound", id));
  }

  @Override
  public void run(JobRun run) throws IOException {
    Dataset d = dataset(run);
    if (d.isRemoved()) {
      throw new DatasetException("dataset.removed", d.getName());
    }
    DatasetExtractor writer = extractor.getIfAvailable();
    if (writer == null) {
      throw new DatasetException("dataset.extract.unavailable");
    }
    ExtractFormat format = DatasetService.formatOf(run.parameters());
    OutputStream out = new FilterOutputStream(run.output()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the job closes its own stream
      }
    };
    try {
      writeWith(writer, run, d, format, out);
    } catch (java.util.concurrent.CancellationException cancelled) {
      // the user cancelled between two subjects: the job ends as cancelled and its file is dropped
    }
  }

  private void writeWith(DatasetExtractor writer, JobRun run, Dataset d, ExtractFormat format, OutputStream out)
      throws IOException {
    writer.write(run.actor(), baseName(run), d.toSpec(run.studyId()), format, out,
        new DatasetExtractor.ExtractProgress() {
          @Override
          public void progress(int done, int total) {
            run.progress(done, total);
          }

          @Override
          public boolean cancelled() {
            return run.cancelled();
          }
        });
  }

  /** A name usable as a file name on every system (characters they refuse become _). */
  static String safe(String name) {
    String s = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}\\s]+", "_").strip();
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }
}
