package jp.ac.umin.libreclinica.ws.soap;

import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.staxutils.StaxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * One v1 service: takes the body's payload, checks that it is one of the service's requests
 * and valid against the contract, and hands it to the service's {@link SoapOperations}.
 */
@WebServiceProvider
@ServiceMode(Service.Mode.PAYLOAD)
public class SoapProvider implements Provider<Source> {

  private static final Logger LOG = LoggerFactory.getLogger(SoapProvider.class);

  private final SoapOperations operations;
  private final SoapContract contract;
  private final SoapMessages messages;

  public SoapProvider(SoapOperations operations, SoapContract contract, SoapMessages messages) {
    this.operations = operations;
    this.contract = contract;
    this.messages = messages;
  }

  @Override
  public Source invoke(Source request) {
    Message message = PhaseInterceptorChain.getCurrentMessage();
    SoapCaller caller = message == null ? null : message.getExchange().get(SoapCaller.class);
    if (caller == null) {
      // Never reached: the UsernameToken interceptor refuses first.
      throw SoapFaults.client(messages.text(Locale.ENGLISH, "soap.security.missing"));
    }
    Locale locale = caller.locale();
    SoapService service = operations.service();
    Element payload = payload(request, locale);
    String name = payload.getLocalName();
    if (!service.namespace().equals(payload.getNamespaceURI())
        || !name.endsWith("Request")
        || !service.operations().contains(name.substring(0, name.length() - "Request".length()))) {
      throw SoapFaults.client(
          messages.text(locale, "soap.request.unknown", "{" + payload.getNamespaceURI() + "}" + name));
    }
    try {
      contract.validator(service).validate(new DOMSource(payload));
    } catch (SAXException e) {
      throw SoapFaults.client(messages.text(locale, "soap.request.invalid", e.getMessage()));
    } catch (java.io.IOException e) {
      throw SoapFaults.client(messages.text(locale, "soap.request.unreadable"));
    }
    String operation = name.substring(0, name.length() - "Request".length());
    try {
      return new DOMSource(operations.handle(operation, payload, caller).getOwnerDocument());
    } catch (Fault f) {
      throw f;
    } catch (RuntimeException e) {
      LOG.error("SOAP {} {} failed for {}", service.serviceName(), operation, caller.userName(), e);
      throw SoapFaults.server(messages.text(locale, "soap.failed"));
    }
  }

  private Element payload(Source request, Locale locale) {
    if (request == null) {
      throw SoapFaults.client(messages.text(locale, "soap.request.empty"));
    }
    try {
      Document doc = StaxUtils.read(request);
      if (doc.getDocumentElement() == null) {
        throw SoapFaults.client(messages.text(locale, "soap.request.empty"));
      }
      return doc.getDocumentElement();
    } catch (XMLStreamException e) {
      throw SoapFaults.client(messages.text(locale, "soap.request.unreadable"));
    }
  }
}
