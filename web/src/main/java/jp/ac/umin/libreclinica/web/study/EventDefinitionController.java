package jp.ac.umin.libreclinica.web.study;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to define a study's events, and remove or restore them. */
@Controller
public class EventDefinitionController {

  private final EventDefinitionService events;
  private final StudyService studies;
  private final SmartValidator validator;
  private final MessageSource messages;

  public EventDefinitionController(
      EventDefinitionService events,
      StudyService studies,
      SmartValidator validator,
      MessageSource messages) {
    this.events = events;
    this.studies = studies;
    this.validator = validator;
    this.messages = messages;
  }

  @ModelAttribute("eventTypes")
  public List<EventType> eventTypes() {
    return Arrays.asList(EventType.values());
  }

  @GetMapping("/studies/{studyId}/events/new")
  public String newEvent(@PathVariable long studyId, Principal user, Model model) {
    studies.requireBuilder(user.getName(), studyId);
    model.addAttribute("study", studies.view(user.getName(), studyId));
    model.addAttribute("form", new EventDefinitionForm());
    return "study/event-form";
  }

  @PostMapping("/studies/{studyId}/events")
  public String create(
      @PathVariable long studyId,
      @ModelAttribute("form") EventDefinitionForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    model.addAttribute("study", studies.view(user.getName(), studyId));
    EventDefinitionDetails details = form.toDetails();
    validator.validate(details, binding);
    if (binding.hasErrors()) {
      return "study/event-form";
    }
    try {
      StudyEventDefinition d = events.create(studyId, details, user.getName());
      redirect.addFlashAttribute("flash", text("event.created", d.getName()));
      return "redirect:/studies/" + studyId;
    } catch (StudyException e) {
      reject(binding, e);
      return "study/event-form";
    }
  }

  @GetMapping("/events/{id}/edit")
  public String edit(@PathVariable long id, Principal user, Model model) {
    StudyEventDefinition d = events.get(id);
    studies.requireBuilder(user.getName(), d.getStudyId());
    model.addAttribute("study", studies.view(user.getName(), d.getStudyId()));
    model.addAttribute("event", d);
    model.addAttribute("form", EventDefinitionForm.of(d.details(), d.getVersion()));
    return "study/event-form";
  }

  @PostMapping("/events/{id}/edit")
  public String update(
      @PathVariable long id,
      @ModelAttribute("form") EventDefinitionForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyEventDefinition d = events.get(id);
    model.addAttribute("study", studies.view(user.getName(), d.getStudyId()));
    model.addAttribute("event", d);
    EventDefinitionDetails details = form.toDetails();
    validator.validate(details, binding);
    if (binding.hasErrors()) {
      return "study/event-form";
    }
    try {
      events.update(id, form.getVersion(), details, user.getName());
      redirect.addFlashAttribute("flash", text("event.saved", details.name()));
      return "redirect:/studies/" + d.getStudyId();
    } catch (StudyException e) {
      reject(binding, e);
      return "study/event-form";
    }
  }

  @GetMapping("/events/{id}/status")
  public String confirm(
      @PathVariable long id, @RequestParam String action, Principal user, Model model) {
    StudyEventDefinition d = events.get(id);
    studies.requireBuilder(user.getName(), d.getStudyId());
    model.addAttribute("event", d);
    model.addAttribute("action", "restore".equals(action) ? "restore" : "remove");
    return "study/event-status";
  }

  @PostMapping("/events/{id}/status")
  public String changeStatus(
      @PathVariable long id,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyEventDefinition d = events.get(id);
    try {
      if ("restore".equals(action)) {
        events.restore(id, reason, user.getName());
      } else {
        events.remove(id, reason, user.getName());
      }
    } catch (StudyException e) {
      model.addAttribute("event", d);
      model.addAttribute("action", action);
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      return "study/event-status";
    }
    redirect.addFlashAttribute("flash", text("event.statusChanged", d.getName()));
    return "redirect:/studies/" + d.getStudyId();
  }

  private void reject(BindingResult binding, StudyException e) {
    if (e.messageKey().startsWith("event.name")) {
      binding.rejectValue("name", e.messageKey(), e.arguments(), null);
    } else {
      binding.reject(e.messageKey(), e.arguments(), null);
    }
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
