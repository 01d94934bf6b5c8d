package jp.ac.umin.libreclinica.core.input;

import java.text.Normalizer;

/**
 * The form in which searched text and the searched column are compared, so that a search finds
 * full-width and half-width variants, hiragana and katakana, and upper and lower case alike:
 * Unicode NFKC (full-width Latin and digits become half-width, half-width katakana becomes
 * full-width), hiragana folded to katakana, and ASCII letters lower-cased. The database applies
 * the same folding to a column with the SQL function {@value #SQL_FUNCTION} (migration V5_2),
 * which is why this fold is exactly these three steps and nothing that depends on a language.
 *
 * <p>The search text first goes through {@link InputNormaliser#searchKey(String)}, where the
 * installed {@link CharacterFolding}s (e.g. the Japanese one's minus signs) apply as for codes.
 */
public final class SearchKey {

  /** The SQL function folding a column: {@code lc_search_key(ss.label) like :key}. */
  public static final String SQL_FUNCTION = "lc_search_key";

  private static final char FIRST_HIRAGANA = '\u3041';
  private static final char LAST_HIRAGANA = '\u3096';
  private static final int KATAKANA_OFFSET = 0x60;

  private SearchKey() {}

  /** The folded form of {@code text}; {@code null} is the empty string. */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(nfkc.length());
    for (int i = 0; i < nfkc.length(); i++) {
      char c = nfkc.charAt(i);
      if ((c >= FIRST_HIRAGANA && c <= LAST_HIRAGANA) || c == '\u309D' || c == '\u309E') {
        out.append((char) (c + KATAKANA_OFFSET));
      } else if (c >= 'A' && c <= 'Z') {
        out.append((char) (c + ('a' - 'A')));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A LIKE pattern (escape character backslash) matching folded text that contains {@code key}. */
  public static String containsPattern(String key) {
    return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
