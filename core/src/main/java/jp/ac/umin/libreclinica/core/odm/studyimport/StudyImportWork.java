package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.job.JobRun;
import jp.ac.umin.libreclinica.core.job.JobWork;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import org.springframework.stereotype.Component;

/**
 * The background job of a whole-study import ({@code study-import}, installation-wide): imports
 * the confirmed upload whose id is the job's parameter, and leaves as its file the report of what
 * could not be carried (CSV: line, element, OID, reason key, argument). A failed import changes
 * nothing; the import is marked failed with the reason.
 */
@Component
public class StudyImportWork implements JobWork {

  public static final String KIND = "study-import";

  private final StudyImportService imports;

  public StudyImportWork(StudyImportService imports) {
    this.imports = imports;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Permission permission() {
    return Permission.CREATE_STUDY;
  }

  @Override
  public String fileName(JobRun run) {
    return "study-import-" + run.parameters() + "-report.csv";
  }

  @Override
  public void run(JobRun run) throws Exception {
    long importId = Long.parseLong(run.parameters());
    run.progress(0, 1);
    StudyImportResult result;
    try {
      result = imports.importStaged(run.actor(), importId);
    } catch (MessageKeyException e) {
      imports.failed(importId, e.messageKey(), java.util.Arrays.stream(e.arguments()).map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(StudyImportService.ARGUMENT_SEPARATOR)));
      throw e;
    } catch (RuntimeException e) {
      imports.failed(importId, "studyimport.failed", e.getClass().getSimpleName());
      throw e;
    }
    Writer w = new OutputStreamWriter(run.output(), StandardCharsets.UTF_8);
    w.write("\uFEFFline,element,oid,reason,argument\r\n");
    for (NotCarried n : result.notCarried()) {
      w.write(n.line() + "," + csv(n.element()) + "," + csv(n.oid()) + "," + csv(n.reasonKey()) + ","
          + csv(n.argument()) + "\r\n");
    }
    w.flush();
    run.progress(1, 1);
  }

  private static String csv(String s) {
    if (s == null) {
      return "";
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
