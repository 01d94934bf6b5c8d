package jp.ac.umin.libreclinica.web.security;

import jp.ac.umin.libreclinica.core.account.AccountNotFoundException;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Refusals from the services become "forbidden" and "not found" pages in the user's language. */
@ControllerAdvice
public class AccountExceptionAdvice {

  private final MessageSource messages;

  public AccountExceptionAdvice(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler(PermissionDeniedException.class)
  public ModelAndView forbidden(PermissionDeniedException e) {
    ModelAndView mav = new ModelAndView("error/403", HttpStatus.FORBIDDEN);
    mav.addObject(
        "problem", messages.getMessage(e.messageKey(), e.args(), LocaleContextHolder.getLocale()));
    return mav;
  }

  @ExceptionHandler(AccountNotFoundException.class)
  public ModelAndView notFound(AccountNotFoundException e) {
    ModelAndView mav = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    mav.addObject(
        "problem", messages.getMessage(e.messageKey(), e.args(), LocaleContextHolder.getLocale()));
    return mav;
  }
}
