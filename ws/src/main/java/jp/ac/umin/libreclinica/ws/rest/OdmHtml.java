package jp.ac.umin.libreclinica.ws.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.springframework.web.util.HtmlUtils;

/**
 * A printable HTML view of an ODM file (the {@code html} format of LibreClinica's REST URLs):
 * every element as a nested block with its ODM name and its attributes, escaped, streamed from
 * the XML. ODM names are kept as they are (they are the standard's vocabulary).
 */
final class OdmHtml {

  private static final XMLInputFactory READERS = XMLInputFactory.newDefaultFactory();

  static {
    READERS.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    READERS.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    READERS.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  private OdmHtml() {}

  static void render(InputStream xml, OutputStream out, String title, String language) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write("<!DOCTYPE html><html lang=\"" + HtmlUtils.htmlEscape(language) + "\"><head><meta charset=\"UTF-8\"><title>");
    w.write(HtmlUtils.htmlEscape(title));
    w.write("</title><style>body{font-family:sans-serif;font-size:12px}"
        + "div.e{margin-left:1.2em;border-left:1px solid #ccc;padding-left:.4em}"
        + "span.n{font-weight:bold}span.a{color:#555;margin-left:.6em}"
        + "@media print{div.e{break-inside:avoid}}</style></head><body><h1>");
    w.write(HtmlUtils.htmlEscape(title));
    w.write("</h1>");
    try {
      XMLStreamReader r = READERS.createXMLStreamReader(xml);
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          w.write("<div class=\"e\"><span class=\"n\">");
          w.write(HtmlUtils.htmlEscape(name(r.getPrefix(), r.getLocalName())));
          w.write("</span>");
          for (int i = 0; i < r.getAttributeCount(); i++) {
            w.write("<span class=\"a\">");
            w.write(HtmlUtils.htmlEscape(name(r.getAttributePrefix(i), r.getAttributeLocalName(i))));
            w.write("=<span class=\"data\">");
            w.write(HtmlUtils.htmlEscape(r.getAttributeValue(i)));
            w.write("</span></span>");
          }
        } else if (event == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
          w.write(" <span class=\"data\">");
          w.write(HtmlUtils.htmlEscape(r.getText()));
          w.write("</span>");
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          w.write("</div>\n");
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    w.write("</body></html>\n");
    w.flush();
  }

  private static String name(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }
}
