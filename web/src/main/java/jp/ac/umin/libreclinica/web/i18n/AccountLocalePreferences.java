package jp.ac.umin.libreclinica.web.i18n;

import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.AccountService;
import org.springframework.stereotype.Component;

/** Keeps a signed-in user's language choice on their account. */
@Component
public class AccountLocalePreferences implements UserLocalePreferences {

  private final AccountService accounts;

  public AccountLocalePreferences(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<Locale> find(String username) {
    return accounts.preferredLocale(username);
  }

  @Override
  public void save(String username, Locale locale) {
    accounts.changePreferredLocale(username, locale);
  }
}
