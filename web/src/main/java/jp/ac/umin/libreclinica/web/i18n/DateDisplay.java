package jp.ac.umin.libreclinica.web.i18n;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes dates and times for the reader of the page, in their language's pattern and the
 * installation's display zone ({@code lc.time-zone}, Asia/Tokyo unless set). Templates use it
 * as {@code ${@dates.date(d)}} and {@code ${@dates.dateTime(t)}}; month names are never used,
 * so no language shows "07-4月-2026".
 */
@Component("dates")
public class DateDisplay {

  private final Map<String, DatePatterns> patterns;
  private final ZoneId zone;
  private final List<EraNotation> eras;

  public DateDisplay(
      ObjectProvider<DatePatterns> contributed,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone,
      ObjectProvider<EraNotation> eras) {
    this.patterns =
        contributed.orderedStream()
            .collect(Collectors.toMap(DatePatterns::language, Function.identity(), (a, b) -> a));
    this.zone = ZoneId.of(zone);
    this.eras = eras.orderedStream().toList();
  }

  public ZoneId zone() {
    return zone;
  }

  public String date(LocalDate date) {
    return date == null ? "" : formatter(DatePatterns::date).format(date);
  }

  /**
   * The date, followed by its era in parentheses when {@code withEra} (the study parameter) and
   * an {@link EraNotation} is installed: {@code 2026/04/07 (令和8年)}.
   */
  public String date(LocalDate date, boolean withEra) {
    String plain = date(date);
    if (date == null || !withEra) {
      return plain;
    }
    return era(date).map(e -> plain + " (" + e + ")").orElse(plain);
  }

  /**
   * As {@link #date(LocalDate, boolean)} for a stored ISO date (a DATE item's value): other
   * text (a partial date, a value not yet valid) is returned as it is.
   */
  public String isoDate(String value, boolean withEra) {
    if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return value == null ? "" : value;
    }
    try {
      return date(LocalDate.parse(value), withEra);
    } catch (java.time.format.DateTimeParseException e) {
      return value;
    }
  }

  /** The date-time, with the era of its date in the display zone when {@code withEra}. */
  public String dateTime(Instant instant, boolean withEra) {
    String plain = dateTime(instant);
    if (instant == null || !withEra) {
      return plain;
    }
    return era(instant.atZone(zone).toLocalDate()).map(e -> plain + " (" + e + ")").orElse(plain);
  }

  /**
   * The era of a stored ISO date in parentheses ({@code (令和8年)}), for showing beside the value
   * of a DATE item; empty for other text or without an {@link EraNotation}.
   */
  public String eraNote(String isoValue) {
    if (isoValue == null || !isoValue.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return "";
    }
    try {
      return era(LocalDate.parse(isoValue)).map(e -> "(" + e + ")").orElse("");
    } catch (java.time.format.DateTimeParseException e) {
      return "";
    }
  }

  /** The era of a date ({@code 令和8年}) by the installed notation, if any. */
  public Optional<String> era(LocalDate date) {
    Locale locale = LocaleContextHolder.getLocale();
    for (EraNotation n : eras) {
      Optional<String> e = n.eraYear(date, locale);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : formatter(DatePatterns::dateTime).format(instant.atZone(zone));
  }

  public String dateTime(OffsetDateTime time) {
    return time == null ? "" : dateTime(time.toInstant());
  }

  public String dateTime(ZonedDateTime time) {
    return time == null ? "" : dateTime(time.toInstant());
  }

  /** A local date-time is taken to be in the display zone already. */
  public String dateTime(LocalDateTime time) {
    return time == null ? "" : formatter(DatePatterns::dateTime).format(time);
  }

  /** The date-time followed by the zone's short name, where the zone matters (e.g. JST). */
  public String dateTimeWithZone(Instant instant) {
    if (instant == null) {
      return "";
    }
    ZonedDateTime t = instant.atZone(zone);
    return formatter(DatePatterns::dateTime).format(t)
        + " "
        + DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(t);
  }

  private DateTimeFormatter formatter(Function<DatePatterns, String> which) {
    Locale locale = LocaleContextHolder.getLocale();
    DatePatterns p = patterns.getOrDefault(locale.getLanguage(), DatePatterns.ISO);
    return DateTimeFormatter.ofPattern(which.apply(p), locale);
  }
}
