package jp.ac.umin.libreclinica.i18n.ja;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The eras of the Japanese calendar since the Meiji restoration, with their first and last
 * days in the Gregorian calendar. Year 1 of an era (元年) runs from its first day to the end of
 * that Gregorian year.
 */
public enum JapaneseEra {
  MEIJI("明治", 'M', LocalDate.of(1868, 10, 23), LocalDate.of(1912, 7, 29)),
  TAISHO("大正", 'T', LocalDate.of(1912, 7, 30), LocalDate.of(1926, 12, 24)),
  SHOWA("昭和", 'S', LocalDate.of(1926, 12, 25), LocalDate.of(1989, 1, 7)),
  HEISEI("平成", 'H', LocalDate.of(1989, 1, 8), LocalDate.of(2019, 4, 30)),
  REIWA("令和", 'R', LocalDate.of(2019, 5, 1), null);

  /** Japan used the lunisolar calendar until 明治5年12月2日; later dates are Gregorian. */
  public static final LocalDate GREGORIAN_SINCE = LocalDate.of(1873, 1, 1);

  private final String kanji;
  private final char letter;
  private final LocalDate first;
  private final LocalDate last;

  JapaneseEra(String kanji, char letter, LocalDate first, LocalDate last) {
    this.kanji = kanji;
    this.letter = letter;
    this.first = first;
    this.last = last;
  }

  public String kanji() {
    return kanji;
  }

  public char letter() {
    return letter;
  }

  public LocalDate first() {
    return first;
  }

  /** The last day, or {@code null} for the current era. */
  public LocalDate last() {
    return last;
  }

  /** The Gregorian year of the era's year {@code yearOfEra}. */
  public int gregorianYear(int yearOfEra) {
    return first.getYear() + yearOfEra - 1;
  }

  /** The era's year of a Gregorian year (within the era). */
  public int yearOfEra(int gregorianYear) {
    return gregorianYear - first.getYear() + 1;
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(first) && (last == null || !date.isAfter(last));
  }

  /** The era a date falls in, if it is after the start of Meiji. */
  public static Optional<JapaneseEra> of(LocalDate date) {
    return Arrays.stream(values()).filter(e -> e.contains(date)).findFirst();
  }

  /** The era named by its kanji (明治 …) or its letter (M, T, S, H, R; either case). */
  public static Optional<JapaneseEra> named(String name) {
    return Arrays.stream(values())
        .filter(
            e ->
                e.kanji.equals(name)
                    || (name.length() == 1 && Character.toUpperCase(name.charAt(0)) == e.letter))
        .findFirst();
  }
}
