package jp.ac.umin.libreclinica.web.i18n;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.After;
import org.junit.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.i18n.LocaleContextHolder;

public class DateDisplayTest {

  private DateDisplay display(DatePatterns... patterns) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    for (int i = 0; i < patterns.length; i++) {
      beans.registerSingleton("p" + i, patterns[i]);
    }
    return new DateDisplay(beans.getBeanProvider(DatePatterns.class), "Asia/Tokyo",
        beans.getBeanProvider(EraNotation.class));
  }

  private DateDisplay withEra(EraNotation era, DatePatterns... patterns) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    for (int i = 0; i < patterns.length; i++) {
      beans.registerSingleton("p" + i, patterns[i]);
    }
    beans.registerSingleton("era", era);
    return new DateDisplay(beans.getBeanProvider(DatePatterns.class), "Asia/Tokyo",
        beans.getBeanProvider(EraNotation.class));
  }

  @After
  public void resetLocale() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  public void writesIsoDatesInEnglishInTheDisplayZone() {
    LocaleContextHolder.setLocale(Locale.ENGLISH);
    DateDisplay d = display();
    assertEquals("2026-04-07", d.date(LocalDate.of(2026, 4, 7)));
    // 2026-04-06T20:05Z is 05:05 the next morning in Tokyo
    assertEquals("2026-04-07 05:05", d.dateTime(Instant.parse("2026-04-06T20:05:00Z")));
    assertEquals("2026-04-07 05:05 JST", d.dateTimeWithZone(Instant.parse("2026-04-06T20:05:00Z")));
  }

  @Test
  public void usesTheLanguagesOwnPatternsWithoutMonthNames() {
    LocaleContextHolder.setLocale(Locale.JAPANESE);
    DateDisplay d = display(new DatePatterns("ja", "uuuu/MM/dd", "uuuu/MM/dd HH:mm"));
    assertEquals("2026/04/07", d.date(LocalDate.of(2026, 4, 7)));
    assertEquals("2026/04/07 14:05", d.dateTime(Instant.parse("2026-04-07T05:05:00Z")));
  }

  @Test
  public void fallsBackToIsoForALanguageWithoutPatterns() {
    LocaleContextHolder.setLocale(Locale.GERMAN);
    assertEquals("2026-04-07", display().date(LocalDate.of(2026, 4, 7)));
  }

  @Test
  public void showsTheEraNextToADateOnlyWhenAskedAndANotationIsInstalled() {
    LocaleContextHolder.setLocale(Locale.JAPANESE);
    EraNotation fake = (date, locale) ->
        date.getYear() >= 2019 ? java.util.Optional.of("R" + (date.getYear() - 2018)) : java.util.Optional.empty();
    DateDisplay d = withEra(fake, new DatePatterns("ja", "uuuu/MM/dd", "uuuu/MM/dd HH:mm"));
    assertEquals("2026/04/07 (R8)", d.date(LocalDate.of(2026, 4, 7), true));
    assertEquals("2026/04/07", d.date(LocalDate.of(2026, 4, 7), false));
    assertEquals("1900/01/01", d.date(LocalDate.of(1900, 1, 1), true));
    assertEquals("2026/04/07 (R8)", d.isoDate("2026-04-07", true));
    assertEquals("2026-04", d.isoDate("2026-04", true));
    assertEquals("", d.date(null, true));
    assertEquals("(R8)", d.eraNote("2026-04-07"));
    assertEquals("", d.eraNote("R8.4.7"));
    assertEquals("", d.eraNote("2026-02-30"));
    // without a notation (no language module), the option changes nothing
    assertEquals("2026/04/07",
        display(new DatePatterns("ja", "uuuu/MM/dd", "uuuu/MM/dd HH:mm")).date(LocalDate.of(2026, 4, 7), true));
  }
}
