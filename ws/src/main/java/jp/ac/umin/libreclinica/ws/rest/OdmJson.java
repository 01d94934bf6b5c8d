package jp.ac.umin.libreclinica.ws.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * ODM XML to JSON in the shape LibreClinica's REST URLs give: the root element's content
 * without a wrapper, attributes as {@code "@Name"} (with their prefix, e.g.
 * {@code "@OpenClinica:StudySubjectID"}), child elements by their qualified name, elements
 * that ODM lets repeat (SubjectData, ItemData, ...) always as arrays, and the text of an element
 * with attributes as {@code "value"} (a text-only element becomes a string).
 *
 * <p>Streams from a StAX reader to a Jackson generator, so memory does not grow with the file.
 * The reader refuses DTDs and external entities.
 */
final class OdmJson {

  /** Elements written as arrays, as in LibreClinica's JSON. */
  static final Set<String> REPEATING = Set.of(
      "Study", "ClinicalData", "SubjectData", "StudyEventData", "FormData", "ItemGroupData",
      "ItemData", "MetaDataVersion", "StudyEventRef", "FormRef", "ItemGroupRef", "ItemRef",
      "StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList", "CodeListItem",
      "MeasurementUnit", "MeasurementUnitRef", "TranslatedText", "RangeCheck", "Include",
      "OpenClinica:AuditLogs", "OpenClinica:AuditLog", "OpenClinica:DiscrepancyNotes",
      "OpenClinica:DiscrepancyNote", "OpenClinica:ChildNote", "OpenClinica:SubjectGroupData",
      "OpenClinica:MultiSelectList", "OpenClinica:MultiSelectListItem",
      "OpenClinica:MultiSelectListRef", "OpenClinica:ItemPresentInForm",
      "OpenClinica:PresentInForm", "OpenClinica:PresentInEventDefinition", "OpenClinica:Section",
      "OpenClinica:StudyParameterListItem", "OpenClinica:StudyParameterList",
      "OpenClinica:StudyParameterListRef", "OpenClinica:StudyGroupClassList",
      "OpenClinica:StudyGroupItem", "OpenClinica:ItemGroupRepeat", "OpenClinica:Signature");

  private static final XMLInputFactory READERS = XMLInputFactory.newDefaultFactory();

  static {
    READERS.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    READERS.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    READERS.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  private OdmJson() {}

  /** One open element: what it has written, to group repeats and defer text-only elements. */
  private static final class Frame {
    final boolean hasAttributes;
    boolean objectStarted;
    String lastChild;
    boolean arrayOpen;
    final StringBuilder text = new StringBuilder();

    Frame(boolean hasAttributes) {
      this.hasAttributes = hasAttributes;
      this.objectStarted = hasAttributes;
    }
  }

  static void convert(InputStream xml, OutputStream out) throws IOException {
    try {
      XMLStreamReader r = READERS.createXMLStreamReader(xml);
      JsonGenerator g = new JsonFactory().createGenerator(out);
      Deque<Frame> frames = new ArrayDeque<>();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = qualified(r.getPrefix(), r.getLocalName());
          if (frames.isEmpty()) {
            g.writeStartObject();
            writeAttributes(r, g, true);
            Frame root = new Frame(true);
            frames.push(root);
            continue;
          }
          Frame parent = frames.peek();
          if (!parent.objectStarted) {
            g.writeStartObject();
            parent.objectStarted = true;
          }
          if (parent.arrayOpen && !name.equals(parent.lastChild)) {
            g.writeEndArray();
            parent.arrayOpen = false;
          }
          if (!parent.arrayOpen) {
            g.writeFieldName(name);
            if (REPEATING.contains(name)) {
              g.writeStartArray();
              parent.arrayOpen = true;
            }
          }
          parent.lastChild = name;
          boolean attrs = r.getAttributeCount() > 0 || (frames.size() == 0);
          Frame child = new Frame(attrs);
          if (attrs) {
            g.writeStartObject();
            writeAttributes(r, g, false);
          }
          frames.push(child);
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          if (!frames.isEmpty() && !r.isWhiteSpace()) {
            frames.peek().text.append(r.getText());
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          Frame f = frames.pop();
          if (f.arrayOpen) {
            g.writeEndArray();
          }
          String text = f.text.toString();
          if (f.objectStarted) {
            if (!text.isEmpty()) {
              g.writeStringField("value", text);
            }
            g.writeEndObject();
          } else {
            g.writeString(text);
          }
        }
      }
      g.flush();
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  private static void writeAttributes(XMLStreamReader r, JsonGenerator g, boolean root) throws IOException {
    if (root) {
      for (int i = 0; i < r.getNamespaceCount(); i++) {
        String prefix = r.getNamespacePrefix(i);
        g.writeStringField(prefix == null || prefix.isEmpty() ? "@xmlns" : "@xmlns:" + prefix, r.getNamespaceURI(i));
      }
    }
    for (int i = 0; i < r.getAttributeCount(); i++) {
      g.writeStringField("@" + qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)), r.getAttributeValue(i));
    }
  }

  private static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }
}
