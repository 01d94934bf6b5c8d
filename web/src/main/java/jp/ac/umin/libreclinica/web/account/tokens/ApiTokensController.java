package jp.ac.umin.libreclinica.web.account.tokens;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenException;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.apitoken.IssuedApiToken;
import jp.ac.umin.libreclinica.web.i18n.DateDisplay;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's personal API tokens: create (the token is shown once, in the response to
 * the creation, and kept nowhere else, not even in the session), list and revoke.
 */
@Controller
@RequestMapping("/account/tokens")
public class ApiTokensController {

  private static final String VIEW = "tokens/list";

  private final ApiTokenService tokens;
  private final MessageSource messages;
  private final DateDisplay dates;

  public ApiTokensController(
      ApiTokenService tokens, MessageSource messages, DateDisplay dates) {
    this.tokens = tokens;
    this.messages = messages;
    this.dates = dates;
  }

  @GetMapping
  public String list(Principal user, Model model) {
    model.addAttribute("form", new ApiTokenForm());
    return show(user, model);
  }

  @PostMapping
  public String create(
      Principal user,
      @Valid @ModelAttribute("form") ApiTokenForm form,
      BindingResult errors,
      Model model,
      HttpServletResponse response) {
    if (errors.hasErrors()) {
      return show(user, model);
    }
    Instant expiresAt =
        form.getExpiresOn() == null
            ? null
            : form.getExpiresOn().plusDays(1).atStartOfDay(dates.zone()).toInstant();
    try {
      IssuedApiToken issued = tokens.create(user.getName(), form.getName(), expiresAt);
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      model.addAttribute("issued", issued);
      model.addAttribute("form", new ApiTokenForm());
    } catch (ApiTokenException e) {
      String field = e.messageKey().startsWith("tokens.error.expiry") ? "expiresOn" : "name";
      errors.rejectValue(field, e.messageKey(), e.args(), e.messageKey());
    }
    return show(user, model);
  }

  @PostMapping("/{id}/revoke")
  public String revoke(
      Principal user, @PathVariable long id, RedirectAttributes redirect, Locale locale) {
    try {
      tokens.revoke(user.getName(), id);
      redirect.addFlashAttribute("flash", messages.getMessage("tokens.revoked", null, locale));
    } catch (ApiTokenException e) {
      redirect.addFlashAttribute("flash", messages.getMessage(e.messageKey(), e.args(), locale));
    }
    return "redirect:/account/tokens";
  }

  private String show(Principal user, Model model) {
    model.addAttribute("tokens", tokens.tokensOf(user.getName()));
    model.addAttribute("now", Instant.now());
    return VIEW;
  }
}
