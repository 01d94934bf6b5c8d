package jp.ac.umin.libreclinica.umin.sso.saml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** The attribute values of an assertion, by Name and by FriendlyName (first value of each). */
final class SamlAttributes {

  private final Map<String, String> values = new LinkedHashMap<>();

  static SamlAttributes of(Element assertion) {
    SamlAttributes out = new SamlAttributes();
    for (Element statement : SamlXml.children(assertion, SamlXml.ASSERTION, "AttributeStatement")) {
      for (Element attribute : SamlXml.children(statement, SamlXml.ASSERTION, "Attribute")) {
        String value = null;
        for (Element v : SamlXml.children(attribute, SamlXml.ASSERTION, "AttributeValue")) {
          // eduPersonTargetedID carries a NameID inside the value; its text is the identifier.
          String t = SamlXml.text(v);
          if (t != null && !t.isEmpty()) {
            value = t;
            break;
          }
        }
        if (value == null) {
          continue;
        }
        for (String name : new String[] {attribute.getAttribute("Name"), attribute.getAttribute("FriendlyName")}) {
          if (!name.isEmpty()) {
            out.values.putIfAbsent(name, value);
          }
        }
      }
    }
    return out;
  }

  /** The value of the first of {@code names} present. */
  String first(List<String> names) {
    for (String n : names) {
      String v = values.get(n.strip());
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
