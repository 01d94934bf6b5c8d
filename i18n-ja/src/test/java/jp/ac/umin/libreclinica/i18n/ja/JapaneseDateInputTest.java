package jp.ac.umin.libreclinica.i18n.ja;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.junit.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

public class JapaneseDateInputTest {

  private final DateInputParser parser =
      new DateInputParser(
          new InputNormaliser(List.of(new FullWidthFolding())),
          List.of(new JapaneseEraDateSyntax()));

  private String iso(String typed) {
    return parser.parse(typed).iso();
  }

  @Test
  public void readsGregorianFormsWithAndWithoutFullWidthDigits() {
    assertEquals("2026-04-07", iso("2026/4/7"));
    assertEquals("2026-04-07", iso("2026-04-07"));
    assertEquals("2026-04-07", iso("20260407"));
    assertEquals("2026-04-07", iso("２０２６／４／７"));
    assertEquals("2026-04-07", iso("２０２６－０４－０７"));
    assertEquals("2026-04-07", iso("２０２６０４０７"));
    assertEquals("2026-04-07", iso("2026年4月7日"));
    assertEquals("2026-04-07", iso(" 2026/04/07　"));
  }

  @Test
  public void readsEraForms() {
    assertEquals("2026-04-07", iso("令和8年4月7日"));
    assertEquals("2026-04-07", iso("令和８年４月７日"));
    assertEquals("2026-04-07", iso("R8.4.7"));
    assertEquals("2026-04-07", iso("R8/4/7"));
    assertEquals("2026-04-07", iso("r8-4-7"));
    assertEquals("2026-04-07", iso("Ｒ８．４．７"));
    assertEquals("2019-05-01", iso("令和元年5月1日"));
    assertEquals("2019-05-01", iso("R元.5.1"));
  }

  @Test
  public void eraBoundariesOfTheGlossary() {
    assertEquals("1989-01-07", iso("昭和64年1月7日"));
    assertEquals("1989-01-08", iso("平成元年1月8日"));
    assertEquals("2019-04-30", iso("平成31年4月30日"));
    assertEquals("2019-05-01", iso("令和元年5月1日"));
    assertEquals("1926-12-25", iso("昭和元年12月25日"));
    assertEquals("1912-07-30", iso("大正元年7月30日"));
    assertEquals("1873-01-01", iso("明治6年1月1日"));
  }

  @Test
  public void formatsEraBoundaries() {
    assertEquals("昭和64年1月7日", JapaneseDateFormat.era(LocalDate.of(1989, 1, 7)));
    assertEquals("平成元年1月8日", JapaneseDateFormat.era(LocalDate.of(1989, 1, 8)));
    assertEquals("平成31年4月30日", JapaneseDateFormat.era(LocalDate.of(2019, 4, 30)));
    assertEquals("令和元年5月1日", JapaneseDateFormat.era(LocalDate.of(2019, 5, 1)));
    assertEquals("令和8年4月7日", JapaneseDateFormat.era(LocalDate.of(2026, 4, 7)));
    assertEquals("2026/04/07", JapaneseDateFormat.slashed(LocalDate.of(2026, 4, 7)));
  }

  @Test
  public void readsPartialDates() {
    assertEquals("2026", iso("令和8年"));
    assertEquals("2026-04", iso("令和8年4月"));
    assertEquals("2019", iso("平成31年"));
    assertEquals("2019", iso("令和元年"));
    assertEquals("2026-04", iso("2026/4"));
    assertEquals("2026", iso("２０２６"));
    assertEquals("1989-01", iso("S64.1"));
  }

  @Test
  public void refusesImpossibleEraDatesSayingWhy() {
    assertRefused("平成32年", "input.era.afterEnd");
    assertRefused("昭和65年1月1日", "input.era.afterEnd");
    assertRefused("令和元年4月30日", "input.era.beforeStart");
    assertRefused("平成元年1月7日", "input.era.beforeStart");
    assertRefused("昭和64年1月8日", "input.era.afterEnd");
    assertRefused("令和元年4月", "input.era.beforeStart");
    assertRefused("令和0年", "input.era.yearZero");
    assertRefused("明治5年12月1日", "input.era.lunisolar");
  }

  @Test
  public void refusesWhatIsNoDate() {
    assertRefused("2026/2/30", "input.date.noSuchDay");
    assertRefused("2026/13/1", "input.date.noSuchMonth");
    assertRefused("令和8年2月30日", "input.date.noSuchDay");
    assertRefused("令和H8年4月7日", "input.date.unreadable");
    assertRefused("平成令和8年", "input.date.unreadable");
    assertRefused("四月七日", "input.date.unreadable");
    assertRefused("abc", "input.date.unreadable");
    assertRefused("　", "input.date.empty");
  }

  @Test
  public void refusesPartialDateWhereAFullDateIsNeeded() {
    try {
      parser.parseDate("令和8年4月");
      fail("a partial date was accepted");
    } catch (InvalidInputException e) {
      assertEquals("input.date.incomplete", e.messageKey());
    }
  }

  @Test
  public void refusalsReadWellInBothLanguages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/era", "i18n/input");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    InvalidInputException e = refusal("平成32年1月1日");
    String ja = messages.getMessage(e.messageKey(), e.arguments(), Locale.JAPANESE);
    String en = messages.getMessage(e.messageKey(), e.arguments(), Locale.ENGLISH);
    assertEquals("「平成32年1月1日」は平成の終了後の日付です。平成は平成31年4月30日（2019/04/30）で終わりました。", ja);
    assertTrue(en, en.contains("after the end of 平成") && en.contains("2019/04/30"));
    InvalidInputException day = refusal("2026/2/30");
    assertEquals(
        "2026年2月30日は存在しない日付です。",
        messages.getMessage(day.messageKey(), day.arguments(), Locale.JAPANESE));
  }

  private InvalidInputException refusal(String typed) {
    try {
      parser.parse(typed);
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError(typed + " was accepted");
  }

  private void assertRefused(String typed, String key) {
    assertEquals(typed, key, refusal(typed).messageKey());
  }
}
