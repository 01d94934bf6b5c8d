package jp.ac.umin.libreclinica.core.odm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A streaming UTF-8 XML writer for ODM files. It indents element-only content (never inside
 * text), leaves out attributes and elements whose value is absent, drops characters XML 1.0
 * cannot carry (control characters, unpaired surrogates) so that the file is always
 * well-formed, and writes line breaks and tabs inside attribute values as character references,
 * so that a multi-line value (free text in {@code ItemData/@Value}) reads back as typed instead
 * of being normalised to spaces. Characters outside the BMP (𠮷, 𩸽, emoji) are written as they
 * are, in UTF-8.
 *
 * <p>It writes to the stream itself rather than through a StAX writer: StAX writers leave line
 * breaks in attribute values unescaped and differ between implementations on the class path.
 */
public final class OdmWriter implements AutoCloseable {

  private final Writer out;
  /** For each open element: its qualified name, and whether a child element was written in it. */
  private final Deque<Open> open = new ArrayDeque<>();
  /** Whether the start tag of the innermost element is still open for attributes. */
  private boolean inStartTag;

  private static final class Open {
    final String name;
    boolean hadChildren;
    boolean hadContent;

    Open(String name) {
      this.name = name;
    }
  }

  private OdmWriter(Writer out) {
    this.out = out;
  }

  /** A writer to {@code out} that has written the XML declaration. The stream is not closed. */
  public static OdmWriter open(OutputStream out) {
    OdmWriter w = new OdmWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    return w;
  }

  /** Starts an element of the ODM namespace (the default one). */
  public OdmWriter start(String localName) {
    return start("", localName);
  }

  /** Starts an element of the OpenClinica extension namespace. */
  public OdmWriter startExtension(String localName) {
    return start(OdmNamespaces.OPENCLINICA_PREFIX, localName);
  }

  private OdmWriter start(String prefix, String localName) {
    closeStartTag();
    if (!open.isEmpty()) {
      open.peek().hadChildren = true;
      open.peek().hadContent = true;
      newline(open.size());
    }
    String name = prefix.isEmpty() ? localName : prefix + ":" + localName;
    raw("<").raw(name);
    open.push(new Open(name));
    inStartTag = true;
    return this;
  }

  /** Declares a namespace on the element just started. */
  public OdmWriter namespace(String prefix, String uri) {
    requireStartTag();
    return raw(prefix.isEmpty() ? " xmlns=\"" : " xmlns:" + prefix + "=\"")
        .raw(escape(uri, true)).raw("\"");
  }

  /** An unqualified attribute; nothing when {@code value} is null. */
  public OdmWriter attribute(String name, String value) {
    if (value == null) {
      return this;
    }
    requireStartTag();
    return raw(" ").raw(name).raw("=\"").raw(escape(clean(value), true)).raw("\"");
  }

  /**
   * A namespace-qualified attribute; nothing when {@code value} is null. The prefix must have
   * been declared (the ODM root declares those of the OpenClinica extensions and xsi).
   */
  public OdmWriter attribute(String prefix, String namespace, String name, String value) {
    return attribute(prefix + ":" + name, value);
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
    closeStartTag();
    if (!open.isEmpty()) {
      open.peek().hadContent = true;
    }
    return raw(escape(clean(value), false));
  }

  /** Ends the innermost open element. */
  public OdmWriter end() {
    Open element = open.pop();
    if (inStartTag) {
      inStartTag = false;
      return raw("/>");
    }
    if (element.hadChildren) {
      newline(open.size());
    }
    return raw("</").raw(element.name).raw(">");
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
    while (!open.isEmpty()) {
      end();
    }
    raw("\n");
    flush();
  }

  /** Flushes what has been written so far to the stream. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new OdmWriteException(new UncheckedIOException(e));
    }
  }

  private void requireStartTag() {
    if (!inStartTag) {
      throw new IllegalStateException("attributes belong right after the start of an element");
    }
  }

  private void closeStartTag() {
    if (inStartTag) {
      raw(">");
      inStartTag = false;
    }
  }

  private void newline(int depth) {
    raw("\n").raw("    ".repeat(depth));
  }

  private OdmWriter raw(String s) {
    try {
      out.write(s);
      return this;
    } catch (IOException e) {
      throw new OdmWriteException(new UncheckedIOException(e));
    }
  }

  /**
   * {@code value} with the markup characters escaped and, in an attribute, the whitespace a
   * reader would otherwise normalise to spaces written as character references.
   */
  static String escape(String value, boolean attribute) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> attribute ? "&quot;" : null;
        case '\n' -> attribute ? "&#10;" : null;
        case '\t' -> attribute ? "&#9;" : null;
        case '\r' -> "&#13;";
        default -> null;
      };
      if (replacement != null && sb == null) {
        sb = new StringBuilder(value.length() + 16);
        sb.append(value, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? value : sb.toString();
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
