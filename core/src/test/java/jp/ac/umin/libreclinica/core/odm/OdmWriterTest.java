package jp.ac.umin.libreclinica.core.odm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class OdmWriterTest {

  private static String write(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OdmWriter w = OdmWriter.open(out)) {
      w.start("ODM").namespace("", OdmNamespaces.ODM).attribute("Description", text)
          .start("Study").text(text).end();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void dropsCharactersXmlCannotCarryAndKeepsNonBmpCharacters() {
    String xml = write("a\u0001b\u0000c\uD842d𠮷\uDFB7e🍣\tf");
    assertTrue(xml, xml.contains("<Study>abcd𠮷e🍣\tf</Study>"));
    assertTrue(xml, xml.contains("Description=\"abcd𠮷e🍣&#9;f\"") || xml.contains("Description=\"abcd𠮷e🍣\tf\""));
  }

  @Test
  public void escapesMarkupInTextAndAttributes() {
    String xml = write("<script>alert('x')</script> & \"q\"");
    assertTrue(xml, xml.contains("<Study>&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\"</Study>"));
    assertTrue(xml, xml.contains("&lt;script"));
    assertTrue(xml, xml.contains("&quot;q&quot;"));
  }

  @Test
  public void indentsElementOnlyContentButNeverText() {
    String xml = write("text");
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\""
        + " Description=\"text\">\n    <Study>text</Study>\n</ODM>\n", xml);
  }

  @Test
  public void lineBreaksInAttributeValuesSurviveAReader() throws Exception {
    String xml = write("一行目\r\n二行目\n\t三行目");
    assertTrue(xml, xml.contains("Description=\"一行目&#13;&#10;二行目&#10;&#9;三行目\""));
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("一行目\r\n二行目\n\t三行目", doc.getDocumentElement().getAttribute("Description"));
  }
}
