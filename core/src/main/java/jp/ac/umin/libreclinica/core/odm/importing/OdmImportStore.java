package jp.ac.umin.libreclinica.core.odm.importing;

import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where uploads and their reports are kept: the files under {@code ${lc.home}/imports}, the
 * upload rows and each job's problems. Used by {@link OdmUploadService} and by the job
 * ({@link OdmImportWork}), which checks no rights of its own (the job service did).
 */
@Component
class OdmImportStore {

  static final String SEPARATOR = "\u001F";

  private final OdmImportRepository imports;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Path directory;

  OdmImportStore(OdmImportRepository imports, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      @Value("${lc.home:./lc-data}") String home) {
    this.imports = imports;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.directory = Path.of(home, "imports");
  }

  Path directory() {
    return directory;
  }

  OdmImport forJob(long id) {
    return imports.findById(id).orElseThrow(() -> new IllegalStateException("no ODM import " + id));
  }

  Path fileOf(OdmImport row) {
    return directory.resolve(row.getStoredName());
  }

  List<ImportProblem> problems(long jobId, int offset, int limit) {
    return jdbc.query("SELECT line, oid, message_key, arguments, warning FROM odm_import_problem"
            + " WHERE job_id = ? ORDER BY seq OFFSET ? LIMIT ?",
        (rs, i) -> new ImportProblem(rs.getInt(1), rs.getString(2), rs.getString(3),
            arguments(rs.getString(4)), rs.getBoolean(5)),
        jobId, Math.max(0, offset), Math.max(1, limit));
  }

  private static List<Object> arguments(String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return List.of((Object[]) joined.split(SEPARATOR, -1));
  }

  /** Keeps the report of a job: its counts on the upload and its problems by job. */
  void record(long id, long jobId, ImportReport report, boolean importRun) {
    tx.executeWithoutResult(s -> {
      OdmImport r = imports.findForUpdate(id).orElseThrow();
      List<ImportProblem> problems = report.problems();
      int[] seq = {0};
      jdbc.batchUpdate("INSERT INTO odm_import_problem (job_id, seq, line, oid, message_key, arguments, warning)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)", problems, 1000, (ps, p) -> {
            ps.setLong(1, jobId);
            ps.setInt(2, seq[0]++);
            ps.setInt(3, p.line());
            ps.setString(4, p.oid() == null ? null : p.oid().substring(0, Math.min(255, p.oid().length())));
            ps.setString(5, p.messageKey());
            ps.setString(6, p.arguments() == null ? null : String.join(SEPARATOR,
                p.arguments().stream().map(String::valueOf).toList()));
            ps.setBoolean(7, p.warning());
          });
      r.reported(report, importRun);
      r.job(jobId);
      imports.saveAndFlush(r);
    });
  }

  void failed(long id, long jobId) {
    tx.executeWithoutResult(s -> {
      OdmImport r = imports.findForUpdate(id).orElseThrow();
      r.failed();
      r.job(jobId);
      imports.saveAndFlush(r);
    });
  }

  void attachJob(long id, long jobId) {
    tx.executeWithoutResult(s -> {
      OdmImport r = imports.findForUpdate(id).orElseThrow();
      r.job(jobId);
      imports.saveAndFlush(r);
    });
  }
}
