package jp.ac.umin.libreclinica.core.dataentry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemValidation;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseSetDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import org.junit.Test;

public class ItemValueValidatorTest {

  private final InputNormaliser normaliser = new InputNormaliser(List.of());
  private final ItemValueValidator validator =
      new ItemValueValidator(normaliser, new DateInputParser(normaliser, List.of()));

  static ItemDefinition item(
      ItemDataType type,
      ResponseType responseType,
      ResponseSetDefinition options,
      Integer width,
      Integer decimals,
      ItemValidation validation) {
    return new ItemDefinition(
        1, "ITEM", "desc", "left", null, null, "S1", null, null, null, null, null, null, null,
        responseType, options, null, null, null, type, null, width, decimals, validation, false,
        false, false, null);
  }

  static ItemDefinition item(ItemDataType type) {
    return item(type, ResponseType.TEXT, null, null, null, null);
  }

  private String stored(ItemDefinition item, String typed) {
    ValueCheck c = validator.check(item, typed, false);
    assertTrue(typed + " refused: " + c.problem(), c.isOk());
    return c.canonical();
  }

  private String refusal(ItemDefinition item, String typed) {
    ValueCheck c = validator.check(item, typed, false);
    assertFalse(typed + " accepted as " + c.canonical(), c.isOk());
    return c.problem().messageKey();
  }

  /** Upstream LC #360: an INT item accepted "A". */
  @Test
  public void lc360_intItemRefusesLetters() {
    ItemDefinition i = item(ItemDataType.INT);
    assertEquals("dataentry.value.notInteger", refusal(i, "A"));
    assertEquals("dataentry.value.notInteger", refusal(i, "1.5"));
    assertEquals("dataentry.value.notInteger", refusal(i, "1e3"));
    assertEquals("7", stored(i, " 7 "));
    assertEquals("-12", stored(i, "-012"));
  }

  /** Upstream OC-12587: a REAL item accepted what Java's float parsing takes, like 1d or 2f. */
  @Test
  public void oc2906_realItemRefusesJavaNumberSuffixesAndExponents() {
    ItemDefinition r = item(ItemDataType.REAL);
    for (String typed : new String[] {"1d", "2f", "3L", "1e5", "NaN", "Infinity", "0x10", "1,5"}) {
      assertEquals(typed, "dataentry.value.notNumber", refusal(r, typed));
    }
    assertEquals("12.50", stored(r, "12.50"));
    assertEquals("-0.3", stored(r, "-.3"));
  }

  @Test
  public void decimalsAndWidthAreChecked() {
    ItemDefinition r = item(ItemDataType.REAL, ResponseType.TEXT, null, 5, 1, null);
    assertEquals("dataentry.value.tooManyDecimals", refusal(r, "1.25"));
    assertEquals("dataentry.value.tooLong", refusal(r, "12345.6"));
    assertEquals("1.2", stored(r, "1.2"));
    ItemDefinition st = item(ItemDataType.ST, ResponseType.TEXT, null, 3, null, null);
    assertEquals("𠮷野家", stored(st, "𠮷野家"));
    assertEquals("dataentry.value.tooLong", refusal(st, "𠮷野家です"));
  }

  @Test
  public void lineBreaksOfFreeTextAreStoredAsLineFeedsWhateverTheBrowserSent() {
    ItemDefinition st = item(ItemDataType.ST);
    assertEquals("一行目\n二行目\n三行目", stored(st, "一行目\r\n二行目\r三行目"));
    assertEquals("  字下げ\n", stored(st, "  字下げ\n"));
  }

  @Test
  public void datesAreStoredInIsoAndPartialDatesOnlyWherePartial() {
    assertEquals("2026-04-07", stored(item(ItemDataType.DATE), "2026/4/7"));
    assertEquals("input.date.incomplete", refusal(item(ItemDataType.DATE), "2026/4"));
    assertEquals("input.date.noSuchDay", refusal(item(ItemDataType.DATE), "2026/2/30"));
    assertEquals("2026-04", stored(item(ItemDataType.PDATE), "2026/4"));
    assertEquals("2026", stored(item(ItemDataType.PDATE), "2026"));
  }

  @Test
  public void optionsStoreValuesNotLabelsInOptionOrder() {
    ResponseSetDefinition sex =
        new ResponseSetDefinition("sex", List.of(new ResponseOption("男性", "1"), new ResponseOption("女性", "2")));
    ItemDefinition radio = item(ItemDataType.INT, ResponseType.RADIO, sex, null, null, null);
    assertEquals("2", stored(radio, "2"));
    assertEquals("dataentry.value.notAnOption", refusal(radio, "女性"));
    assertEquals("dataentry.value.notAnOption", refusal(radio, "3"));
    ResponseSetDefinition symptoms =
        new ResponseSetDefinition(
            "sym", List.of(new ResponseOption("a", "1"), new ResponseOption("b", "2"), new ResponseOption("c", "3")));
    ItemDefinition check = item(ItemDataType.ST, ResponseType.CHECKBOX, symptoms, null, null, null);
    assertEquals("1,3", stored(check, "3,1,3"));
  }

  @Test
  public void editChecksUseTheAuthorsMessage() {
    ItemDefinition age =
        item(ItemDataType.INT, ResponseType.TEXT, null, null, null,
            new ItemValidation("func: range(18, 65)", "年齢は18～65歳です"));
    assertEquals("30", stored(age, "30"));
    ValueCheck c = validator.check(age, "70", false);
    assertEquals("年齢は18～65歳です", c.problem().authorMessage());
    ItemDefinition code =
        item(ItemDataType.ST, ResponseType.TEXT, null, null, null,
            new ItemValidation("regexp: /[A-Z]{3}-\\d{3}/", "Format ABC-123"));
    assertEquals("ABC-123", stored(code, "ABC-123"));
    assertFalse(validator.check(code, "abc-123", false).isOk());
    ItemDefinition weight =
        item(ItemDataType.REAL, ResponseType.TEXT, null, null, null, new ItemValidation("func: gt(0)", "positive"));
    assertFalse(validator.check(weight, "0", false).isOk());
    assertTrue(validator.check(weight, "0.1", false).isOk());
  }

  @Test
  public void requiredItemsNeedAValueAndFreeTextKeepsWhatWasTyped() {
    ItemDefinition st = item(ItemDataType.ST);
    assertEquals("dataentry.value.required", validator.check(st, "  ", true).problem().messageKey());
    assertEquals("", validator.check(st, "", false).canonical());
    assertEquals("  two  spaces ", stored(st, "  two  spaces "));
  }
}
