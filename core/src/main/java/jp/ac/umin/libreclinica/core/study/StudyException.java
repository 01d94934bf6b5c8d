package jp.ac.umin.libreclinica.core.study;

import java.util.Arrays;

/** A refused study operation, with the message key that tells the user why. */
public class StudyException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] arguments;

  public StudyException(String messageKey, Object... arguments) {
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
