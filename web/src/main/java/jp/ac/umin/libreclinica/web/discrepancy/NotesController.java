package jp.ac.umin.libreclinica.web.discrepancy;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.casebook.CasebookPdfException;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.csv.UnencodableValuesException;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNote;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteException;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NewNote;
import jp.ac.umin.libreclinica.core.discrepancy.NoteAnswer;
import jp.ac.umin.libreclinica.core.discrepancy.NoteField;
import jp.ac.umin.libreclinica.core.discrepancy.NoteQuery;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteTarget;
import jp.ac.umin.libreclinica.core.discrepancy.NoteThread;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;
import jp.ac.umin.libreclinica.core.discrepancy.NotesViewService;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import jp.ac.umin.libreclinica.core.study.Workplace;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Discrepancy note pages. A note is raised on the page of its target (an item value, a subject
 * field or an event field), which lists the target's threads; a thread page shows its notes,
 * answers it and links back into the record at the item's section.
 */
@Controller
public class NotesController {

  private final DiscrepancyNoteService notes;
  private final NotesViewService view;
  private final ActiveStudyService activeStudies;
  private final MessageSource messages;

  public NotesController(
      DiscrepancyNoteService notes, NotesViewService view, ActiveStudyService activeStudies, MessageSource messages) {
    this.notes = notes;
    this.view = view;
    this.activeStudies = activeStudies;
    this.messages = messages;
  }

  /** The target a request names: item value, subject field or event field. */
  public record TargetParams(Long eventCrf, String item, Integer row, Long subject, Long event, NoteField field) {

    NoteTarget toTarget() {
      if (eventCrf != null && item != null) {
        return NoteTarget.itemValue(eventCrf, item, row == null ? 1 : row);
      }
      if (subject != null && field != null && field.entity() == NoteField.Entity.SUBJECT) {
        return NoteTarget.subject(subject, field);
      }
      if (event != null && field != null && field.entity() == NoteField.Entity.EVENT) {
        return NoteTarget.event(event, field);
      }
      throw new DiscrepancyNoteException("note.target.notFound");
    }
  }

  /** The form of a new note or an answer. */
  public static class NoteForm {
    private NoteType type;
    private NoteStatus status;
    private String description;
    private String detailedNote;
    private String assignedTo;
    private long version;

    public NoteType getType() {
      return type;
    }

    public void setType(NoteType type) {
      this.type = type;
    }

    public NoteStatus getStatus() {
      return status;
    }

    public void setStatus(NoteStatus status) {
      this.status = status;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    public String getDetailedNote() {
      return detailedNote;
    }

    public void setDetailedNote(String detailedNote) {
      this.detailedNote = detailedNote;
    }

    public String getAssignedTo() {
      return assignedTo;
    }

    public void setAssignedTo(String assignedTo) {
      this.assignedTo = assignedTo;
    }

    public long getVersion() {
      return version;
    }

    public void setVersion(long version) {
      this.version = version;
    }
  }

  @GetMapping("/notes/on")
  public String target(@ModelAttribute("target") TargetParams target, Principal user, Model model) {
    NoteForm form = new NoteForm();
    return renderTarget(target, form, user, model);
  }

  @PostMapping("/notes")
  public String raise(
      @ModelAttribute("target") TargetParams target,
      @ModelAttribute("form") NoteForm form,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    try {
      DiscrepancyNote t = notes.raise(user.getName(), target.toTarget(),
          new NewNote(form.getType(), form.getDescription(), form.getDetailedNote(), form.getAssignedTo()));
      redirect.addFlashAttribute("flash", text("note.page.raised"));
      return "redirect:/notes/" + t.getId();
    } catch (DiscrepancyNoteException e) {
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      return renderTarget(target, form, user, model);
    }
  }

  private String renderTarget(TargetParams target, NoteForm form, Principal user, Model model) {
    NoteTarget t = target.toTarget();
    var place = notes.placeOf(user.getName(), t);
    model.addAttribute("target", target);
    model.addAttribute("field", t.field());
    model.addAttribute("place", place);
    model.addAttribute("threads", notes.threadsOn(user.getName(), t));
    model.addAttribute("types", notes.raisableTypes(user.getName(), t));
    model.addAttribute("users", notes.assignableUsers(user.getName(), siteOf(user.getName(), t)));
    model.addAttribute("form", form);
    model.addAttribute("recordLink", recordLink(place));
    return "notes/target";
  }

  private long siteOf(String actor, NoteTarget t) {
    return notes.siteOf(actor, t);
  }

  @GetMapping("/notes/{id}")
  public String thread(@PathVariable long id, Principal user, Model model) {
    NoteForm form = new NoteForm();
    return renderThread(id, form, user, model);
  }

