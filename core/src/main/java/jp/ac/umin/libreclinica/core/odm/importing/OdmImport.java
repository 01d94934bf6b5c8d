package jp.ac.umin.libreclinica.core.odm.importing;

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

/**
 * An uploaded ODM file and where its import stands: who uploaded it, its name, size and SHA-256
 * (the file itself is kept under {@code lc.home} with a generated name), the background job that
 * last validated or imported it, and the counts of that job's report.
 */
@Entity
@Table(name = "odm_import")
public class OdmImport {

  /** Where an upload stands. */
  public enum Stage {
    VALIDATING,
    /** Validated without errors: it may be imported. */
    VALID,
    INVALID,
    IMPORTING,
    IMPORTED,
    /** The import found errors (file changed meanwhile, a lock, a missing reason): nothing stored. */
    REFUSED,
    /** The job stopped without a report (see the job's message). */
    FAILED;

    public boolean running() {
      return this == VALIDATING || this == IMPORTING;
    }

    public String messageKey() {
      return "odm.import.stage." + name();
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Column(name = "file_name", nullable = false, length = 255)
  private String fileName;

  @Column(name = "stored_name", nullable = false, length = 80)
  private String storedName;

  @Column(name = "file_size", nullable = false)
  private long fileSize;

  @Column(name = "file_sha256", nullable = false, length = 64)
  private String fileSha256;

  @Column(name = "uploaded_by", nullable = false, length = 64)
  private String uploadedBy;

  @Column(name = "uploaded_at", nullable = false)
  private Instant uploadedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Stage stage = Stage.VALIDATING;

  @Column(name = "job_id")
  private Long jobId;

  @Enumerated(EnumType.STRING)
  @Column(length = 10)
  private OdmImportService.Scope scope;

  @Column(length = 4000)
  private String reason;

  @Column(name = "imported_by", length = 64)
  private String importedBy;

  private int subjects;
  private int events;
  private int forms;

  @Column(name = "new_values")
  private int newValues;

  @Column(name = "changed_values")
  private int changedValues;

  @Column(name = "unchanged_values")
  private int unchangedValues;

  private int errors;
  private int warnings;

  @Version
  private long version;

  protected OdmImport() {}

  OdmImport(long studyId, String fileName, String storedName, long size, String sha256, String by, Instant at) {
    this.studyId = studyId;
    this.fileName = fileName;
    this.storedName = storedName;
    this.fileSize = size;
    this.fileSha256 = sha256;
    this.uploadedBy = by;
    this.uploadedAt = at;
  }

  /** The job that last worked on the upload (the newest one wins). */
  void job(long job) {
    if (jobId == null || jobId < job) {
      this.jobId = job;
    }
  }

  void importing(OdmImportService.Scope scope, String reason, String by) {
    this.stage = Stage.IMPORTING;
    this.scope = scope;
    this.reason = reason;
    this.importedBy = by;
  }

  void reported(ImportReport r, boolean importRun) {
    this.subjects = r.subjects();
    this.events = r.events();
    this.forms = r.forms();
    this.newValues = r.newValues();
    this.changedValues = r.changedValues();
    this.unchangedValues = r.unchangedValues();
    this.errors = (int) r.problems().stream().filter(p -> !p.warning()).count();
    this.warnings = r.problems().size() - errors;
    if (importRun) {
      this.stage = r.imported() && (errors == 0 || scope == OdmImportService.Scope.SUBJECT)
          ? Stage.IMPORTED : Stage.REFUSED;
    } else {
      this.stage = errors == 0 ? Stage.VALID : Stage.INVALID;
    }
  }

  void failed() {
    this.stage = Stage.FAILED;
  }

  public Long getId() { return id; }
  public long getStudyId() { return studyId; }
  public String getFileName() { return fileName; }
  String getStoredName() { return storedName; }
  public long getFileSize() { return fileSize; }
  public String getFileSha256() { return fileSha256; }
  public String getUploadedBy() { return uploadedBy; }
  public Instant getUploadedAt() { return uploadedAt; }
  public Stage getStage() { return stage; }
  public Long getJobId() { return jobId; }
  public OdmImportService.Scope getScope() { return scope; }
  public String getReason() { return reason; }
  public String getImportedBy() { return importedBy; }
  public int getSubjects() { return subjects; }
  public int getEvents() { return events; }
  public int getForms() { return forms; }
  public int getNewValues() { return newValues; }
  public int getChangedValues() { return changedValues; }
  public int getUnchangedValues() { return unchangedValues; }
  public int getErrors() { return errors; }
  public int getWarnings() { return warnings; }
  public long getVersion() { return version; }

  /** Whether the last validation found no error and the file was not imported yet. */
  public boolean isImportable() {
    return stage == Stage.VALID || stage == Stage.REFUSED;
  }
}
