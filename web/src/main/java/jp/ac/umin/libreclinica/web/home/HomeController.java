package jp.ac.umin.libreclinica.web.home;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.signature.Signature;
import jp.ac.umin.libreclinica.core.signature.SignatureNotice;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
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
  private final SignatureService signatures;

  public HomeController(ActiveStudyService activeStudies, SignatureService signatures) {
    this.activeStudies = activeStudies;
    this.signatures = signatures;
  }

  /** An unread notice that one of the user's signatures became invalid, with that signature. */
  public record SignatureNoticeLine(SignatureNotice notice, Signature signature) {}

  @GetMapping("/")
  public String home(Principal user, Model model) {
    model.addAttribute("workplaceCount", activeStudies.workplacesOf(user.getName()).size());
    model.addAttribute("signatureNotices",
        signatures.unreadNotices(user.getName()).stream()
            .map(n -> new SignatureNoticeLine(n, signatures.signatureOf(n)))
            .toList());
    return "home";
  }
}
