package jp.ac.umin.libreclinica.core.odm.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.job.JobRun;
import jp.ac.umin.libreclinica.core.job.JobWork;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Validates, or validates and imports, an uploaded ODM file in the background (parameters
 * {@code import=<id>;mode=validate|import}). Progress counts subjects while validating and forms
 * while storing. The report's counts and problems are kept with the upload; the job's file is the
 * report as tab-separated text (line, OID, message) in the language of the user who asked.
 */
@Component
public class OdmImportWork implements JobWork {

  public static final String KIND = "odm-import";

  private final OdmImportStore uploads;
  private final OdmImportService importer;
  private final StudyService studies;
  private final MessageSource messages;

  OdmImportWork(OdmImportStore uploads, OdmImportService importer, StudyService studies,
      MessageSource messages) {
    this.uploads = uploads;
    this.importer = importer;
    this.studies = studies;
    this.messages = messages;
  }

  static String parameters(long importId, boolean importRun) {
    return "import=" + importId + ";mode=" + (importRun ? "import" : "validate");
  }

  private static long importId(JobRun run) {
    for (String part : run.parameters().split(";")) {
      if (part.startsWith("import=")) {
        return Long.parseLong(part.substring(7));
      }
    }
    throw new IllegalStateException("no import id in " + run.parameters());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Permission permission() {
    return Permission.IMPORT_DATA;
  }

  @Override
  public String fileName(JobRun run) {
    return studies.get(run.studyId()).getOid() + "-odm-import-" + importId(run) + "-report.tsv";
  }

  @Override
  public void run(JobRun run) throws IOException {
    long id = importId(run);
    boolean importRun = run.parameters().contains("mode=import");
    OdmImport row = uploads.forJob(id);
    ImportReport report;
    try (InputStream in = Files.newInputStream(uploads.fileOf(row))) {
      report = importRun
          ? importer.importFile(run.actor(), row.getStudyId(), in, row.getReason(), row.getScope(), run::progress)
          : importer.validate(run.actor(), row.getStudyId(), in, run::progress);
    } catch (IOException | RuntimeException e) {
      uploads.failed(id, run.jobId());
      throw e;
    }
    uploads.record(id, run.jobId(), report, importRun);
    Writer w = new OutputStreamWriter(run.output(), StandardCharsets.UTF_8);
    w.write("\uFEFF");
    w.write(text("odm.import.report.header", run) + "\n");
    for (ImportProblem p : report.problems()) {
      String severity = text(p.warning() ? "odm.import.report.warning" : "odm.import.report.error", run);
      w.write(severity + "\t" + p.line() + "\t" + (p.oid() == null ? "" : p.oid()) + "\t"
          + oneLine(messages.getMessage(p.messageKey(), p.arguments().toArray(), p.messageKey(), run.locale()))
          + "\n");
    }
    w.flush();
    run.progress(1, 1);
  }

  private String text(String key, JobRun run) {
    return messages.getMessage(key, null, key, run.locale());
  }

  private static String oneLine(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
