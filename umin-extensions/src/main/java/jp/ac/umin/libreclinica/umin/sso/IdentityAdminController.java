package jp.ac.umin.libreclinica.umin.sso;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators pre-register a UMIN ID (or another provider's identifier) for an account,
 * unlink and relink identities, and set the account's allowed sign-in methods. The decisions
 * and the audit are {@link IdentityService}'s.
 */
@Controller
@RequestMapping("/admin/users/{accountId}/identities")
public class IdentityAdminController {

  private final IdentityService identities;
  private final MessageSource messages;

  public IdentityAdminController(IdentityService identities, MessageSource messages) {
    this.identities = identities;
    this.messages = messages;
  }

  @PostMapping
  public String preRegister(
      Principal principal,
      @PathVariable long accountId,
      @RequestParam(defaultValue = "") String provider,
      @RequestParam(defaultValue = "") String displayId,
      RedirectAttributes redirect) {
    return act(
        redirect,
        accountId,
        "sso.identity.preRegistered",
        () -> identities.preRegister(principal.getName(), accountId, provider, displayId));
  }

  @PostMapping("/{identityId}/unlink")
  public String unlink(
      Principal principal,
      @PathVariable long accountId,
      @PathVariable long identityId,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    return act(
        redirect,
        accountId,
        "sso.identity.unlinked",
        () -> identities.unlink(principal.getName(), identityId, reason));
  }

  @PostMapping("/{identityId}/relink")
  public String relink(
      Principal principal,
      @PathVariable long accountId,
      @PathVariable long identityId,
      RedirectAttributes redirect) {
    return act(
        redirect,
        accountId,
        "sso.identity.relinked",
        () -> identities.relink(principal.getName(), identityId));
  }

  @PostMapping("/methods")
  public String methods(
      Principal principal,
      @PathVariable long accountId,
      @RequestParam(defaultValue = "false") boolean localAllowed,
      @RequestParam(defaultValue = "false") boolean ssoAllowed,
      RedirectAttributes redirect) {
    return act(
        redirect,
        accountId,
        "sso.methods.saved",
        () -> identities.changeSignInMethods(principal.getName(), accountId, localAllowed, ssoAllowed));
  }

  private String act(RedirectAttributes redirect, long accountId, String doneKey, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("flash", text(doneKey));
    } catch (AccountException e) {
      redirect.addFlashAttribute("identityProblem", text(e.messageKey(), e.args()));
    }
    return "redirect:/admin/users/" + accountId;
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
