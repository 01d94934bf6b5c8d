package jp.ac.umin.libreclinica.i18n.ja;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.input.TextCollation;

/**
 * Orders text for Japanese readers with the JDK's Japanese collator: kana in 五十音 order with
 * hiragana and katakana of the same sound side by side, Latin letters regardless of case and
 * width, and kanji after kana (by code point, as the JDK has no reading of kanji).
 */
public class JapaneseCollation implements TextCollation {

  @Override
  public boolean supports(Locale locale) {
    return JapaneseLanguageAutoConfiguration.TAG.equals(locale.getLanguage());
  }

  @Override
  public Comparator<String> comparator(Locale locale) {
    Collator collator = Collator.getInstance(Locale.JAPANESE);
    collator.setDecomposition(Collator.FULL_DECOMPOSITION);
    return collator::compare;
  }
}
