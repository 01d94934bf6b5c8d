package jp.ac.umin.libreclinica.web.importing;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.odm.importing.ImportProblem;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImport;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImportService;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadException;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * ODM clinical data import of a study or site: upload a file (validated in the background),
 * read the summary and every problem with its XML line and OID, then confirm the import of the
 * whole file or of each valid subject, with a reason when stored values change. The page reloads
 * itself while a job runs; the history lists every upload with its size and SHA-256.
 */
@Controller
public class OdmImportController {

  static final int PAGE_SIZE = 100;

  private final OdmUploadService uploads;
  private final StudyService studies;
  private final MessageSource messages;

  public OdmImportController(OdmUploadService uploads, StudyService studies, MessageSource messages) {
    this.uploads = uploads;
    this.studies = studies;
    this.messages = messages;
  }

  @GetMapping("/studies/{id}/imports")
  public String page(@PathVariable long id, @RequestParam(required = false) String refused, Principal user,
      Model model) {
    if ("tooLarge".equals(refused)) {
      model.addAttribute("error", messages.getMessage("importweb.serverLimit", null,
          org.springframework.context.i18n.LocaleContextHolder.getLocale()));
    }
    List<OdmImport> list = uploads.list(user.getName(), id);
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("imports", list);
    model.addAttribute("running", list.stream().anyMatch(i -> i.getStage().running()));
    model.addAttribute("maxBytes", uploads.maxBytes());
    return "importing/list";
  }

  @PostMapping("/studies/{id}/imports")
  public ModelAndView upload(
      @PathVariable long id,
      @RequestParam(name = "file", required = false) MultipartFile file,
      Principal user,
      Locale locale,
      Model model) throws IOException {
    if (file == null || file.isEmpty()) {
      return refusedUpload(id, user, model, new OdmUploadException(OdmUploadException.Kind.INVALID, "odm.import.empty"));
    }
    OdmImport row;
    try (InputStream in = file.getInputStream()) {
      row = uploads.upload(user.getName(), id, file.getOriginalFilename(), in, file.getSize(), locale);
    } catch (OdmUploadException e) {
      return refusedUpload(id, user, model, e);
    }
    return new ModelAndView("redirect:/studies/" + id + "/imports/" + row.getId());
  }

  private ModelAndView refusedUpload(long id, Principal user, Model model, OdmUploadException e) {
    page(id, null, user, model);
    model.addAttribute("error", messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(),
        org.springframework.context.i18n.LocaleContextHolder.getLocale()));
    ModelAndView mav = new ModelAndView("importing/list", model.asMap());
    mav.setStatus(e.kind() == OdmUploadException.Kind.TOO_LARGE ? HttpStatus.PAYLOAD_TOO_LARGE
        : e.kind() == OdmUploadException.Kind.UNSUPPORTED ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.BAD_REQUEST);
    return mav;
  }

  @GetMapping("/studies/{id}/imports/{importId}")
  public String detail(
      @PathVariable long id,
      @PathVariable long importId,
      @RequestParam(defaultValue = "0") int page,
      Principal user,
      Model model) {
    OdmImport row = inStudy(user, id, importId);
    BackgroundJob job = uploads.job(user.getName(), row);
    int total = row.getErrors() + row.getWarnings();
    int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.max(0, Math.min(page, pages - 1));
    List<ImportProblem> problems = uploads.problems(user.getName(), importId, current * PAGE_SIZE, PAGE_SIZE);
    model.addAttribute("study", studies.view(user.getName(), row.getStudyId()));
    model.addAttribute("imp", row);
    model.addAttribute("job", job);
    model.addAttribute("running", row.getStage().running());
    model.addAttribute("problems", problems.stream().map(p -> ProblemLine.of(p, messages)).toList());
    model.addAttribute("page", current);
    model.addAttribute("pages", pages);
    if (!model.containsAttribute("scope")) {
      model.addAttribute("scope", OdmImportService.Scope.FILE.name());
    }
    return "importing/detail";
  }

  @PostMapping("/studies/{id}/imports/{importId}/confirm")
  public String confirm(
      @PathVariable long id,
      @PathVariable long importId,
      @RequestParam(defaultValue = "FILE") OdmImportService.Scope scope,
      @RequestParam(required = false) String reason,
      Principal user,
      Locale locale,
      Model model,
      RedirectAttributes flash) {
    inStudy(user, id, importId);
    try {
      uploads.confirm(user.getName(), importId, scope, reason, locale);
    } catch (OdmUploadException e) {
      model.addAttribute("error", messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(),
          org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      model.addAttribute("scope", scope.name());
      model.addAttribute("reason", reason);
      return detail(id, importId, 0, user, model);
    }
    flash.addFlashAttribute("message", "importweb.importStarted");
    return "redirect:/studies/" + id + "/imports/" + importId;
  }

  private OdmImport inStudy(Principal user, long studyId, long importId) {
    OdmImport row = uploads.view(user.getName(), importId);
    if (row.getStudyId() != studyId) {
      throw new OdmUploadException(OdmUploadException.Kind.NOT_FOUND, "odm.import.notFound", importId);
    }
    return row;
  }

  @ExceptionHandler(OdmUploadException.class)
  public ModelAndView notFound(OdmUploadException e) {
    ModelAndView mav = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    mav.addObject("problem", messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(),
        org.springframework.context.i18n.LocaleContextHolder.getLocale()));
    return mav;
  }
}
