package jp.ac.umin.libreclinica.web.i18n;

import java.time.LocalDate;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import org.springframework.format.Formatter;

/**
 * Binds dates typed in forms through {@link DateInputParser} (so every date field accepts
 * 2026/4/7, 20260407, full-width digits and, with the Japanese module, 令和8年4月7日), and
 * writes them back in the canonical ISO form that the date input shows.
 */
public class LocalDateFormatter implements Formatter<LocalDate> {

  private final DateInputParser parser;

  public LocalDateFormatter(DateInputParser parser) {
    this.parser = parser;
  }

  @Override
  public LocalDate parse(String text, Locale locale) {
    return parser.parseDate(text).toLocalDate();
  }

  @Override
  public String print(LocalDate date, Locale locale) {
    return date.toString();
  }
}
