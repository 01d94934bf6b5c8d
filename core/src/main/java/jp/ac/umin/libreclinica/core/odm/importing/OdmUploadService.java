package jp.ac.umin.libreclinica.core.odm.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ODM files users upload to import: the file is kept under {@code ${lc.home}/imports} with a
 * generated name (never a name the user typed), validated by a background job
 * ({@link OdmImportWork}), and imported by another job once the user confirms it with a scope
 * and, when stored values change, a reason for change. The import job validates the file again:
 * the preview is never trusted. Each job's problems are kept with it; rows are never deleted.
 */
@Service
public class OdmUploadService {

  private final OdmImportRepository imports;
  private final OdmImportStore store;
  private final BackgroundJobService jobs;
  private final StudyService studies;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final Path directory;
  private final long maxBytes;

  public OdmUploadService(
      OdmImportRepository imports,
      OdmImportStore store,
      BackgroundJobService jobs,
      StudyService studies,
      AuthorizationService authorization,
      AuditService audit,
      Clock clock,
      PlatformTransactionManager transactions,
      @Value("${lc.import.max-bytes:104857600}") long maxBytes) {
    this.imports = imports;
    this.store = store;
    this.jobs = jobs;
    this.studies = studies;
    this.authorization = authorization;
    this.audit = audit;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.directory = store.directory();
    this.maxBytes = maxBytes;
  }

  /** The largest file accepted, in bytes ({@code lc.import.max-bytes}). */
  public long maxBytes() {
    return maxBytes;
  }

  /** Whether the user may import data into the study or site (and so see its imports). */
  public boolean mayImport(String actor, long studyId) {
    return authorization.isPermitted(actor, studyId, Permission.IMPORT_DATA);
  }

  /**
   * Keeps the uploaded file and starts its validation. A declared length beyond the limit is
   * refused before anything is read; otherwise reading stops at the limit. Zip and gzip files
   * are refused (upload the XML itself). Nothing is kept from a refused upload.
   *
   * @param declaredLength the length the client announced, or -1
   */
  public OdmImport upload(String actor, long studyId, String fileName, InputStream in, long declaredLength,
      Locale locale) {
    OdmImport row = keep(actor, studyId, fileName, in, declaredLength);
    BackgroundJob job = jobs.submit(actor, OdmImportWork.KIND, studyId,
        OdmImportWork.parameters(row.getId(), false), locale);
    attachJob(row.getId(), job.getId());
    return view(actor, row.getId());
  }

