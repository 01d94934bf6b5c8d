package jp.ac.umin.libreclinica.core.dataentry;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refused data entry action, with the message key that tells the user why. */
public class DataEntryException extends MessageKeyException {

  public DataEntryException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
