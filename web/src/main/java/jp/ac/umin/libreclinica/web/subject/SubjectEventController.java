package jp.ac.umin.libreclinica.web.subject;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.casebook.SubjectCasebook;
import jp.ac.umin.libreclinica.core.casebook.SubjectCasebookService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventException;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.web.i18n.DateDisplay;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to schedule a subject's events, change their dates, status, and remove or restore them. */
@Controller
public class SubjectEventController {

  private final StudyEventService events;
  private final SubjectService subjects;
  private final SubjectCasebookService casebooks;
  private final EventDefinitionService definitions;
  private final StudyService studies;
  private final DateDisplay dates;
  private final MessageSource messages;
  private DiscrepancyNoteService notes;

  public SubjectEventController(
      StudyEventService events,
      SubjectService subjects,
      SubjectCasebookService casebooks,
      EventDefinitionService definitions,
      StudyService studies,
      DateDisplay dates,
      MessageSource messages) {
    this.events = events;
    this.subjects = subjects;
    this.casebooks = casebooks;
    this.definitions = definitions;
    this.studies = studies;
    this.dates = dates;
    this.messages = messages;
  }

  @GetMapping("/subjects/{id}/events/new")
  public String scheduleForm(
      @PathVariable long id,
      @RequestParam(required = false) Long definition,
      Principal user,
      Model model) {
    EventForm form = new EventForm();
    form.setDefinitionId(definition);
    return showSchedule(id, form, model, user);
  }

