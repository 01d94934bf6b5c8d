package jp.ac.umin.libreclinica.web.i18n;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the calendar era of a date, shown next to dates where a study asks for it (the study
 * parameter "show the Japanese era"). The Japanese language module contributes one (令和8年);
 * without it, no era is shown.
 */
public interface EraNotation {

  /** The era and year of {@code date} (e.g. 令和8年), or empty outside the calendar's eras. */
  Optional<String> eraYear(LocalDate date, Locale locale);
}
