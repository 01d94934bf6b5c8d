package jp.ac.umin.libreclinica.web.subject;

import jp.ac.umin.libreclinica.core.event.EventException;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.subject.SubjectException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A subject, event or study that does not exist is a 404 page; another refusal that reaches
 * here (a forged request the page would not send) is shown as a refusal saying why.
 */
@ControllerAdvice(basePackageClasses = SubjectExceptionAdvice.class)
public class SubjectExceptionAdvice {

  private final MessageSource messages;

  public SubjectExceptionAdvice(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler({SubjectException.class, EventException.class, StudyException.class})
  public ModelAndView refused(RuntimeException e) {
    String key;
    Object[] args;
    if (e instanceof SubjectException s) {
      key = s.messageKey();
      args = s.arguments();
    } else if (e instanceof EventException ev) {
      key = ev.messageKey();
      args = ev.arguments();
    } else {
      key = ((StudyException) e).messageKey();
      args = ((StudyException) e).arguments();
    }
    if (key.endsWith("notFound")) {
      return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    }
    ModelAndView mav = new ModelAndView("error/403", HttpStatus.FORBIDDEN);
    mav.addObject("problem", messages.getMessage(key, args, LocaleContextHolder.getLocale()));
    return mav;
  }
}
