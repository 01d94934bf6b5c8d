package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImportParser;

/**
 * Reads an extract into {@link XNode}s with the hardened StAX factory of the ODM data import: a
 * DTD or an entity reference is refused, nothing external is fetched. Malformed XML is reported
 * with its line.
 */
final class ExtractReader {

  private ExtractReader() {}

  static XNode read(byte[] bytes) {
    XMLStreamReader r = null;
    try {
      r = OdmImportParser.hardenedFactory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      Deque<XNode> open = new ArrayDeque<>();
      XNode root = null;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
              throw new StudyImportException("studyimport.dtd", r.getLocation().getLineNumber());
          case XMLStreamConstants.START_ELEMENT -> {
            XNode n = new XNode(r.getNamespaceURI(), r.getLocalName(), r.getLocation().getLineNumber());
            for (int i = 0; i < r.getAttributeCount(); i++) {
              n.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
            if (open.isEmpty()) {
              if (root != null) {
                throw new StudyImportException("studyimport.malformed", n.line, "second root element");
              }
              root = n;
            } else {
              open.peek().children.add(n);
            }
            open.push(n);
          }
          case XMLStreamConstants.END_ELEMENT -> open.pop();
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!open.isEmpty()) {
              open.peek().appendText(r.getText());
            }
          }
          default -> {
            // comments, processing instructions
          }
        }
      }
      if (root == null) {
        throw new StudyImportException("studyimport.malformed", 1, "no root element");
      }
      return root;
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      String m = String.valueOf(e.getMessage());
      int i = m.indexOf("Message: ");
      throw new StudyImportException("studyimport.malformed", line, i >= 0 ? m.substring(i + 9).strip() : m.strip());
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing left to read
        }
      }
    }
  }
}
