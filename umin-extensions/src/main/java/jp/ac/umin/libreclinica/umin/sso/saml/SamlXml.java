package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** XML as SAML needs it: namespace-aware, no DTD at all (so no XXE, no entity expansion), no XInclude. */
final class SamlXml {

  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
  static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
  static final String POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
  static final String REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

  private SamlXml() {}

  static Document parse(byte[] xml) {
    try {
      return builder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new SamlException("invalid-response", "not well-formed or has a DTD: " + e.getMessage());
    }
  }

  static DocumentBuilder builder() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b;
  }

  /** The element children of {@code parent} named {@code ns}:{@code local}. */
  static List<Element> children(Element parent, String ns, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The only such child, or null when there is none; more than one is an invalid message. */
  static Element child(Element parent, String ns, String local) {
    List<Element> c = children(parent, ns, local);
    if (c.size() > 1) {
      throw new SamlException("invalid-response", "more than one " + local);
    }
    return c.isEmpty() ? null : c.get(0);
  }

  static String text(Element e) {
    return e == null ? null : e.getTextContent().strip();
  }

  static String attr(Element e, String name) {
    if (e == null || !e.hasAttribute(name)) {
      return null;
    }
    return e.getAttribute(name);
  }
}
