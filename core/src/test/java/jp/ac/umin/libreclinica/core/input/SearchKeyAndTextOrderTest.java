package jp.ac.umin.libreclinica.core.input;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.Test;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

public class SearchKeyAndTextOrderTest {

  @Test
  public void searchKeyFoldsWidthKanaAndAsciiCase() {
    assertEquals("スズキ-01", SearchKey.fold("すずき－０１"));
    assertEquals("スズキ", SearchKey.fold("ｽｽﾞｷ"));
    assertEquals("abc123", SearchKey.fold("ＡＢＣ１２３"));
    assertEquals("ヽヾ", SearchKey.fold("ゝゞ"));
    assertEquals("", SearchKey.fold(null));
    // letters beyond ASCII keep their case: the SQL function folds exactly the same way
    assertEquals("É", SearchKey.fold("É"));
  }

  @Test
  public void searchKeyPatternTakesWildcardsLiterally() {
    assertEquals("%a\\%b\\_c\\\\%", SearchKey.containsPattern("a%b_c\\"));
  }

  @Test
  public void normaliserSearchKeyAppliesTheFoldingsAsForCodes() {
    CharacterFolding dashToMinus = (input, kind) -> input.replace('‐', '-');
    InputNormaliser n = new InputNormaliser(List.of(dashToMinus));
    assertEquals("スズキ-1", n.searchKey("  すずき‐1 "));
    assertEquals("", n.searchKey(null));
  }

  @Test
  public void halfWidthKatakanaIsFoundOnlyWhereTyped() {
    assertTrue(HalfWidthKatakana.contains("ｶﾀｶﾅ"));
    assertTrue(HalfWidthKatakana.contains("abc｡"));
    assertFalse(HalfWidthKatakana.contains("カタカナ、ひらがな、ＡＢＣ"));
    assertFalse(HalfWidthKatakana.contains(null));
  }

  @Test
  public void englishOrderIsUsedWithoutACollationForTheLanguage() {
    TextOrder order = new TextOrder(List.of());
    List<String> names = new ArrayList<>(List.of("beta", "Alpha", "alpha2", "Zulu"));
    names.sort(order.comparator(Locale.JAPANESE));
    assertEquals(List.of("Alpha", "alpha2", "beta", "Zulu"), names);
  }

  @Test
  public void theCollationOfTheReadersLanguageIsUsedAndListsArePagedAfterSorting() {
    TextCollation reversed = new TextCollation() {
      @Override
      public boolean supports(Locale locale) {
        return "ja".equals(locale.getLanguage());
      }

      @Override
      public Comparator<String> comparator(Locale locale) {
        return Comparator.<String>naturalOrder().reversed();
      }
    };
    TextOrder order = new TextOrder(List.of(reversed));
    Page<String> page = TextOrder.page(List.of("a", "c", "b", "d"), s -> s,
        order.comparator(Locale.JAPANESE), PageRequest.of(1, 2));
    assertEquals(List.of("b", "a"), page.getContent());
    assertEquals(4, page.getTotalElements());
    assertEquals(List.of("a", "b"), TextOrder.page(List.of("b", "a"), s -> s,
        order.comparator(Locale.ENGLISH), PageRequest.of(0, 5)).getContent());
  }
}
