package jp.ac.umin.libreclinica.i18n.ja;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.input.TextOrder;
import jp.ac.umin.libreclinica.web.i18n.DateDisplay;
import jp.ac.umin.libreclinica.web.i18n.DatePatterns;
import jp.ac.umin.libreclinica.web.i18n.EraNotation;
import org.junit.After;
import org.junit.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.i18n.LocaleContextHolder;

public class JapaneseEraNotationAndCollationTest {

  private final JapaneseEraNotation era = new JapaneseEraNotation();

  @After
  public void resetLocale() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  public void namesTheEraYearAtTheGlossaryBoundaries() {
    assertEquals(Optional.of("昭和64年"), era.eraYear(LocalDate.of(1989, 1, 7), Locale.JAPANESE));
    assertEquals(Optional.of("平成元年"), era.eraYear(LocalDate.of(1989, 1, 8), Locale.JAPANESE));
    assertEquals(Optional.of("平成31年"), era.eraYear(LocalDate.of(2019, 4, 30), Locale.JAPANESE));
    assertEquals(Optional.of("令和元年"), era.eraYear(LocalDate.of(2019, 5, 1), Locale.JAPANESE));
    assertEquals(Optional.of("令和8年"), era.eraYear(LocalDate.of(2026, 4, 7), Locale.ENGLISH));
    assertEquals(Optional.empty(), era.eraYear(LocalDate.of(1850, 1, 1), Locale.JAPANESE));
  }

  @Test
  public void theDateDisplayShowsTheEraWithTheJapaneseModule() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("patterns", new DatePatterns("ja", "uuuu/MM/dd", "uuuu/MM/dd HH:mm"));
    beans.registerSingleton("era", era);
    DateDisplay dates = new DateDisplay(beans.getBeanProvider(DatePatterns.class), "Asia/Tokyo",
        beans.getBeanProvider(EraNotation.class));
    LocaleContextHolder.setLocale(Locale.JAPANESE);
    assertEquals("2026/04/07 (令和8年)", dates.date(LocalDate.of(2026, 4, 7), true));
    assertEquals("2019/05/01 (令和元年)", dates.isoDate("2019-05-01", true));
    assertEquals("(平成31年)", dates.eraNote("2019-04-30"));
    assertEquals("2026/04/07", dates.date(LocalDate.of(2026, 4, 7), false));
  }

  @Test
  public void japaneseReadersGetKanaInGojuonOrderWithHiraganaAndKatakanaTogether() {
    TextOrder order = new TextOrder(List.of(new JapaneseCollation()));
    List<String> names = new ArrayList<>(List.of("さくら試験", "アサガオ試験", "かえで試験", "イチョウ試験", "あじさい試験"));
    names.sort(order.comparator(Locale.JAPANESE));
    assertEquals(List.of("アサガオ試験", "あじさい試験", "イチョウ試験", "かえで試験", "さくら試験"), names);
    // code-point order would put every hiragana before every katakana
    List<String> byCodePoint = new ArrayList<>(names);
    byCodePoint.sort(String::compareTo);
    assertFalse(names.equals(byCodePoint));
  }

  @Test
  public void fullWidthAndHalfWidthLatinSortTogetherForJapaneseReaders() {
    TextOrder order = new TextOrder(List.of(new JapaneseCollation()));
    List<String> names = new ArrayList<>(List.of("Ｃ試験", "b study", "Ａ study"));
    names.sort(order.comparator(Locale.JAPANESE));
    assertEquals(List.of("Ａ study", "b study", "Ｃ試験"), names);
    assertTrue(new JapaneseCollation().supports(Locale.JAPAN));
    assertFalse(new JapaneseCollation().supports(Locale.ENGLISH));
  }
}
