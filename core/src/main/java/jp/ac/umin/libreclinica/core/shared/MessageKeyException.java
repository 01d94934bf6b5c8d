package jp.ac.umin.libreclinica.core.shared;

import java.util.Arrays;

/**
 * A refusal that a user reads: it carries a message key and its arguments, never text, so
 * that pages, the API and reports say why in the user's language.
 */
public abstract class MessageKeyException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] arguments;

  protected MessageKeyException(String messageKey, Object... arguments) {
    super(messageKey + " " + Arrays.toString(arguments));
    this.messageKey = messageKey;
    this.arguments = arguments.clone();
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] arguments() {
    return arguments.clone();
  }
}
