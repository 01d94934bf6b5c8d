package jp.ac.umin.libreclinica.ws.soap;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A request the services cannot carry out, found by the SOAP layer itself (a {@code Fail}). */
public class SoapRefusal extends MessageKeyException {

  public SoapRefusal(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
