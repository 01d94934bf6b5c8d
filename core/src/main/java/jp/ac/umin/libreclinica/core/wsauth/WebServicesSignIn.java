package jp.ac.umin.libreclinica.core.wsauth;

import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of checking a UsernameToken.
 *
 * @param userName the account's user name as stored (on success), else as sent
 * @param locale the language the holder chose, if any (for result messages and faults)
 * @param failureKey the message key of the refusal, null on success
 */
public record WebServicesSignIn(String userName, Optional<Locale> locale, String failureKey) {

  public boolean succeeded() {
    return failureKey == null;
  }
}