  @PostMapping("/notes/{id}")
  public String answer(
      @PathVariable long id,
      @ModelAttribute("form") NoteForm form,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    try {
      notes.answer(user.getName(), id, form.getVersion(),
          new NoteAnswer(form.getStatus(), form.getDescription(), form.getDetailedNote(), form.getAssignedTo()));
      redirect.addFlashAttribute("flash", text("note.page.answered"));
      return "redirect:/notes/" + id;
    } catch (DiscrepancyNoteException e) {
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      return renderThread(id, form, user, model);
    }
  }

  private String renderThread(long id, NoteForm form, Principal user, Model model) {
    NoteThread thread = notes.thread(user.getName(), id);
    if (form.getStatus() == null && !thread.answers().isEmpty()) {
      form.setStatus(thread.answers().get(0));
    }
    if (form.getAssignedTo() == null) {
      form.setAssignedTo(thread.parent().getAssignedTo());
    }
    form.setVersion(thread.parent().getVersion());
    model.addAttribute("thread", thread);
    model.addAttribute("t", thread.parent());
    model.addAttribute("place", thread.where());
    model.addAttribute("users", notes.assignableUsers(user.getName(), thread.parent().getSiteId()));
    model.addAttribute("form", form);
    model.addAttribute("recordLink", recordLink(thread.where()));
    return "notes/thread";
  }

  /**
   * Where "view within record" goes: the CRF at the item's section (upstream LC #20 opened the
   * first section), or the subject page for subject and event fields.
   */
  static String recordLink(jp.ac.umin.libreclinica.core.discrepancy.NotePlace place) {
    if (place.eventCrfId() != null) {
      return "/event-crfs/" + place.eventCrfId() + (place.section() != null ? "#section-" + place.section() : "");
    }
    return "/subjects/" + place.studySubjectId();
  }

  /** The notes view of the active study or site. */
  @GetMapping("/notes")
  public String mine(Principal user, RedirectAttributes redirect) {
    Workplace w = activeStudies.active(user.getName()).orElse(null);
    if (w == null) {
      return "redirect:/account/study";
    }
    return "redirect:/studies/" + w.studyId() + "/notes";
  }

  @GetMapping("/studies/{id}/notes")
  public String list(
      @PathVariable long id,
      @ModelAttribute("filter") NoteFilter filter,
      @RequestParam(defaultValue = "0") int page,
      Principal user,
      Model model) {
    model.addAttribute("studyId", id);
    model.addAttribute("notes", view.page(user.getName(), id, filter.toQuery(), page, 50));
    model.addAttribute("options", view.filterOptions(user.getName(), id));
    model.addAttribute("types", NoteType.values());
    model.addAttribute("statuses", NoteStatus.values());
    model.addAttribute("encodings", CsvEncoding.values());
    model.addAttribute("defaultEncoding", CsvEncoding.defaultFor(LocaleContextHolder.getLocale()));
    return "notes/list";
  }

  @GetMapping("/studies/{id}/notes.csv")
  public void csv(
      @PathVariable long id,
      @ModelAttribute("filter") NoteFilter filter,
      @RequestParam(required = false) CsvEncoding encoding,
      Principal user,
      HttpServletResponse response)
      throws IOException {
    CsvEncoding chosen = encoding != null ? encoding : CsvEncoding.defaultFor(LocaleContextHolder.getLocale());
    Locale locale = LocaleContextHolder.getLocale();
    Path file = Files.createTempFile("notes", ".csv");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        view.writeCsv(user.getName(), id, filter.toQuery(), out, chosen, k -> messages.getMessage(k, null, k, locale));
      } catch (UnencodableValuesException e) {
        response.setStatus(422);
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder why = new StringBuilder(messages.getMessage(e.messageKey(), new Object[] {e.total()}, locale));
        e.listed().forEach(v -> why.append('\n').append(messages.getMessage("csv.encoding.unencodableAt",
            new Object[] {v.row(), v.rowLabel(), v.column(), v.character()}, locale)));
        response.getWriter().write(why.toString());
        return;
      }
      response.setContentType("text/csv;charset=" + chosen.charset().name());
      response.setHeader("Content-Disposition", "attachment; filename=\"notes-" + id + ".csv\"");
      response.setContentLengthLong(Files.size(file));
      Files.copy(file, response.getOutputStream());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The same threads as the CSV, as PDF in the reader's language (Japanese via the PDF font). */
  @GetMapping("/studies/{id}/notes.pdf")
  public void pdf(
      @PathVariable long id,
      @ModelAttribute("filter") NoteFilter filter,
      Principal user,
      HttpServletResponse response)
      throws IOException {
    Locale locale = LocaleContextHolder.getLocale();
    // through a file: the PDF can be far larger than what should sit in memory
    Path file = Files.createTempFile("notes", ".pdf");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        view.writePdf(user.getName(), id, filter.toQuery(), locale, out);
      } catch (CasebookPdfException e) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(messages.getMessage(e.messageKey(), e.arguments(), locale));
        return;
      }
      response.setContentType("application/pdf");
      response.setHeader("Content-Disposition", "attachment; filename=\"notes-" + id + ".pdf\"");
      response.setContentLengthLong(Files.size(file));
      Files.copy(file, response.getOutputStream());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
