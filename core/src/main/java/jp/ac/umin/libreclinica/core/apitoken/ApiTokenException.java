package jp.ac.umin.libreclinica.core.apitoken;

/** A refused token operation; the message is a message key, shown with its arguments. */
public class ApiTokenException extends RuntimeException {

  private final transient Object[] args;

  public ApiTokenException(String messageKey, Object... args) {
    super(messageKey);
    this.args = args.clone();
  }

  public String messageKey() {
    return getMessage();
  }

  public Object[] args() {
    return args.clone();
  }
}
