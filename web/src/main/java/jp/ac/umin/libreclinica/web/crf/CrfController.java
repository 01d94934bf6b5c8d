package jp.ac.umin.libreclinica.web.crf;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.crf.CrfFile;
import jp.ac.umin.libreclinica.core.crf.CrfPreview;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.input.TextOrder;
import jp.ac.umin.libreclinica.core.crf.CrfSummary;
import jp.ac.umin.libreclinica.core.crf.CrfTemplateRejectedException;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.HeldCrfUpload;
import jp.ac.umin.libreclinica.core.crf.PendingCrfUploads;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CRF pages: the list, upload with a preview (nothing saved until the user commits), a CRF
 * with its versions and where it is used, a version shown as its form, removal and restore of
 * a version, and the download of the original spreadsheet.
 */
@Controller
public class CrfController {

  private static final int PAGE_SIZE = 25;

  private final CrfService crfs;
  private final PendingCrfUploads pending;
  private final EventDefinitionService events;
  private final MessageSource messages;

  private final TextOrder textOrder;

  public CrfController(
      CrfService crfs,
      PendingCrfUploads pending,
      EventDefinitionService events,
      MessageSource messages,
      TextOrder textOrder) {
    this.textOrder = textOrder;
    this.crfs = crfs;
    this.pending = pending;
    this.events = events;
    this.messages = messages;
  }

