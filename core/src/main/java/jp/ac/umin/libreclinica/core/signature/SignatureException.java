package jp.ac.umin.libreclinica.core.signature;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refused signature or re-authentication, with the message key that tells the signer why. */
public class SignatureException extends MessageKeyException {

  public SignatureException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }

  private SignatureException(String field, String messageKey, Object[] arguments) {
    super(field, messageKey, arguments);
  }

  public static SignatureException onField(String field, String messageKey, Object... arguments) {
    return new SignatureException(field, messageKey, arguments);
  }
}
