package jp.ac.umin.libreclinica.web.crf;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.crf.CrfNotFoundException;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A CRF or version that does not exist is a 404 page; a file beyond the server's multipart
 * limit (refused before any controller runs) is the upload page with a message in the user's
 * language instead of an error page (the CRF upload page, or the ODM import page for its uploads).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CrfExceptionAdvice {

  private static final Pattern ODM_IMPORT = Pattern.compile("/studies/(\\d+)/imports$");

  private final MessageSource messages;
  private final CrfService crfs;

  public CrfExceptionAdvice(MessageSource messages, CrfService crfs) {
    this.messages = messages;
    this.crfs = crfs;
  }

  @ExceptionHandler(CrfNotFoundException.class)
  public ModelAndView notFound(CrfNotFoundException e) {
    ModelAndView mav = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    mav.addObject("problem", text(e.messageKey(), e.arguments()));
    return mav;
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    // the ODM import page has its own page to go back to
    Matcher odm = ODM_IMPORT.matcher(request.getRequestURI());
    if (odm.find()) {
      return new ModelAndView("redirect:/studies/" + odm.group(1) + "/imports?refused=tooLarge");
    }
    String max = CrfUploadLimits.megabytes(crfs.limits().maxBytes());
    ModelAndView mav = new ModelAndView("crf/upload", HttpStatus.PAYLOAD_TOO_LARGE);
    mav.addObject("maxMegabytes", max);
    mav.addObject("error", text("crfweb.upload.tooLarge", max));
    return mav;
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
