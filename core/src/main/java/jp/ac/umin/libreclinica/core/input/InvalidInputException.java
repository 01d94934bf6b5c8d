package jp.ac.umin.libreclinica.core.input;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/**
 * Input that cannot be accepted. Carries a message key and its arguments, so that the page,
 * the API or the import report can say what is wrong in the user's language.
 */
public class InvalidInputException extends MessageKeyException {

  public InvalidInputException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
