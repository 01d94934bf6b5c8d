package jp.ac.umin.libreclinica.ws.soap;

import org.w3c.dom.Element;

/** The operations of one service: a schema-valid request in, a response element out. */
public interface SoapOperations {

  SoapService service();

  /**
   * Answers one request. Refusals of the services become a {@code Fail} result with the
   * reason; only what the client cannot repair by changing data becomes a fault.
   *
   * @param operation the operation's name ({@code listAll}, {@code create}...)
   */
  Element handle(String operation, Element request, SoapCaller caller);
}
