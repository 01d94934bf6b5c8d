package jp.ac.umin.libreclinica.web.study;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.odm.studyimport.NotCarried;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportException;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportJobs;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Whole-study import for users who may create studies: upload a full ODM 1.3 extract, see what
 * it holds and what cannot be carried, confirm, follow the background job, open the new study and
 * the report. Nothing is created before the confirmation, nor when the import fails.
 */
@Controller
public class StudyImportController {

  /** A line of the could-not-carry list, its reason in the user's language. */
  public record NotCarriedRow(int line, String element, String oid, String reason) {}

  private final StudyImportService imports;
  private final StudyImportJobs importJobs;
  private final BackgroundJobService jobs;
  private final MessageSource messages;

  public StudyImportController(StudyImportService imports, StudyImportJobs importJobs,
      BackgroundJobService jobs, MessageSource messages) {
    this.imports = imports;
    this.importJobs = importJobs;
    this.jobs = jobs;
    this.messages = messages;
  }

  @GetMapping("/studies/import")
  public String form(Principal user) {
    requireImporter(user);
    return "studyimport/upload";
  }

  /** Reads the extract and shows what it would become; creates nothing. */
  @PostMapping("/studies/import")
  public String upload(@RequestParam(value = "file", required = false) MultipartFile file, Principal user,
      Model model) throws IOException {
    requireImporter(user);
    if (file == null || file.isEmpty()) {
      model.addAttribute("error", text("studyimportweb.noFile"));
      return "studyimport/upload";
    }
    try {
      StudyImportService.StagedImport staged = imports.stage(user.getName(), file.getBytes(), file.getOriginalFilename());
      model.addAttribute("importId", staged.importId());
      model.addAttribute("preview", staged.preview());
      model.addAttribute("notCarried", rows(staged.preview().notCarried()));
      return "studyimport/preview";
    } catch (StudyImportException e) {
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      return "studyimport/upload";
    }
  }

  /** Starts the confirmed import as a background job. */
  @PostMapping("/studies/import/{id}/confirm")
  public String confirm(@PathVariable long id, Principal user, Locale locale) {
    importJobs.confirm(user.getName(), id, locale);
    return "redirect:/studies/import/" + id;
  }

  /** The import's progress, then the link to the new study and the report. */
  @GetMapping("/studies/import/{id}")
  public String status(@PathVariable long id, Principal user, Model model) {
    StudyImportService.StoredImport stored = imports.stored(user.getName(), id);
    BackgroundJob job = stored.jobId() == null ? null : jobs.view(user.getName(), stored.jobId());
    model.addAttribute("stored", stored);
    model.addAttribute("job", job);
    model.addAttribute("running", job != null && !job.getStatus().finished());
    model.addAttribute("notCarried", rows(stored.notCarried()));
    if (stored.failureKey() != null) {
      model.addAttribute("failure", text(stored.failureKey(), stored.failureArguments()));
    }
    return "studyimport/status";
  }

  /** An import that is not there (or not the user's), or that cannot run: said on the upload page. */
  @org.springframework.web.bind.annotation.ExceptionHandler(StudyImportException.class)
  @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
  public String refused(StudyImportException e, Model model) {
    model.addAttribute("error", text(e.messageKey(), e.arguments()));
    return "studyimport/upload";
  }

  private List<NotCarriedRow> rows(List<NotCarried> list) {
    return list.stream()
        .map(n -> new NotCarriedRow(n.line(), n.element(), n.oid(), text(n.reasonKey(), n.argument())))
        .toList();
  }

  private void requireImporter(Principal user) {
    if (!imports.mayImport(user.getName())) {
      throw new PermissionDeniedException("authorization.denied");
    }
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
  }
}
