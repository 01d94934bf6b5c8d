package jp.ac.umin.libreclinica.core.input;

import java.util.Comparator;
import java.util.Locale;

/**
 * How readers of one language expect text to be ordered in lists (study, CRF and user names). A
 * language module contributes one as a bean (Japanese: {@code java.text.Collator} for Japanese,
 * which keeps hiragana and katakana of the same sound together); {@link TextOrder} picks the one
 * for the reader's language and falls back to English ordering.
 */
public interface TextCollation {

  /** Whether this collation orders text for readers of {@code locale}. */
  boolean supports(Locale locale);

  /** A comparator for {@code locale}; a new one per call, as collators are not thread-safe. */
  Comparator<String> comparator(Locale locale);
}
