package jp.ac.umin.libreclinica.core.subject;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/**
 * A refused subject operation, with the message key that tells the user why and, when one
 * field is at fault, that field's name (as in {@link SubjectInput}).
 */
public class SubjectException extends MessageKeyException {

  public SubjectException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }

  private SubjectException(String field, String messageKey, Object[] arguments) {
    super(field, messageKey, arguments);
  }

  /** A problem with one field of the input. */
  public static SubjectException onField(String field, String messageKey, Object... arguments) {
    return new SubjectException(field, messageKey, arguments);
  }
}
