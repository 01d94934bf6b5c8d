package jp.ac.umin.libreclinica.web.i18n;

import java.util.Locale;
import java.util.Optional;

/** Where a signed-in user's language choice is kept (on the account). */
public interface UserLocalePreferences {

  Optional<Locale> find(String username);

  void save(String username, Locale locale);
}
