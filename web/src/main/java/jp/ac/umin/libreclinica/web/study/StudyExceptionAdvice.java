package jp.ac.umin.libreclinica.web.study;

import jp.ac.umin.libreclinica.core.study.StudyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A study, site or event that does not exist is a 404 page, not an error page. */
@ControllerAdvice(basePackageClasses = StudyExceptionAdvice.class)
public class StudyExceptionAdvice {

  @ExceptionHandler(StudyException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  public String notFound(StudyException e) {
    if (!e.messageKey().endsWith("notFound")) {
      throw e;
    }
    return "error/404";
  }
}
