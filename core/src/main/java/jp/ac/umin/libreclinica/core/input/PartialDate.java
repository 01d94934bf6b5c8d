package jp.ac.umin.libreclinica.core.input;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A date that may be known only to the year or the month (a PDATE item's value, a year of
 * birth). Its canonical form is ISO 8601: {@code 2026}, {@code 2026-04} or {@code 2026-04-07}.
 *
 * @param year the year (1 to 9999)
 * @param month 1 to 12, or {@code null} when only the year is known
 * @param day 1 to 31, or {@code null} when the day is not known
 */
public record PartialDate(int year, Integer month, Integer day) {

  public PartialDate {
    if (year < 1 || year > 9999) {
      throw new InvalidInputException("input.date.yearOutOfRange", String.valueOf(year));
    }
    if (month == null && day != null) {
      throw new IllegalArgumentException("a day needs a month");
    }
    if (month != null && (month < 1 || month > 12)) {
      throw new InvalidInputException("input.date.noSuchMonth", String.valueOf(month));
    }
    if (day != null) {
      try {
        LocalDate.of(year, month, day);
      } catch (DateTimeException e) {
        throw new InvalidInputException("input.date.noSuchDay", String.valueOf(year), String.valueOf(month), String.valueOf(day));
      }
    }
  }

  public static PartialDate of(LocalDate date) {
    return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  public boolean isComplete() {
    return day != null;
  }

  /** The full date; only for a complete date. */
  public LocalDate toLocalDate() {
    if (!isComplete()) {
      throw new IllegalStateException("not a complete date: " + iso());
    }
    return LocalDate.of(year, month, day);
  }

  /** The canonical ISO 8601 text. */
  public String iso() {
    if (month == null) {
      return String.format("%04d", year);
    }
    if (day == null) {
      return YearMonth.of(year, month).toString();
    }
    return LocalDate.of(year, month, day).toString();
  }

  @Override
  public String toString() {
    return iso();
  }
}
