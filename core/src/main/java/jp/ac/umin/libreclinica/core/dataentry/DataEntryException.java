package jp.ac.umin.libreclinica.core.dataentry;

import java.util.Arrays;

/** A refused data entry action, with the message key that tells the user why. */
public class DataEntryException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] arguments;

  public DataEntryException(String messageKey, Object... arguments) {
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
