package jp.ac.umin.libreclinica.core.account;

/**
 * A refused account or role operation, shown to the user through its message key. When the
 * problem belongs to one field of a form, {@link #field()} names it.
 */
public class AccountException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] args;
  private final String field;

  public AccountException(String messageKey, Object... args) {
    this(messageKey, args, null);
  }

  private AccountException(String messageKey, Object[] args, String field) {
    super(messageKey);
    this.field = field;
    this.messageKey = messageKey;
    this.args = args == null ? new Object[0] : args.clone();
  }

  /** A problem with one field of the submitted form. */
  public static AccountException onField(String field, String messageKey, Object... args) {
    return new AccountException(messageKey, args, field);
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] args() {
    return args.clone();
  }

  /** The form field the problem belongs to, or null. */
  public String field() {
    return field;
  }
}
