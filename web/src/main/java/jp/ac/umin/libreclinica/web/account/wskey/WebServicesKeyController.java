package jp.ac.umin.libreclinica.web.account.wskey;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own web-services key: the password that SOAP clients send for an account that signs
 * in through single sign-on (or that prefers not to put its password in a client). Shown once
 * when issued; revoking needs a confirmation.
 */
@Controller
@RequestMapping("/account/ws-key")
public class WebServicesKeyController {

  private final WebServicesCredentialService keys;

  public WebServicesKeyController(WebServicesCredentialService keys) {
    this.keys = keys;
  }

  @GetMapping
  public String page(Principal user, Model model) {
    model.addAttribute("key", keys.activeKey(user.getName()).orElse(null));
    return "wskey/page";
  }

  @PostMapping
  public String issue(Principal user, RedirectAttributes flash) {
    flash.addFlashAttribute("secret", keys.issueKey(user.getName()));
    return "redirect:/account/ws-key";
  }

  @PostMapping("/revoke")
  public String revoke(
      @RequestParam(defaultValue = "false") boolean confirmed, Principal user, RedirectAttributes flash) {
    if (!confirmed) {
      flash.addFlashAttribute("message", "wskey.revoke.confirmNeeded");
      return "redirect:/account/ws-key";
    }
    flash.addFlashAttribute("message", keys.revokeKey(user.getName()) ? "wskey.revoked" : "wskey.none");
    return "redirect:/account/ws-key";
  }
}
