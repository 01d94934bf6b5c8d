package jp.ac.umin.libreclinica.web.i18n;

import java.util.Arrays;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.springframework.beans.PropertyAccessException;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How form input becomes values: dates go through {@link DateInputParser}, and when a value
 * cannot be read, the field's message says why in the user's language (the reason the parser
 * gave, e.g. that 平成 ended on 平成31年4月30日) instead of a generic "type mismatch".
 */
@Configuration(proxyBeanMethods = false)
@ControllerAdvice
public class InputBindingConfiguration implements WebMvcConfigurer {

  private final DateInputParser dates;

  public InputBindingConfiguration(DateInputParser dates) {
    this.dates = dates;
  }

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addFormatter(new LocalDateFormatter(dates));
  }

  @InitBinder
  public void explainUnreadableInput(WebDataBinder binder) {
    binder.setBindingErrorProcessor(new ReasonGivingBindingErrorProcessor());
  }

  static final class ReasonGivingBindingErrorProcessor extends DefaultBindingErrorProcessor {

    @Override
    public void processPropertyAccessException(PropertyAccessException ex, BindingResult result) {
      Throwable cause = ex;
      while (cause != null && !(cause instanceof InvalidInputException)) {
        cause = cause.getCause();
      }
      if (cause instanceof InvalidInputException invalid) {
        String field = ex.getPropertyName();
        String[] codes = result.resolveMessageCodes(invalid.messageKey(), field);
        String[] withKey = Arrays.copyOf(codes, codes.length + 1);
        withKey[codes.length] = invalid.messageKey();
        result.addError(
            new FieldError(
                result.getObjectName(),
                field,
                ex.getValue(),
                true,
                withKey,
                invalid.arguments(),
                invalid.messageKey()));
        return;
      }
      super.processPropertyAccessException(ex, result);
    }
  }
}
