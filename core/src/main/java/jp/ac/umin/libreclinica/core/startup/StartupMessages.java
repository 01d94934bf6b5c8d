package jp.ac.umin.libreclinica.core.startup;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Texts of startup failures, from {@code i18n/startup*.properties}. They are printed before any
 * Spring context (and so any MessageSource) exists, in the language of the server
 * ({@link Locale#getDefault()}): an operator with a Japanese locale reads Japanese when the
 * Japanese bundle is on the classpath, everyone else English.
 */
public final class StartupMessages {

  static final String BUNDLE = "i18n/startup";

  private StartupMessages() {}

  /** The message for {@code key} in the server's language, with its arguments filled in. */
  public static String get(String key, Object... args) {
    return get(Locale.getDefault(), key, args);
  }

  /** The message for {@code key} in {@code locale} (English when it has no bundle). */
  public static String get(Locale locale, String key, Object... args) {
    String pattern;
    try {
      pattern =
          ResourceBundle.getBundle(
                  BUNDLE,
                  locale,
                  // without this, an English request on a Japanese server would get Japanese
                  ResourceBundle.Control.getNoFallbackControl(
                      ResourceBundle.Control.FORMAT_PROPERTIES))
              .getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return new MessageFormat(pattern, locale).format(args);
  }
}