  @GetMapping("/crfs")
  public String list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String name,
      Principal user,
      Model model) {
    String filter = name == null ? "" : name.strip();
    model.addAttribute("name", filter);
    model.addAttribute(
        "crfs", crfs.listCrfs(user.getName(), filter,
            textOrder.comparator(LocaleContextHolder.getLocale()),
            PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
    return "crf/list";
  }

  @GetMapping("/crfs/upload")
  public String uploadForm(Principal user, Model model) {
    requireDesigner(user);
    model.addAttribute("maxMegabytes", maxMegabytes());
    return "crf/upload";
  }

  /** Reads the spreadsheet and shows what it would become; saves nothing. */
  @PostMapping("/crfs/upload")
  public String upload(
      @RequestParam(value = "file", required = false) MultipartFile file,
      Principal user,
      HttpSession session,
      Model model)
      throws IOException {
    requireDesigner(user);
    model.addAttribute("maxMegabytes", maxMegabytes());
    if (file == null || file.isEmpty()) {
      model.addAttribute("error", text("crfweb.upload.noFile"));
      return "crf/upload";
    }
    if (file.getSize() > crfs.limits().maxBytes()) {
      model.addAttribute("error", text("crfweb.upload.tooLarge", maxMegabytes()));
      return "crf/upload";
    }
    byte[] bytes = file.getBytes();
    String fileName = file.getOriginalFilename();
    CrfPreview preview = crfs.preview(bytes, fileName, user.getName());
    showProblems(model, preview.problems());
    model.addAttribute("fileName", baseName(fileName));
    model.addAttribute("existingCrfId", preview.existingCrfId());
    if (!preview.hasErrors()) {
      model.addAttribute("form", CrfFormView.of(preview.definition()));
      model.addAttribute("token", pending.hold(user.getName(), session.getId(), fileName, bytes));
    }
    return "crf/preview";
  }

  /** Stores the previewed spreadsheet; with any error nothing is saved and every problem shown. */
  @PostMapping("/crfs/upload/commit")
  public String commit(
      @RequestParam(required = false) String token,
      Principal user,
      HttpSession session,
      Model model,
      RedirectAttributes redirect) {
    Optional<HeldCrfUpload> held = pending.find(token, user.getName(), session.getId());
    if (held.isEmpty()) {
      requireDesigner(user);
      model.addAttribute("maxMegabytes", maxMegabytes());
      model.addAttribute("error", text("crfweb.upload.expired"));
      return "crf/upload";
    }
    CrfUploadOutcome outcome;
    try {
      outcome = crfs.commit(held.get().content(), held.get().fileName(), user.getName());
    } catch (CrfTemplateRejectedException e) {
      pending.discard(token, user.getName(), session.getId());
      showProblems(model, e.problems());
      model.addAttribute("fileName", held.get().fileName());
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      return "crf/preview";
    }
    pending.discard(token, user.getName(), session.getId());
    CrfVersionDetail version = crfs.getVersion(user.getName(), outcome.crfVersionId());
    redirect.addFlashAttribute(
        "flash", text("crfweb.committed", version.crfName(), version.version().name(), outcome.itemCount()));
    return "redirect:/crfs/" + outcome.crfId();
  }

  @PostMapping("/crfs/upload/cancel")
  public String cancel(
      @RequestParam(required = false) String token,
      Principal user,
      HttpSession session,
      RedirectAttributes redirect) {
    pending.discard(token, user.getName(), session.getId());
    redirect.addFlashAttribute("flash", text("crfweb.upload.cancelled"));
    return "redirect:/crfs";
  }

  @GetMapping("/crfs/{id}")
  public String view(
      @PathVariable long id, @RequestParam(defaultValue = "0") int page, Principal user, Model model) {
    CrfSummary crf = crfs.getCrf(user.getName(), id);
    model.addAttribute("crf", crf);
    model.addAttribute(
        "versions", crfs.listVersions(user.getName(), id, PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
    model.addAttribute("uses", events.usesOfCrf(user.getName(), id));
    return "crf/view";
  }

  @GetMapping("/crfs/versions/{id}")
  public String version(@PathVariable long id, Principal user, Model model) {
    CrfVersionDetail detail = crfs.getVersion(user.getName(), id);
    model.addAttribute("detail", detail);
    model.addAttribute("form", CrfFormView.of(detail.definition()));
    return "crf/version";
  }

  @GetMapping("/crfs/versions/{id}/status")
  public String confirmStatus(
      @PathVariable long id, @RequestParam String action, Principal user, Model model) {
    model.addAttribute("detail", crfs.getVersion(user.getName(), id));
    model.addAttribute("action", "restore".equals(action) ? "restore" : "remove");
    return "crf/version-status";
  }

  /** Removes or restores a version; a reason is required. */
  @PostMapping("/crfs/versions/{id}/status")
  public String changeStatus(
      @PathVariable long id,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    boolean restore = "restore".equals(action);
    try {
      if (restore) {
        crfs.restoreVersion(id, reason, user.getName());
      } else {
        crfs.removeVersion(id, reason, user.getName());
      }
    } catch (InvalidInputException e) {
      if (e.messageKey().endsWith("notFound")) {
        throw e;
      }
      model.addAttribute("detail", crfs.getVersion(user.getName(), id));
      model.addAttribute("action", restore ? "restore" : "remove");
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      return "crf/version-status";
    }
    CrfVersionDetail detail = crfs.getVersion(user.getName(), id);
    redirect.addFlashAttribute(
        "flash",
        text(restore ? "crfweb.version.restored" : "crfweb.version.removed",
            detail.crfName(), detail.version().name()));
    return "redirect:/crfs/" + detail.version().crfId();
  }

  /** The spreadsheet as uploaded, from the database: nothing in the request names a file. */
  @GetMapping("/crfs/versions/{id}/download")
  public ResponseEntity<byte[]> download(@PathVariable long id, Principal user) {
    CrfFile file = crfs.originalFile(user.getName(), id);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(file.fileName()))
        .header("X-Content-Type-Options", "nosniff")
        .contentType(MediaType.parseMediaType(file.contentType()))
        .contentLength(file.content().length)
        .body(file.content());
  }

  private void showProblems(Model model, List<TemplateProblem> problems) {
    List<ProblemRow> rows = ProblemRow.of(problems, messages, LocaleContextHolder.getLocale());
    model.addAttribute("errors", rows.stream().filter(ProblemRow::error).toList());
    model.addAttribute("warnings", rows.stream().filter(r -> !r.error()).toList());
  }

  private void requireDesigner(Principal user) {
    if (!crfs.mayDesign(user.getName())) {
      throw new jp.ac.umin.libreclinica.core.account.PermissionDeniedException("authorization.denied");
    }
  }

  /** The name without the directories some browsers send, only to show it back. */
  private static String baseName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private String maxMegabytes() {
    return CrfUploadLimits.megabytes(crfs.limits().maxBytes());
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
