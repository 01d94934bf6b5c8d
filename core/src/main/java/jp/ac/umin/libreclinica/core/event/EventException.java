package jp.ac.umin.libreclinica.core.event;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/**
 * A refused operation on a subject's event, with the message key that tells the user why and,
 * when one field is at fault, that field's name (as in {@link EventInput}).
 */
public class EventException extends MessageKeyException {

  public EventException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }

  private EventException(String field, String messageKey, Object[] arguments) {
    super(field, messageKey, arguments);
  }

  /** A problem with one field of the input. */
  public static EventException onField(String field, String messageKey, Object... arguments) {
    return new EventException(field, messageKey, arguments);
  }
}
