package jp.ac.umin.libreclinica.core.shared;

import java.util.Arrays;

/**
 * A refusal that a user reads: it carries a message key and its arguments, never text, so
 * that pages, the API and reports say why in the user's language; and, when one field of the
 * input is at fault, that field's name.
 */
public abstract class MessageKeyException extends RuntimeException {

  private final String field;
  private final String messageKey;
  private final transient Object[] arguments;

  protected MessageKeyException(String messageKey, Object... arguments) {
    this(null, messageKey, arguments);
  }

  protected MessageKeyException(String field, String messageKey, Object[] arguments) {
    super(messageKey + " " + Arrays.toString(arguments));
    this.field = field;
    this.messageKey = messageKey;
    this.arguments = arguments == null ? new Object[0] : arguments.clone();
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] arguments() {
    return arguments.clone();
  }

  /** The field of the input at fault, or {@code null}. */
  public String field() {
    return field;
  }
}
