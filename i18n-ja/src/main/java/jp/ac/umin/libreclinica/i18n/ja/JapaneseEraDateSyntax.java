package jp.ac.umin.libreclinica.i18n.ja;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.input.DateSyntax;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.input.PartialDate;

/**
 * Dates written the Japanese way: with an era ({@code 令和8年4月7日}, {@code 平成元年},
 * {@code R8.4.7}, {@code H31/4/30}) or with 年月日 after a Gregorian year ({@code 2026年4月7日}).
 * Year, year-month and full dates are read. A date outside its era is refused with a message
 * that gives the era's bounds.
 */
public class JapaneseEraDateSyntax implements DateSyntax {

  private static final String NUM = "(元|\\d{1,2})";
  private static final Pattern KANJI_ERA =
      Pattern.compile(
          "(明治|大正|昭和|平成|令和)\\s*" + NUM + "\\s*年(?:\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?)?");
  private static final Pattern LETTER_ERA =
      Pattern.compile("([MTSHRmtshr])\\s*" + NUM + "(?:([./-])(\\d{1,2})(?:\\3(\\d{1,2}))?)?");
  private static final Pattern GREGORIAN_KANJI =
      Pattern.compile("(\\d{4})\\s*年(?:\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?)?");

  @Override
  public Optional<PartialDate> parse(String input) {
    Matcher m = KANJI_ERA.matcher(input);
    if (m.matches()) {
      return Optional.of(eraDate(input, m.group(1), m.group(2), m.group(3), m.group(4)));
    }
    m = LETTER_ERA.matcher(input);
    if (m.matches()) {
      return Optional.of(eraDate(input, m.group(1), m.group(2), m.group(4), m.group(5)));
    }
    m = GREGORIAN_KANJI.matcher(input);
    if (m.matches()) {
      return Optional.of(
          new PartialDate(Integer.parseInt(m.group(1)), integer(m.group(2)), integer(m.group(3))));
    }
    return Optional.empty();
  }

  private static PartialDate eraDate(
      String input, String eraName, String yearText, String monthText, String dayText) {
    JapaneseEra era = JapaneseEra.named(eraName).orElseThrow();
    int yearOfEra = "元".equals(yearText) ? 1 : Integer.parseInt(yearText);
    if (yearOfEra < 1) {
      throw new InvalidInputException("input.era.yearZero", input, era.kanji());
    }
    PartialDate date =
        new PartialDate(era.gregorianYear(yearOfEra), integer(monthText), integer(dayText));
    LocalDate earliest = earliestDay(date);
    LocalDate latest = latestDay(date);
    if (earliest.isBefore(JapaneseEra.GREGORIAN_SINCE)) {
      throw new InvalidInputException("input.era.lunisolar", input);
    }
    if (latest.isBefore(era.first())) {
      throw new InvalidInputException(
          "input.era.beforeStart",
          input,
          era.kanji(),
          JapaneseDateFormat.era(era.first()),
          JapaneseDateFormat.slashed(era.first()));
    }
    if (era.last() != null && earliest.isAfter(era.last())) {
      throw new InvalidInputException(
          "input.era.afterEnd",
          input,
          era.kanji(),
          JapaneseDateFormat.era(era.last()),
          JapaneseDateFormat.slashed(era.last()));
    }
    return date;
  }

  private static LocalDate earliestDay(PartialDate d) {
    if (d.isComplete()) {
      return d.toLocalDate();
    }
    return LocalDate.of(d.year(), d.month() == null ? 1 : d.month(), 1);
  }

  private static LocalDate latestDay(PartialDate d) {
    if (d.isComplete()) {
      return d.toLocalDate();
    }
    return d.month() == null
        ? LocalDate.of(d.year(), 12, 31)
        : YearMonth.of(d.year(), d.month()).atEndOfMonth();
  }

  private static Integer integer(String text) {
    return text == null ? null : Integer.valueOf(text);
  }
}
