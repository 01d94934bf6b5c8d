package jp.ac.umin.libreclinica.ws.soap;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;

/** SOAP 1.1 faults: the client's fault (its request) or the server's. */
final class SoapFaults {

  private SoapFaults() {}

  static SoapFault client(String text) {
    return new SoapFault(text, Soap11.getInstance().getSender());
  }

  static SoapFault server(String text) {
    return new SoapFault(text, Soap11.getInstance().getReceiver());
  }
}