  @PostMapping("/subjects/{id}/events")
  public String schedule(
      @PathVariable long id,
      @Validated @ModelAttribute("form") EventForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      return showSchedule(id, form, model, user);
    }
    if (form.getDefinitionId() == null) {
      binding.rejectValue("definitionId", "subject.event.definition.required");
      return showSchedule(id, form, model, user);
    }
    try {
      StudyEvent e = events.schedule(id, form.getDefinitionId(), form.toInput(dates.zone()), user.getName());
      redirect.addFlashAttribute("flash",
          text("subject.event.scheduled", definitions.get(e.getEventDefinitionId()).getName()));
      return "redirect:/subjects/" + id;
    } catch (EventException e) {
      reject(binding, e);
    } catch (StudyException e) {
      binding.reject(e.messageKey(), e.arguments(), e.messageKey());
    }
    return showSchedule(id, form, model, user);
  }

  @GetMapping("/study-events/{id}/edit")
  public String edit(@PathVariable long id, Principal user, Model model) {
    StudyEvent e = events.view(user.getName(), id);
    addFlags(user, e, model);
    return showEdit(e, EventForm.of(e, dates.zone()), model, null);
  }

  @PostMapping("/study-events/{id}/edit")
  public String update(
      @PathVariable long id,
      @Validated @ModelAttribute("form") EventForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyEvent e = events.view(user.getName(), id);
    addFlags(user, e, model);
    if (binding.hasErrors()) {
      return showEdit(e, form, model, null);
    }
    try {
      events.update(id, form.getVersion(), form.toInput(dates.zone()), user.getName());
    } catch (EventException ex) {
      reject(binding, ex);
      return showEdit(e, form, model, null);
    } catch (StudyException ex) {
      binding.reject(ex.messageKey(), ex.arguments(), ex.messageKey());
      return showEdit(e, form, model, null);
    }
    redirect.addFlashAttribute("flash", text("subject.event.saved"));
    return "redirect:/subjects/" + e.getStudySubjectId();
  }

  @PostMapping("/study-events/{id}/status")
  public String changeStatus(
      @PathVariable long id,
      @RequestParam(required = false) SubjectEventStatus target,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyEvent e = events.view(user.getName(), id);
    if (target == null) {
      return showEdit(e, EventForm.of(e, dates.zone()), model, text("subject.event.status.choose"));
    }
    try {
      events.changeStatus(id, target, reason, user.getName());
    } catch (EventException | StudyException ex) {
      return showEdit(e, EventForm.of(e, dates.zone()), model, text(ex));
    }
    redirect.addFlashAttribute("flash", text("subject.event.statusChanged"));
    return "redirect:/subjects/" + e.getStudySubjectId();
  }

  @GetMapping("/study-events/{id}/removal")
  public String removalForm(
      @PathVariable long id, @RequestParam String action, Principal user, Model model) {
    StudyEvent e = events.view(user.getName(), id);
    return showRemoval(e, "restore".equals(action) ? "restore" : "remove", model, null);
  }

  @PostMapping("/study-events/{id}/removal")
  public String removal(
      @PathVariable long id,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyEvent e = events.view(user.getName(), id);
    String a = "restore".equals(action) ? "restore" : "remove";
    try {
      if (a.equals("restore")) {
        events.restore(id, reason, user.getName());
      } else {
        events.remove(id, reason, user.getName());
      }
    } catch (EventException | StudyException ex) {
      return showRemoval(e, a, model, text(ex));
    }
    redirect.addFlashAttribute("flash", text("subject.event.statusChanged"));
    return "redirect:/subjects/" + e.getStudySubjectId();
  }

  private String showSchedule(long subjectId, EventForm form, Model model, Principal user) {
    SubjectCasebook c = casebooks.casebook(user.getName(), subjectId, PageRequest.of(0, 1));
    model.addAttribute("form", form);
    model.addAttribute("subject", c.subject());
    model.addAttribute("definitions", c.schedulable());
    model.addAttribute("location", c.site().getParameters().getEventLocation());
    model.addAttribute("event", null);
    return "subject/event-form";
  }

  /** The flags of the event's start, end and location (discrepancy notes). */
  private void addFlags(Principal user, StudyEvent e, Model model) {
    Map<String, NoteStatus> flags = new HashMap<>();
    notes.eventFlags(user.getName(), e.getStudySubjectId(), List.of(e.getId()))
        .getOrDefault(e.getId(), Map.of())
        .forEach((f, st) -> flags.put(f.name(), st));
    model.addAttribute("eventFlags", flags);
  }

  /** Connects the discrepancy notes (flags). */
  @org.springframework.beans.factory.annotation.Autowired
  void setNotes(DiscrepancyNoteService notes) {
    this.notes = notes;
  }

  private String showEdit(StudyEvent e, EventForm form, Model model, String statusError) {
    if (!model.containsAttribute("eventFlags")) {
      model.addAttribute("eventFlags", Map.of());
    }
    StudySubject s = subjects.get(e.getStudySubjectId());
    model.addAttribute("form", form);
    model.addAttribute("subject", s);
    model.addAttribute("event", e);
    model.addAttribute("definition", definitions.get(e.getEventDefinitionId()));
    model.addAttribute("definitions", List.of());
    model.addAttribute("location", studies.get(s.getStudyId()).getParameters().getEventLocation());
    model.addAttribute("targets",
        e.getStatus() == SubjectEventStatus.LOCKED
            ? List.of(e.getStatusBeforeLock())
            // "signed" comes only from an electronic signature (the subject page's Sign button)
            : e.getStatus().next().stream()
                .filter(SubjectEventStatus::isSetByHand)
                .filter(t -> t != SubjectEventStatus.SIGNED)
                .toList());
    model.addAttribute("statusError", statusError);
    return "subject/event-form";
  }

  private String showRemoval(StudyEvent e, String action, Model model, String error) {
    model.addAttribute("event", e);
    model.addAttribute("subject", subjects.get(e.getStudySubjectId()));
    model.addAttribute("definition", definitions.get(e.getEventDefinitionId()));
    model.addAttribute("action", action);
    model.addAttribute("error", error);
    return "subject/event-removal";
  }

  private void reject(BindingResult binding, EventException e) {
    String field = e.field();
    if ("start".equals(field)) {
      field = "startDate";
    } else if ("end".equals(field)) {
      field = "endDate";
    } else if ("definition".equals(field)) {
      field = "definitionId";
    }
    if (field != null && binding.getFieldType(field) != null) {
      binding.rejectValue(field, e.messageKey(), e.arguments(), e.messageKey());
    } else {
      binding.reject(e.messageKey(), e.arguments(), e.messageKey());
    }
  }

  private String text(RuntimeException e) {
    if (e instanceof EventException ev) {
      return messages.getMessage(ev.messageKey(), ev.arguments(), LocaleContextHolder.getLocale());
    }
    StudyException s = (StudyException) e;
    return messages.getMessage(s.messageKey(), s.arguments(), LocaleContextHolder.getLocale());
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
