package jp.ac.umin.libreclinica.core.identity;

import jp.ac.umin.libreclinica.core.account.AccountException;

/** A refused identity operation, shown to the user through its message key. */
public class IdentityException extends AccountException {

  public IdentityException(String messageKey, Object... args) {
    super(messageKey, args);
  }
}
