package jp.ac.umin.libreclinica.core.odm;

import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A streaming UTF-8 XML writer for ODM files: a thin layer over {@link XMLStreamWriter} that
 * indents element-only content (never inside text), leaves out attributes and elements whose
 * value is absent, and drops characters XML 1.0 cannot carry (control characters, unpaired
 * surrogates) so that the file is always well-formed. Characters outside the BMP (𠮷, 𩸽,
 * emoji) are written as they are, in UTF-8.
 */
public final class OdmWriter implements AutoCloseable {

  // The JDK's own writer, whatever else is on the class path (CXF brings Woodstox, which
  // behaves differently after the end of the document).
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final XMLStreamWriter xml;
  /** For each open element: whether a child element was written in it. */
  private final Deque<boolean[]> open = new ArrayDeque<>();

  private OdmWriter(XMLStreamWriter xml) {
    this.xml = xml;
  }

  /** A writer to {@code out} that has written the XML declaration. The stream is not closed. */
  public static OdmWriter open(OutputStream out) {
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      return new OdmWriter(xml);
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** Starts an element of the ODM namespace (the default one). */
  public OdmWriter start(String localName) {
    return start("", localName, OdmNamespaces.ODM);
  }

  /** Starts an element of the OpenClinica extension namespace. */
  public OdmWriter startExtension(String localName) {
    return start(OdmNamespaces.OPENCLINICA_PREFIX, localName, OdmNamespaces.OPENCLINICA);
  }

  private OdmWriter start(String prefix, String localName, String namespace) {
    try {
      if (!open.isEmpty()) {
        open.peek()[0] = true;
        newline(open.size());
      }
      xml.writeStartElement(prefix, localName, namespace);
      open.push(new boolean[] {false});
      return this;
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** Declares a namespace on the element just started. */
  public OdmWriter namespace(String prefix, String uri) {
    try {
      if (prefix.isEmpty()) {
        xml.setDefaultNamespace(uri);
        xml.writeDefaultNamespace(uri);
      } else {
        xml.setPrefix(prefix, uri);
        xml.writeNamespace(prefix, uri);
      }
      return this;
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** An unqualified attribute; nothing when {@code value} is null. */
  public OdmWriter attribute(String name, String value) {
    if (value == null) {
      return this;
    }
    try {
      xml.writeAttribute(name, clean(value));
      return this;
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** A namespace-qualified attribute; nothing when {@code value} is null. */
  public OdmWriter attribute(String prefix, String namespace, String name, String value) {
    if (value == null) {
      return this;
    }
    try {
      xml.writeAttribute(prefix, namespace, name, clean(value));
      return this;
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** An attribute {@code Yes} or {@code No}. */
  public OdmWriter yesNo(String name, boolean value) {
    return attribute(name, value ? "Yes" : "No");
  }

  /** Text content of the element just started (an element holding text has no children). */
  public OdmWriter text(String value) {
    if (value == null) {
      return this;
    }
    try {
      xml.writeCharacters(clean(value));
      return this;
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** Ends the innermost open element. */
  public OdmWriter end() {
    try {
      boolean[] hadChildren = open.pop();
      if (hadChildren[0]) {
        newline(open.size());
      }
      xml.writeEndElement();
      return this;
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** An ODM element holding only {@code text}; nothing when the text is null. */
  public OdmWriter element(String localName, String text) {
    return text == null ? this : start(localName).text(text).end();
  }

  /** An extension element holding only {@code text}; nothing when the text is null. */
  public OdmWriter extensionElement(String localName, String text) {
    return text == null ? this : startExtension(localName).text(text).end();
  }

  /** {@code <localName><TranslatedText>text</TranslatedText></localName>}. */
  public OdmWriter translated(String localName, String text) {
    return start(localName).start("TranslatedText").text(text).end().end();
  }

  /** Ends every open element and the document, and flushes; the stream stays open. */
  @Override
  public void close() {
    try {
      while (!open.isEmpty()) {
        end();
      }
      xml.writeEndDocument();
      xml.writeCharacters("\n");
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  /** Flushes what has been written so far to the stream. */
  public void flush() {
    try {
      xml.flush();
    } catch (XMLStreamException e) {
      throw new OdmWriteException(e);
    }
  }

  private void newline(int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "    ".repeat(depth));
  }

  /** {@code value} without the characters XML 1.0 does not allow. */
  static String clean(String value) {
    StringBuilder out = null;
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      int width = Character.charCount(cp);
      boolean allowed =
          cp == 0x9 || cp == 0xA || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed && out == null) {
        out = new StringBuilder(value.length());
        out.append(value, 0, i);
      }
      if (allowed && out != null) {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out == null ? value : out.toString();
  }
}
