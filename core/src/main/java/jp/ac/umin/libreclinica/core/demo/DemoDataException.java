package jp.ac.umin.libreclinica.core.demo;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** Demo data could not be generated; the message key says why. */
public class DemoDataException extends MessageKeyException {

  public DemoDataException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