  /**
   * Keeps the uploaded file (as {@link #upload}) and starts its import at once: the job validates
   * the whole file first and stores nothing if it finds an error (a missing reason for change
   * included).
   */
  public OdmImport uploadAndImport(String actor, long studyId, String fileName, InputStream in,
      long declaredLength, OdmImportService.Scope scope, String reason, Locale locale) {
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > 4000) {
      throw new OdmUploadException(OdmUploadException.Kind.INVALID, "odm.import.reasonTooLong", 4000);
    }
    OdmImport row = keep(actor, studyId, fileName, in, declaredLength);
    return startImport(actor, row, scope, why, locale, false);
  }

  private OdmImport keep(String actor, long studyId, String fileName, InputStream in, long declaredLength) {
    Study study = studies.view(actor, studyId);
    authorization.require(actor, study.getId(), Permission.IMPORT_DATA);
    if (declaredLength > maxBytes) {
      throw new OdmUploadException(OdmUploadException.Kind.TOO_LARGE, "odm.import.tooLarge", maxBytes);
    }
    String name = cleanName(fileName);
    String stored = UUID.randomUUID() + ".xml";
    Path file = directory.resolve(stored);
    String sha;
    long size;
    try {
      Files.createDirectories(directory);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] head = new byte[4];
      int headLength = 0;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          if (headLength < head.length) {
            int k = Math.min(n, head.length - headLength);
            System.arraycopy(buf, 0, head, headLength, k);
            headLength += k;
          }
          total += n;
          if (total > maxBytes) {
            throw new OdmUploadException(OdmUploadException.Kind.TOO_LARGE, "odm.import.tooLarge", maxBytes);
          }
          out.write(buf, 0, n);
        }
        size = total;
      }
      if (size == 0) {
        throw new OdmUploadException(OdmUploadException.Kind.INVALID, "odm.import.empty");
      }
      if (compressed(Arrays.copyOf(head, headLength))) {
        throw new OdmUploadException(OdmUploadException.Kind.UNSUPPORTED, "odm.import.compressed");
      }
      sha = HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // nothing kept
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new OdmUploadException(OdmUploadException.Kind.INVALID, "odm.import.unreadable");
    }
    long root = root(study);
    OdmImport row = tx.execute(s -> {
      OdmImport r = imports.saveAndFlush(
          new OdmImport(study.getId(), name, stored, size, sha, actor, clock.instant()));
      audit.record(AuditEvent.of("odm.import.upload", "OdmImport", r.getId()).withActor(actor)
          .withStudyId(root).withNewValue(name + " " + size + " " + sha));
      return r;
    });
    return row;
  }

  /**
   * Starts the import of a validated upload. Needs a reason when the validation found changed
   * values; the import job validates the file again and stores nothing if it finds an error.
   */
  public OdmImport confirm(String actor, long id, OdmImportService.Scope scope, String reason, Locale locale) {
    OdmImport row = view(actor, id);
    if (!row.isImportable()) {
      throw new OdmUploadException(OdmUploadException.Kind.CONFLICT, "odm.import.notImportable");
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > 4000) {
      throw new OdmUploadException(OdmUploadException.Kind.INVALID, "odm.import.reasonTooLong", 4000);
    }
    if (row.getChangedValues() > 0 && why == null) {
      throw new OdmUploadException(OdmUploadException.Kind.INVALID, "odm.import.reasonRequired",
          row.getChangedValues());
    }
    if (!Files.isRegularFile(fileOf(row))) {
      throw new OdmUploadException(OdmUploadException.Kind.CONFLICT, "odm.import.fileGone");
    }
    return startImport(actor, row, scope, why, locale, true);
  }

  private OdmImport startImport(String actor, OdmImport row, OdmImportService.Scope scope, String why,
      Locale locale, boolean mustBeImportable) {
    long id = row.getId();
    OdmImportService.Scope chosen = scope == null ? OdmImportService.Scope.FILE : scope;
    long root = root(studies.get(row.getStudyId()));
    tx.executeWithoutResult(s -> {
      OdmImport r = imports.findForUpdate(id).orElseThrow();
      if (mustBeImportable && !r.isImportable()) {
        // another request started the import meanwhile
        throw new OdmUploadException(OdmUploadException.Kind.CONFLICT, "odm.import.notImportable");
      }
      r.importing(chosen, why, actor);
      imports.saveAndFlush(r);
      audit.record(AuditEvent.of("odm.import.confirm", "OdmImport", id).withActor(actor)
          .withStudyId(root).withNewValue(chosen.name() + " " + row.getFileName()).withReason(why));
    });
    BackgroundJob job = jobs.submit(actor, OdmImportWork.KIND, row.getStudyId(),
        OdmImportWork.parameters(id, true), locale);
    attachJob(id, job.getId());
    return view(actor, id);
  }

  /** The latest uploads of a study or site, newest first. */
  public List<OdmImport> list(String actor, long studyId) {
    Study study = studies.view(actor, studyId);
    authorization.require(actor, study.getId(), Permission.IMPORT_DATA);
    return imports.findByStudyIdOrderByIdDesc(studyId, PageRequest.of(0, 100));
  }

  /** One upload, for a user who may import into its study or site. */
  public OdmImport view(String actor, long id) {
    OdmImport row = imports.findById(id)
        .orElseThrow(() -> new OdmUploadException(OdmUploadException.Kind.NOT_FOUND, "odm.import.notFound", id));
    Study study = studies.view(actor, row.getStudyId());
    authorization.require(actor, study.getId(), Permission.IMPORT_DATA);
    return row;
  }

  /** The job that last validated or imported the upload. */
  public BackgroundJob job(String actor, OdmImport row) {
    return row.getJobId() == null ? null : jobs.view(actor, row.getJobId());
  }

  /** Problems of the upload's latest report, in file order, {@code limit} from {@code offset}. */
  public List<ImportProblem> problems(String actor, long id, int offset, int limit) {
    OdmImport row = view(actor, id);
    if (row.getJobId() == null) {
      return List.of();
    }
    return store.problems(row.getJobId(), offset, limit);
  }

  Path fileOf(OdmImport row) {
    return store.fileOf(row);
  }

  private void attachJob(long id, long jobId) {
    store.attachJob(id, jobId);
  }

  private static boolean compressed(byte[] head) {
    boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5 || head[2] == 7);
    boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    return zip || gzip;
  }

  private static String cleanName(String fileName) {
    String n = fileName == null ? "" : fileName.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).strip();
    n = n.replaceAll("\\p{Cntrl}", "");
    if (n.isEmpty()) {
      n = "odm.xml";
    }
    return n.length() > 255 ? n.substring(n.length() - 255) : n;
  }

  private static long root(Study s) {
    return s.isSite() ? s.getParent().getId() : s.getId();
  }
}
