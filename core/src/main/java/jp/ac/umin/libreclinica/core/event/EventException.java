package jp.ac.umin.libreclinica.core.event;

import java.util.Arrays;

/**
 * A refused operation on a subject's event, with the message key that tells the user why and,
 * when one field is at fault, that field's name (as in {@link EventInput}).
 */
public class EventException extends RuntimeException {

  private final String field;
  private final String messageKey;
  private final transient Object[] arguments;

  public EventException(String messageKey, Object... arguments) {
    this(null, messageKey, arguments);
  }

  private EventException(String field, String messageKey, Object[] arguments) {
    super(messageKey + " " + Arrays.toString(arguments));
    this.field = field;
    this.messageKey = messageKey;
    this.arguments = arguments.clone();
  }

  public static EventException onField(String field, String messageKey, Object... arguments) {
    return new EventException(field, messageKey, arguments);
  }

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
