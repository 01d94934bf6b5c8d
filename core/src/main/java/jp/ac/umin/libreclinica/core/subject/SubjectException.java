package jp.ac.umin.libreclinica.core.subject;

import java.util.Arrays;

/**
 * A refused subject operation, with the message key that tells the user why and, when one
 * field is at fault, that field's name (as in {@link SubjectInput}).
 */
public class SubjectException extends RuntimeException {

  private final String field;
  private final String messageKey;
  private final transient Object[] arguments;

  public SubjectException(String messageKey, Object... arguments) {
    this(null, messageKey, arguments);
  }

  private SubjectException(String field, String messageKey, Object[] arguments) {
    super(messageKey + " " + Arrays.toString(arguments));
    this.field = field;
    this.messageKey = messageKey;
    this.arguments = arguments.clone();
  }

  /** A problem with one field of the input. */
  public static SubjectException onField(String field, String messageKey, Object... arguments) {
    return new SubjectException(field, messageKey, arguments);
  }

  /** The field at fault, or {@code null}. */
  public String field() {
    return field;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] arguments() {
    return arguments.clone();
  }
}
