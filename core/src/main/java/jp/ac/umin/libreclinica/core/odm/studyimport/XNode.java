package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of an extract as read: namespace, local name, line, attributes by local name,
 * text and children. The import reads the whole extract into these (its size is capped by the
 * upload limit) because metadata, clinical data and AdminData refer to each other in any order.
 */
final class XNode {

  final String ns;
  final String name;
  final int line;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final List<XNode> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  XNode(String ns, String name, int line) {
    this.ns = ns == null ? "" : ns;
    this.name = name;
    this.line = line;
  }

  void appendText(String s) {
    text.append(s);
  }

  /** The text, stripped; null when empty. */
  String text() {
    String s = text.toString().strip();
    return s.isEmpty() ? null : s;
  }

  String attr(String localName) {
    return attributes.get(localName);
  }

  boolean yes(String localName) {
    return "Yes".equalsIgnoreCase(attributes.get(localName));
  }

  XNode child(String localName) {
    for (XNode c : children) {
      if (c.name.equals(localName)) {
        return c;
      }
    }
    return null;
  }

  List<XNode> all(String localName) {
    List<XNode> out = new ArrayList<>();
    for (XNode c : children) {
      if (c.name.equals(localName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of a child element; null when there is none. */
  String childText(String localName) {
    XNode c = child(localName);
    return c == null ? null : c.text();
  }

  /** The text of the first TranslatedText of a child (Question, Decode, ErrorMessage, Symbol). */
  String translated(String localName) {
    XNode c = child(localName);
    if (c == null) {
      return null;
    }
    XNode t = c.child("TranslatedText");
    return t == null ? c.text() : t.text();
  }
}
