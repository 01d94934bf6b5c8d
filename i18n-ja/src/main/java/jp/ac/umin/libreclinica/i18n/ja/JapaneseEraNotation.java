package jp.ac.umin.libreclinica.i18n.ja;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.web.i18n.EraNotation;

/**
 * The era and year of a date in the Japanese calendar (令和8年, 令和元年), shown next to dates of
 * studies that ask for it, whatever the reader's language. Dates before 1873 (the lunisolar
 * calendar) get no era.
 */
public class JapaneseEraNotation implements EraNotation {

  @Override
  public Optional<String> eraYear(LocalDate date, Locale locale) {
    if (date == null || date.isBefore(JapaneseEra.GREGORIAN_SINCE)) {
      return Optional.empty();
    }
    return JapaneseEra.of(date)
        .map(era -> {
          int y = era.yearOfEra(date.getYear());
          return era.kanji() + (y == 1 ? "元" : String.valueOf(y)) + "年";
        });
  }
}
