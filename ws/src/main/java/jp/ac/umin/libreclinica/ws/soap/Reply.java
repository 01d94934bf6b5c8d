package jp.ac.umin.libreclinica.ws.soap;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A response element in the service's namespace with the result, warnings and errors in the
 * order the schema wants: {@code result}, then any fields that come before the messages, then
 * {@code warning}s and {@code error}s, then fields that follow.
 */
final class Reply {

  static final String SUCCESS = "Success";
  static final String FAIL = "Fail";

  private final String ns;
  private final Element root;

  private Reply(SoapService service, String operation) {
    this.ns = service.namespace();
    Document doc = Xml.newDocument();
    root = doc.createElementNS(ns, operation + "Response");
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", ns);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:bean", SoapService.BEANS_NS);
    doc.appendChild(root);
  }

  static Reply to(SoapService service, String operation) {
    return new Reply(service, operation);
  }

  Reply result(String result) {
    Xml.add(root, ns, "result", result);
    return this;
  }

  /** A field of the service's namespace, in order. */
  Reply field(String name, String value) {
    Xml.add(root, ns, name, value == null ? "" : value);
    return this;
  }

  Element element(String name) {
    return Xml.add(root, ns, name);
  }

  Reply messages(List<String> warnings, List<String> errors) {
    warnings.forEach(w -> Xml.add(root, ns, "warning", w));
    errors.forEach(e -> Xml.add(root, ns, "error", e));
    return this;
  }

  Element root() {
    return root;
  }
}
