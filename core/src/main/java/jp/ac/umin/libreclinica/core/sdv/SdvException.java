package jp.ac.umin.libreclinica.core.sdv;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refused SDV action; the message key says why ({@code sdv.*}). */
public class SdvException extends MessageKeyException {

  public SdvException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
