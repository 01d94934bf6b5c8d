package jp.ac.umin.libreclinica.web.account;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import jp.ac.umin.libreclinica.core.study.Workplace;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Change study/site": the studies and sites where the user may work, the current one marked;
 * choosing one makes it the active study. The choice is sent as an id, never as a displayed
 * name (upstream defect OC-3512).
 */
@Controller
@RequestMapping("/account/study")
public class ActiveStudyController {

  private final ActiveStudyService activeStudies;
  private final MessageSource messages;

  public ActiveStudyController(ActiveStudyService activeStudies, MessageSource messages) {
    this.activeStudies = activeStudies;
    this.messages = messages;
  }

  @GetMapping
  public String choices(Principal user, Model model) {
    model.addAttribute("workplaces", activeStudies.workplacesOf(user.getName()));
    model.addAttribute(
        "currentId", activeStudies.active(user.getName()).map(Workplace::studyId).orElse(null));
    return "account/study";
  }

  @PostMapping
  public String choose(
      @RequestParam long studyId, Principal user, RedirectAttributes redirect) {
    Workplace chosen = activeStudies.choose(user.getName(), studyId);
    redirect.addFlashAttribute(
        "flash",
        messages.getMessage(
            "activeStudy.changed", new Object[] {chosen.name()}, LocaleContextHolder.getLocale()));
    return "redirect:/";
  }
}
