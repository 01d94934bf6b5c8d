package jp.ac.umin.libreclinica.web.admin;

import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.AccountStatusFilter;
import jp.ac.umin.libreclinica.core.account.AccountValidationException;
import jp.ac.umin.libreclinica.core.account.CreatedAccount;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.web.account.FormErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators' account pages. Every decision (may this administrator touch that account?)
 * is the service's; this class only turns requests into calls and results into pages.
 */
@Controller
@RequestMapping("/admin/users")
public class AdminUserController {

  static final int PAGE_SIZE = 25;

  private final AccountService accounts;
  private final RoleAssignmentService roles;
  private final MessageSource messages;
  private final ObjectProvider<AccountPageSection> sections;

  public AdminUserController(
      AccountService accounts,
      RoleAssignmentService roles,
      MessageSource messages,
      ObjectProvider<AccountPageSection> sections) {
    this.sections = sections;
    this.accounts = accounts;
    this.roles = roles;
    this.messages = messages;
  }

  @GetMapping
  public String list(
      Principal principal,
      @RequestParam(defaultValue = "ALL") AccountStatusFilter status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String q,
      Model model) {
    // the search finds width (全角/半角) and kana (ひらがな/カタカナ) variants alike
    Page<UserAccount> result =
        accounts.search(
            principal.getName(),
            status,
            q,
            PageRequest.of(Math.max(0, page), PAGE_SIZE, Sort.by("userName").and(Sort.by("id"))));
    model.addAttribute("accounts", result);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("status", status);
    model.addAttribute("filters", AccountStatusFilter.values());
    return "admin/users/list";
  }

  @GetMapping("/new")
  public String newForm(Principal principal, Model model) {
    model.addAttribute("userForm", new NewUserForm());
    return formPage(principal, model, null);
  }

  @PostMapping
  public String create(
      Principal principal,
      @Valid @ModelAttribute("userForm") NewUserForm form,
      BindingResult result,
      Model model) {
    if (result.hasErrors()) {
      return formPage(principal, model, null);
    }
    CreatedAccount created;
    try {
      created = accounts.create(principal.getName(), form.toCommand());
    } catch (AccountValidationException e) {
      FormErrors.apply(e, result);
      return formPage(principal, model, null);
    }
    return oneTimePasswordPage(model, created.account(), created.oneTimePassword(), "admin.users.created");
  }

  @GetMapping("/{id}")
  public String view(Principal principal, @PathVariable long id, Model model) {
    UserAccount account = accounts.get(principal.getName(), id);
    model.addAttribute("account", account);
    model.addAttribute("mayManage", accounts.mayManage(principal.getName(), account));
    model.addAttribute("self", account.getUserName().equalsIgnoreCase(principal.getName()));
    model.addAttribute("roles", roles.rolesOf(id));
    List<AccountPageSection> shown = sections.orderedStream().toList();
    for (AccountPageSection section : shown) {
      section.addTo(model, principal.getName(), account);
    }
    model.addAttribute("accountSections", shown);
    return "admin/users/view";
  }

  @GetMapping("/{id}/edit")
  public String editForm(Principal principal, @PathVariable long id, Model model) {
    UserAccount account = accounts.getForChange(principal.getName(), id);
    model.addAttribute("userForm", UserForm.of(account));
    return formPage(principal, model, account);
  }

  @PostMapping("/{id}/edit")
  public String edit(
      Principal principal,
      @PathVariable long id,
      @Valid @ModelAttribute("userForm") UserForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    UserAccount account = accounts.getForChange(principal.getName(), id);
    if (result.hasErrors()) {
      return formPage(principal, model, account);
    }
    try {
      accounts.edit(principal.getName(), id, form.getVersion(), form.toDetails(), form.getUserType());
    } catch (AccountValidationException e) {
      FormErrors.apply(e, result);
      return formPage(principal, model, account);
    } catch (AccountException e) {
      FormErrors.apply(e, result);
      return formPage(principal, model, account);
    }
    return done(redirect, id, "admin.users.saved");
  }

  @PostMapping("/{id}/lock")
  public String lock(Principal principal, @PathVariable long id, RedirectAttributes redirect) {
    return act(redirect, id, "admin.users.locked", () -> accounts.lock(principal.getName(), id));
  }

  @PostMapping("/{id}/unlock")
  public String unlock(Principal principal, @PathVariable long id, RedirectAttributes redirect) {
    return act(redirect, id, "admin.users.unlocked", () -> accounts.unlock(principal.getName(), id));
  }

  @GetMapping("/{id}/remove")
  public String removeConfirm(Principal principal, @PathVariable long id, Model model) {
    model.addAttribute("account", accounts.getForChange(principal.getName(), id));
    model.addAttribute("removeForm", new RemoveForm());
    return "admin/users/remove";
  }

  @PostMapping("/{id}/remove")
  public String remove(
      Principal principal,
      @PathVariable long id,
      @Valid @ModelAttribute("removeForm") RemoveForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    UserAccount account = accounts.getForChange(principal.getName(), id);
    if (!result.hasErrors()) {
      try {
        accounts.remove(principal.getName(), id, form.getReason());
        return done(redirect, id, "admin.users.removed");
      } catch (AccountException e) {
        FormErrors.apply(e, result);
      }
    }
    model.addAttribute("account", account);
    return "admin/users/remove";
  }

  @PostMapping("/{id}/restore")
  public String restore(Principal principal, @PathVariable long id, RedirectAttributes redirect) {
    return act(redirect, id, "admin.users.restored", () -> accounts.restore(principal.getName(), id));
  }

  @PostMapping("/{id}/reset-password")
  public String resetPassword(Principal principal, @PathVariable long id, Model model) {
    String oneTime = accounts.resetPassword(principal.getName(), id);
    UserAccount account = accounts.get(principal.getName(), id);
    return oneTimePasswordPage(model, account, oneTime, "admin.users.passwordReset");
  }

  // The one-time password is rendered straight into the response (never a redirect with a
  // flash attribute), so it is not kept in the session table.
  private String oneTimePasswordPage(Model model, UserAccount account, String password, String key) {
    model.addAttribute("account", account);
    model.addAttribute("oneTimePassword", password);
    model.addAttribute("headline", text(key));
    return "admin/users/one-time-password";
  }

  private String formPage(Principal principal, Model model, UserAccount account) {
    model.addAttribute("account", account);
    model.addAttribute("types", accounts.assignableTypes(principal.getName()));
    return "admin/users/form";
  }

  private String act(RedirectAttributes redirect, long id, String key, Runnable action) {
    try {
      action.run();
    } catch (AccountException e) {
      redirect.addFlashAttribute(
          "flash", messages.getMessage(e.messageKey(), e.args(), LocaleContextHolder.getLocale()));
      return "redirect:/admin/users/" + id;
    }
    return done(redirect, id, key);
  }

  private String done(RedirectAttributes redirect, long id, String key) {
    redirect.addFlashAttribute("flash", text(key));
    return "redirect:/admin/users/" + id;
  }

  private String text(String key) {
    return messages.getMessage(key, null, LocaleContextHolder.getLocale());
  }

}
