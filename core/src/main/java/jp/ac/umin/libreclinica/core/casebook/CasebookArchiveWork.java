package jp.ac.umin.libreclinica.core.casebook;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.job.JobRun;
import jp.ac.umin.libreclinica.core.job.JobWork;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.stereotype.Component;

/**
 * The casebooks of every subject of a study or site as one zip of PDFs, made in the background
 * (parameters {@code audit=true} to include each audit trail). Removed subjects are left out.
 */
@Component
public class CasebookArchiveWork implements JobWork {

  public static final String KIND = "casebook-zip";

  private final SubjectService subjects;
  private final CasebookService casebooks;
  private final CasebookPdfWriter pdf;
  private final StudyService studies;

  public CasebookArchiveWork(
      SubjectService subjects, CasebookService casebooks, CasebookPdfWriter pdf, StudyService studies) {
    this.subjects = subjects;
    this.casebooks = casebooks;
    this.pdf = pdf;
    this.studies = studies;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Permission permission() {
    return Permission.REVIEW_DATA;
  }

  @Override
  public String fileName(JobRun run) {
    return studies.get(run.studyId()).getOid() + "-casebooks.zip";
  }

  @Override
  public void run(JobRun run) throws IOException {
    boolean withAudit = run.parameters().contains("audit=true");
    List<StudySubject> all = subjects.listAt(run.actor(), run.studyId()).stream()
        .filter(s -> !s.getStatus().isRemoved())
        .toList();
    run.progress(0, all.size());
    try (ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(run.output()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the job closes its own stream
      }
    })) {
      int done = 0;
      for (StudySubject s : all) {
        if (run.cancelled()) {
          return;
        }
        zip.putNextEntry(new ZipEntry(entryName(s.getLabel()) + ".pdf"));
        CasebookDocument doc = casebooks.document(run.actor(), s.getId(), withAudit, run.locale());
        pdf.write(doc, run.locale(), new FilterOutputStream(zip) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush(); // the PDF writer closes what it writes to; the zip goes on
          }
        });
        zip.closeEntry();
        run.progress(++done, all.size());
      }
    }
  }

  /** A subject ID as a file name in the zip (characters file systems refuse become _). */
  static String entryName(String label) {
    String name = label.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
    return name.isEmpty() || name.startsWith(".") ? "_" + name : name;
  }
}
