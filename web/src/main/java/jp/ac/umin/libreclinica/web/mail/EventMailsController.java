package jp.ac.umin.libreclinica.web.mail;

import java.security.Principal;
import java.util.Arrays;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventException;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.mail.EventSubscriptionService;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.Workplace;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Event e-mails of a study or site: the user's subscriptions, and everyone's for data managers. */
@Controller
public class EventMailsController {

  private final EventSubscriptionService subscriptions;
  private final EventDefinitionService definitions;
  private final StudyService studies;
  private final ActiveStudyService activeStudies;
  private final MessageSource messages;

  public EventMailsController(
      EventSubscriptionService subscriptions, EventDefinitionService definitions, StudyService studies,
      ActiveStudyService activeStudies, MessageSource messages) {
    this.subscriptions = subscriptions;
    this.definitions = definitions;
    this.studies = studies;
    this.activeStudies = activeStudies;
    this.messages = messages;
  }

  @GetMapping("/event-mails")
  public String mine(Principal user) {
    Workplace w = activeStudies.active(user.getName()).orElse(null);
    return w == null ? "redirect:/account/study" : "redirect:/studies/" + w.studyId() + "/event-mails";
  }

  @GetMapping("/studies/{id}/event-mails")
  public String page(@PathVariable long id, Principal user, Model model) {
    Study where = studies.view(user.getName(), id);
    Study parent = where.isSite() ? where.getParent() : where;
    model.addAttribute("studyId", id);
    model.addAttribute("where", where);
    // the study or site was checked above; a site user may not view the parent study itself
    model.addAttribute("definitions", definitions.list(parent.getId()));
    model.addAttribute("statuses",
        Arrays.stream(SubjectEventStatus.values()).filter(s -> s != SubjectEventStatus.NOT_SCHEDULED).toList());
    model.addAttribute("mine", subscriptions.mine(user.getName(), id));
    boolean everyone = subscriptions.maySeeEveryone(user.getName(), id);
    model.addAttribute("everyone", everyone ? subscriptions.everyone(user.getName(), id) : null);
    return "mail/event-mails";
  }

  @PostMapping("/studies/{id}/event-mails")
  public String subscribe(
      @PathVariable long id,
      @RequestParam long definition,
      @RequestParam(required = false) SubjectEventStatus when,
      Principal user,
      RedirectAttributes redirect) {
    try {
      subscriptions.subscribe(user.getName(), id, definition, when);
      redirect.addFlashAttribute("flash", text("eventmail.subscribed"));
    } catch (EventException e) {
      redirect.addFlashAttribute("error", text(e.messageKey(), e.arguments()));
    }
    return "redirect:/studies/" + id + "/event-mails";
  }

  @PostMapping("/studies/{id}/event-mails/{subscription}/remove")
  public String unsubscribe(
      @PathVariable long id, @PathVariable long subscription, Principal user, RedirectAttributes redirect) {
    subscriptions.unsubscribe(user.getName(), subscription);
    redirect.addFlashAttribute("flash", text("eventmail.unsubscribed"));
    return "redirect:/studies/" + id + "/event-mails";
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
