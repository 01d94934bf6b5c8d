package jp.ac.umin.libreclinica.i18n.ja;

import static org.junit.Assert.assertEquals;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.dataentry.ItemValueValidator;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import org.junit.Test;

/** Item values typed with a Japanese IME are stored in their half-width canonical form. */
public class FullWidthItemValuesTest {

  private final InputNormaliser normaliser = new InputNormaliser(List.of(new FullWidthFolding()));
  private final ItemValueValidator validator =
      new ItemValueValidator(
          normaliser, new DateInputParser(normaliser, List.of(new JapaneseEraDateSyntax())));

  private static ItemDefinition item(ItemDataType type) {
    return new ItemDefinition(
        1, "ITEM", null, "left", null, null, "S1", null, null, null, null, null, null, null,
        ResponseType.TEXT, null, null, null, null, type, null, null, null, null, false, false,
        false, null);
  }

  @Test
  public void fullWidthNumbersAndEraDatesBecomeCanonical() {
    assertEquals("123", validator.check(item(ItemDataType.INT), "１２３", false).canonical());
    assertEquals("-5", validator.check(item(ItemDataType.INT), "ー５", false).canonical());
    assertEquals("36.5", validator.check(item(ItemDataType.REAL), "３６．５", false).canonical());
    assertEquals("2019-05-01", validator.check(item(ItemDataType.DATE), "令和元年５月１日", false).canonical());
    assertEquals(
        "dataentry.value.notInteger",
        validator.check(item(ItemDataType.INT), "１ａ", false).problem().messageKey());
  }

  @Test
  public void freeTextKeepsFullWidthAsTyped() {
    assertEquals("ＡＢＣ　１２３", validator.check(item(ItemDataType.ST), "ＡＢＣ　１２３", false).canonical());
  }
}
