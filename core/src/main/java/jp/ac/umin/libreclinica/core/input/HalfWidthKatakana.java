package jp.ac.umin.libreclinica.core.input;

/**
 * Finds half-width katakana (ｶﾀｶﾅ, U+FF61–U+FF9F with the half-width Japanese punctuation) in
 * free text. Free text is stored as typed; pages flag such values so that the user can retype
 * them in full-width if they were not meant (old systems and some IMEs produce them).
 */
public final class HalfWidthKatakana {

  private HalfWidthKatakana() {}

  /** Whether {@code text} holds at least one half-width katakana character. */
  public static boolean contains(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFF61' && c <= '\uFF9F') {
        return true;
      }
    }
    return false;
  }
}
