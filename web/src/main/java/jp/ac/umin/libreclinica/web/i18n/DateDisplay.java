package jp.ac.umin.libreclinica.web.i18n;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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

  public DateDisplay(
      ObjectProvider<DatePatterns> contributed, @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.patterns =
        contributed.orderedStream()
            .collect(Collectors.toMap(DatePatterns::language, Function.identity(), (a, b) -> a));
    this.zone = ZoneId.of(zone);
  }

  public ZoneId zone() {
    return zone;
  }

  public String date(LocalDate date) {
    return date == null ? "" : formatter(DatePatterns::date).format(date);
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
