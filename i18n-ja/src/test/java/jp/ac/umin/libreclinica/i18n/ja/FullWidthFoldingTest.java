package jp.ac.umin.libreclinica.i18n.ja;

import static org.junit.Assert.assertEquals;

import java.util.List;
import jp.ac.umin.libreclinica.core.input.InputKind;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import org.junit.Test;

public class FullWidthFoldingTest {

  private final InputNormaliser normaliser = new InputNormaliser(List.of(new FullWidthFolding()));

  @Test
  public void foldsFullWidthDigitsSignsAndDecimalPoints() {
    assertEquals("123", normaliser.normalise("１２３", InputKind.NUMBER));
    assertEquals("-5", normaliser.normalise("－５", InputKind.NUMBER));
    assertEquals("-5", normaliser.normalise("−５", InputKind.NUMBER));
    assertEquals("-5", normaliser.normalise("ー５", InputKind.NUMBER));
    assertEquals("-5", normaliser.normalise("‐5", InputKind.NUMBER));
    assertEquals("1.5", normaliser.normalise("１．５", InputKind.NUMBER));
    assertEquals("7", normaliser.normalise("　７　", InputKind.NUMBER));
  }

  @Test
  public void foldsCodesTimesAndDates() {
    assertEquals("ABC-001", normaliser.normalise("ＡＢＣ－００１", InputKind.CODE));
    assertEquals("SS_001", normaliser.normalise("ＳＳ＿００１", InputKind.CODE));
    assertEquals("12:30", normaliser.normalise("１２：３０", InputKind.TIME));
    assertEquals("2026-04-07", normaliser.normalise("２０２６ー０４ー０７", InputKind.DATE));
  }

  @Test
  public void leavesTheLongVowelMarkInWords() {
    assertEquals("コーヒー", normaliser.normalise("コーヒー", InputKind.CODE));
    assertEquals("AーB", normaliser.normalise("ＡーＢ", InputKind.CODE));
  }

  @Test
  public void keepsFreeTextExactlyAsTyped() {
    assertEquals("ＡＢＣ　１２３ ｶﾀｶﾅ 𠮷", normaliser.normalise("ＡＢＣ　１２３ ｶﾀｶﾅ 𠮷", InputKind.FREE_TEXT));
  }

  @Test
  public void composesFreeTextToNfc() {
    // か + combining dakuten becomes が
    assertEquals("が", normaliser.normalise("か\u3099", InputKind.FREE_TEXT));
  }

  @Test
  public void leavesNonDigitLettersForValidationToName() {
    assertEquals("1a", normaliser.normalise("１ａ", InputKind.NUMBER));
    assertEquals("一二三", normaliser.normalise("一二三", InputKind.NUMBER));
  }
}
