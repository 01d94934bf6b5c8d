package jp.ac.umin.libreclinica.web.i18n;

import java.util.Locale;

/**
 * A language the user interface is offered in. {@code web} offers English; a language module
 * (such as {@code i18n-ja}) offers its own by declaring a bean of this type.
 *
 * @param tag the BCP 47 language tag used in URLs and stored on accounts, e.g. {@code ja}
 * @param label the language's name in that language, shown in the language switch
 */
public record UiLanguage(String tag, String label) {

  /** English, always offered: it is the base bundle. */
  public static final UiLanguage ENGLISH = new UiLanguage("en", "English");

  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }
}
