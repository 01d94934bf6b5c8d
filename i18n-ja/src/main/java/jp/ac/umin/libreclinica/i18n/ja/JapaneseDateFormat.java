package jp.ac.umin.libreclinica.i18n.ja;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** How dates are written for Japanese readers: {@code 2026/04/07} and {@code 令和8年4月7日}. */
public final class JapaneseDateFormat {

  /** The date pattern of Japanese pages (GLOSSARY-ja.md). */
  public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");

  /** The date-and-time pattern of Japanese pages. */
  public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm");

  private JapaneseDateFormat() {}

  public static String slashed(LocalDate date) {
    return DATE.format(date);
  }

  /** The date in the Japanese calendar, e.g. 令和元年5月1日; ISO for dates before Meiji. */
  public static String era(LocalDate date) {
    return JapaneseEra.of(date)
        .map(
            era -> {
              int y = era.yearOfEra(date.getYear());
              return era.kanji()
                  + (y == 1 ? "元" : String.valueOf(y))
                  + "年"
                  + date.getMonthValue()
                  + "月"
                  + date.getDayOfMonth()
                  + "日";
            })
        .orElse(slashed(date));
  }
}
