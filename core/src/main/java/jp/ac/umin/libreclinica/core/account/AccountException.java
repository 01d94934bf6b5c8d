package jp.ac.umin.libreclinica.core.account;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/**
 * A refused account or role operation, shown to the user through its message key. When the
 * problem belongs to one field of a form, {@link #field()} names it.
 */
public class AccountException extends MessageKeyException {

  public AccountException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }

  private AccountException(String field, String messageKey, Object[] arguments) {
    super(field, messageKey, arguments);
  }

  /** A problem with one field of the input. */
  public static AccountException onField(String field, String messageKey, Object... arguments) {
    return new AccountException(field, messageKey, arguments);
  }

  /** The arguments of the message (older name of {@link #arguments()}). */
  public Object[] args() {
    return arguments();
  }
}
