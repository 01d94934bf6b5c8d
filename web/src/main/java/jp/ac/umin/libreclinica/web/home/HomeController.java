package jp.ac.umin.libreclinica.web.home;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page a user lands on after signing in: the active study or site with its links, a way to
 * choose one, or a friendly word for someone who has no role anywhere yet.
 */
@Controller
public class HomeController {

  private final ActiveStudyService activeStudies;

  public HomeController(ActiveStudyService activeStudies) {
    this.activeStudies = activeStudies;
  }

  @GetMapping("/")
  public String home(Principal user, Model model) {
    model.addAttribute("workplaceCount", activeStudies.workplacesOf(user.getName()).size());
    return "home";
  }
}
