package jp.ac.umin.libreclinica.i18n.ja;

import jp.ac.umin.libreclinica.web.i18n.DatePatterns;
import jp.ac.umin.libreclinica.web.i18n.UiLanguage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Offers Japanese in the user interface. The Japanese message bundles
 * ({@code i18n/*_ja.properties}) ship in this jar and are found by the message source of
 * {@code web}; without this jar the application is English only.
 */
@AutoConfiguration
public class JapaneseLanguageAutoConfiguration {

  /** The BCP 47 tag of Japanese. */
  public static final String TAG = "ja";

  @Bean
  UiLanguage japaneseUiLanguage() {
    return new UiLanguage(TAG, "日本語");
  }

  /** 2026/04/07 and 2026/04/07 14:05 on Japanese pages (GLOSSARY-ja.md). */
  @Bean
  DatePatterns japaneseDatePatterns() {
    return new DatePatterns(TAG, "uuuu/MM/dd", "uuuu/MM/dd HH:mm");
  }

  /** Full-width digits, letters and punctuation typed with an IME become half-width. */
  @Bean
  FullWidthFolding fullWidthFolding() {
    return new FullWidthFolding();
  }

  /** 令和8年4月7日, R8.4.7, 2026年4月7日 and the like are read as dates. */
  @Bean
  JapaneseEraDateSyntax japaneseEraDateSyntax() {
    return new JapaneseEraDateSyntax();
  }

  /** 2026/04/07 (令和8年) on the data pages of studies that ask for the era. */
  @Bean
  JapaneseEraNotation japaneseEraNotation() {
    return new JapaneseEraNotation();
  }

  /** Study, CRF and other name lists in Japanese order for Japanese readers. */
  @Bean
  JapaneseCollation japaneseCollation() {
    return new JapaneseCollation();
  }
}
