package jp.ac.umin.libreclinica.core.odm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real LibreClinica extract against the published OpenClinica schema and against it plus our
 * addendum: the addendum must declare what real extracts carry, and nothing else is needed.
 */
public class OdmSchemaAddendumTest {

  private static byte[] realExtract() throws Exception {
    return Files.readAllBytes(OdmSchemas.referenceDir().resolve("example-R01-full-extract-odm13-oc.xml"));
  }

  /** The kind of each error, by the name it is about. */
  private static Set<String> kinds(List<String> errors) {
    Set<String> kinds = new TreeSet<>();
    for (String e : errors) {
      if (e.contains("OrderInForm")) {
        kinds.add("OrderInForm");
      } else if (e.contains("SectionDetails")) {
        kinds.add("SectionDetails");
      } else if (e.contains("AuditType")) {
        kinds.add("AuditType");
      } else if (e.contains("Description")) {
        kinds.add("RuleDescription");
      } else {
        kinds.add("other: " + e);
      }
    }
    return kinds;
  }

  @Test
  public void realExtractBreaksThePublishedSchemaOnlyInTheKnownWays() throws Exception {
    List<String> errors = OdmSchemas.errors(OdmSchemas.openClinica(), realExtract());
    assertFalse(errors.isEmpty());
    // this extract has no AuditType (other real extracts do: see auditTypeIsDeclaredByTheAddendum)
    assertEquals(Set.of("OrderInForm", "SectionDetails", "RuleDescription"), kinds(errors));
  }

  @Test
  public void auditTypeIsDeclaredByTheAddendum() throws Exception {
    byte[] withAuditType = transform(sectionDetailsLast(realExtract()), doc -> {
      Element log = (Element) doc.getElementsByTagNameNS(OdmNamespaces.OPENCLINICA, "AuditLog").item(0);
      log.setAttribute("AuditType", "Item data value updated");
    });
    assertTrue(kinds(OdmSchemas.errors(OdmSchemas.openClinica(), withAuditType)).contains("AuditType"));
    assertFalse(kinds(OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), withAuditType))
        .contains("AuditType"));
  }

  @Test
  public void addendumDeclaresOrderInFormAndSectionDetails() throws Exception {
    // our addendum takes SectionDetails at the end of FormDetails (XML Schema 1.0 cannot add it first)
    byte[] moved = sectionDetailsLast(realExtract());
    List<String> errors = OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), moved);
    assertEquals(String.join("\n", errors), Set.of("RuleDescription"), kinds(errors));
    // and without the addendum the same file still breaks in the three ways
    Set<String> published = kinds(OdmSchemas.errors(OdmSchemas.openClinica(), moved));
    assertTrue(published.toString(), published.containsAll(Set.of("OrderInForm", "SectionDetails")));
  }

  @Test
  public void addendumSchemaIsOurOwnSmallTextNotACopy() throws Exception {
    try (var in = OdmSchemas.class.getResourceAsStream("/odm/lc-odm-oc-addendum.xsd")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(text.contains("xs:redefine schemaLocation=\"OpenClinica-ODM1-3-0-OC2-0-foundation.xsd\""));
      assertFalse("the addendum must not restate the published types",
          text.contains("OCodmComplexTypeDefinition"));
    }
  }

  static byte[] sectionDetailsLast(byte[] xml) throws Exception {
    return transform(xml, doc -> {
      NodeList list = doc.getElementsByTagNameNS(OdmNamespaces.OPENCLINICA, "SectionDetails");
      for (int i = list.getLength() - 1; i >= 0; i--) {
        Element s = (Element) list.item(i);
        s.getParentNode().appendChild(s);
      }
    });
  }

  static byte[] transform(byte[] xml, java.util.function.Consumer<Document> change) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setExpandEntityReferences(false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    change.accept(doc);
    TransformerFactory tf = TransformerFactory.newInstance();
    tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tf.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
    return out.toByteArray();
  }
}
