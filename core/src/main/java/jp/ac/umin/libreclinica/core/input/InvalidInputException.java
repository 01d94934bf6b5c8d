package jp.ac.umin.libreclinica.core.input;

import java.util.Arrays;

/**
 * Input that cannot be accepted. Carries a message key and its arguments, so that the page,
 * the API or the import report can say what is wrong in the user's language.
 */
public class InvalidInputException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] arguments;

  public InvalidInputException(String messageKey, Object... arguments) {
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
