package jp.ac.umin.libreclinica.ws.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading requests and writing responses as DOM, by namespace and local name. */
final class Xml {

  private static final DocumentBuilderFactory FACTORY = factory();

  private Xml() {}

  static Document newDocument() {
    try {
      return FACTORY.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Element> child(Element parent, String ns, String name) {
    if (parent == null) {
      return Optional.empty();
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  static List<Element> children(Element parent, String ns, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  /** The collapsed text of a child, or null when it is absent or blank. */
  static String text(Element parent, String ns, String name) {
    return child(parent, ns, name).map(Xml::text).orElse(null);
  }

  static String text(Element e) {
    String t = e.getTextContent();
    if (t == null) {
      return null;
    }
    t = t.strip().replaceAll("\\s+", " ");
    return t.isEmpty() ? null : t;
  }

  static Element add(Element parent, String ns, String name, String text) {
    Element e = parent.getOwnerDocument().createElementNS(ns, prefixed(ns, name));
    if (text != null) {
      e.setTextContent(text);
    }
    parent.appendChild(e);
    return e;
  }

  static Element add(Element parent, String ns, String name) {
    return add(parent, ns, name, null);
  }

  private static String prefixed(String ns, String name) {
    return SoapService.BEANS_NS.equals(ns) ? "bean:" + name : name;
  }

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    try {
      f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    f.setExpandEntityReferences(false);
    return f;
  }
}
