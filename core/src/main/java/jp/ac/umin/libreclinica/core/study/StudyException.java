package jp.ac.umin.libreclinica.core.study;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refused study operation, with the message key that tells the user why. */
public class StudyException extends MessageKeyException {

  public StudyException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
