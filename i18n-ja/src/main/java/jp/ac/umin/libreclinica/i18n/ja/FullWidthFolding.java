package jp.ac.umin.libreclinica.i18n.ja;

import jp.ac.umin.libreclinica.core.input.CharacterFolding;
import jp.ac.umin.libreclinica.core.input.InputKind;

/**
 * Folds what a Japanese IME types into the half-width characters that numbers, dates, times
 * and codes are made of: full-width digits, Latin letters and punctuation (U+FF01–U+FF5E),
 * the ideographic space, and the dashes that stand for a minus sign. The long-vowel mark ー is
 * a minus only where a digit follows it at the start of a value or after a digit or space
 * (「ー５」, 「２０２６ー０４ー０７」); elsewhere it is left alone, so that validation names it.
 */
public class FullWidthFolding implements CharacterFolding {

  @Override
  public String fold(String input, InputKind kind) {
    StringBuilder out = new StringBuilder(input.length());
    int n = input.length();
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        out.append((char) (c - 0xFEE0));
      } else if (c == '\u3000') {
        out.append(' ');
      } else if (c == '\u2212' || c == '\u2010' || c == '\u2011' || c == '\u2012'
          || c == '\u2013' || c == '\uFE63') {
        out.append('-');
      } else if (c == '\u30FC' && isMinusContext(input, out, i)) {
        out.append('-');
      } else if (c == '\u3002' && kind == InputKind.NUMBER) {
        // 。typed for a decimal point in a number
        out.append('.');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isMinusContext(String input, StringBuilder foldedSoFar, int i) {
    if (i + 1 >= input.length() || !isDigit(input.charAt(i + 1))) {
      return false;
    }
    if (foldedSoFar.length() == 0) {
      return true;
    }
    char previous = foldedSoFar.charAt(foldedSoFar.length() - 1);
    return Character.isDigit(previous) || previous == ' ';
  }

  private static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19');
  }
}
