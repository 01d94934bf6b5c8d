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
    return new DateDisplay(beans.getBeanProvider(DatePatterns.class), "Asia/Tokyo");
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
}
