package jp.ac.umin.libreclinica.web.account;

import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.AccountValidationException;
import jp.ac.umin.libreclinica.core.account.PasswordPolicy;
import jp.ac.umin.libreclinica.core.account.SignInState;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: profile (with language) and password. */
@Controller
@RequestMapping("/account")
public class AccountController {

  /** Language choices of the profile; empty means "as the browser says". */
  static final List<String> LANGUAGES = List.of("", "en", "ja");

  private final AccountService accounts;
  private final PasswordPolicy policy;
  private final MessageSource messages;

  public AccountController(AccountService accounts, PasswordPolicy policy, MessageSource messages) {
    this.accounts = accounts;
    this.policy = policy;
    this.messages = messages;
  }

  @GetMapping("/profile")
  public String profile(Principal principal, Model model) {
    model.addAttribute("profileForm", ProfileForm.of(accounts.own(principal.getName())));
    return profilePage(principal, model);
  }

  @PostMapping("/profile")
  public String saveProfile(
      Principal principal,
      @Valid @ModelAttribute("profileForm") ProfileForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    if (result.hasErrors()) {
      return profilePage(principal, model);
    }
    try {
      accounts.editOwnProfile(principal.getName(), form.getVersion(), form.toDetails(), form.toLocale());
    } catch (AccountValidationException e) {
      FormErrors.apply(e, result);
      return profilePage(principal, model);
    } catch (AccountException e) {
      FormErrors.apply(e, result);
      return profilePage(principal, model);
    }
    redirect.addFlashAttribute("flash", text("account.profile.saved"));
    return "redirect:/account/profile";
  }

  @GetMapping("/password")
  public String passwordPage(Principal principal, Model model) {
    model.addAttribute("passwordChangeForm", new PasswordChangeForm());
    return passwordView(principal, model);
  }

  @PostMapping("/password")
  public String changePassword(
      Principal principal,
      @Valid @ModelAttribute("passwordChangeForm") PasswordChangeForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    if (!result.hasFieldErrors("newPassword")
        && !form.getNewPassword().equals(form.getConfirmPassword())) {
      result.rejectValue("confirmPassword", "account.password.mismatch", "account.password.mismatch");
    }
    if (result.hasErrors()) {
      return passwordView(principal, model);
    }
    try {
      accounts.changeOwnPassword(principal.getName(), form.getCurrentPassword(), form.getNewPassword());
    } catch (AccountValidationException e) {
      FormErrors.apply(e, result);
      return passwordView(principal, model);
    }
    redirect.addFlashAttribute("flash", text("account.password.changed"));
    return "redirect:/";
  }

  private String profilePage(Principal principal, Model model) {
    model.addAttribute("account", accounts.own(principal.getName()));
    model.addAttribute("languages", LANGUAGES);
    return "account/profile";
  }

  private String passwordView(Principal principal, Model model) {
    model.addAttribute(
        "changeRequired",
        accounts.signInState(principal.getName()) == SignInState.PASSWORD_CHANGE_REQUIRED);
    model.addAttribute("policy", policy);
    // Clear-text passwords never go back to the browser.
    if (model.getAttribute("passwordChangeForm") instanceof PasswordChangeForm f) {
      f.setCurrentPassword(null);
      f.setNewPassword(null);
      f.setConfirmPassword(null);
    }
    return "account/password";
  }

  private String text(String key) {
    return messages.getMessage(key, null, LocaleContextHolder.getLocale());
  }
}
