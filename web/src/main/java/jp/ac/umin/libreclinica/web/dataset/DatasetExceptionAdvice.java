package jp.ac.umin.libreclinica.web.dataset;

import jp.ac.umin.libreclinica.core.dataset.DatasetException;
import jp.ac.umin.libreclinica.core.job.JobException;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A dataset or extract that does not exist (here) is a 404 page, not an error page. */
@ControllerAdvice(basePackageClasses = DatasetExceptionAdvice.class)
public class DatasetExceptionAdvice {

  @ExceptionHandler({DatasetException.class, JobException.class})
  @ResponseStatus(HttpStatus.NOT_FOUND)
  public String notFound(MessageKeyException e) {
    if (!e.messageKey().endsWith("notFound")) {
      throw e;
    }
    return "error/404";
  }
}
