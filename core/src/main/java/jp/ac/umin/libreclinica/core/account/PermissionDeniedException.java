package jp.ac.umin.libreclinica.core.account;

/** The acting user may not do this; shown as "forbidden" with the message key. */
public class PermissionDeniedException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] args;

  public PermissionDeniedException(String messageKey, Object... args) {
    super(messageKey);
    this.messageKey = messageKey;
    this.args = args == null ? new Object[0] : args.clone();
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] args() {
    return args.clone();
  }
}
