package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The clinical data of an ODM file as the round trip compares it: subjects by StudySubjectID,
 * events by subject + event OID + repeat key, forms by event + form OID, values by form + item
 * group + repeat key + item, notes by where they are. OIDs may be translated on the way in
 * ({@code kind, fileOid -> oid here}), so that the original reads with the OIDs of the new study.
 */
final class ExtractView {

  static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";
  static final String OC = "http://www.openclinica.org/ns/odm_ext_v130/v3.1";

  final Map<String, Map<String, String>> subjects = new LinkedHashMap<>();
  final Map<String, Map<String, String>> events = new LinkedHashMap<>();
  final Map<String, Map<String, String>> forms = new LinkedHashMap<>();
  final Map<String, String> values = new LinkedHashMap<>();
  /** Where -> "type|status|description|detail" of each thread, in order. */
  final Map<String, List<String>> notes = new LinkedHashMap<>();
  int valueCount;

  static ExtractView read(byte[] xml, BiFunction<String, String, String> oids) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    ExtractView v = new ExtractView();
    for (Element cd : children(doc.getDocumentElement(), "ClinicalData")) {
      for (Element s : children(cd, "SubjectData")) {
        String label = s.getAttributeNS(OC, "StudySubjectID");
        v.subjects.put(label, attributes(s, "UniqueIdentifier", "Status", "Sex", "DateOfBirth", "YearOfBirth",
            "EnrollmentDate", "SecondaryID"));
        v.subjects.get(label).put("site", oids.apply("study", cd.getAttribute("StudyOID")));
        v.notes(s, label);
        for (Element e : children(s, "StudyEventData")) {
          String rk = e.getAttribute("StudyEventRepeatKey");
          String ek = label + "/" + oids.apply("event", e.getAttribute("StudyEventOID")) + "[" + (rk.isEmpty() ? "1" : rk) + "]";
          v.events.put(ek, attributes(e, "StartDate", "EndDate", "Status", "StudyEventLocation"));
          v.notes(e, ek);
          for (Element fd : children(e, "FormData")) {
            String fk = ek + "/" + oids.apply("form", fd.getAttribute("FormOID"));
            v.forms.put(fk, attributes(fd, "Version", "InterviewerName", "InterviewDate", "Status"));
            for (Element g : children(fd, "ItemGroupData")) {
              String grk = g.getAttribute("ItemGroupRepeatKey");
              String gk = fk + "/" + oids.apply("group", g.getAttribute("ItemGroupOID")) + "[" + (grk.isEmpty() ? "1" : grk) + "]";
              for (Element i : children(g, "ItemData")) {
                String ik = gk + "/" + oids.apply("item", i.getAttribute("ItemOID"));
                v.values.put(ik, i.getAttribute("Value"));
                v.valueCount++;
                v.notes(i, ik);
              }
            }
          }
        }
      }
    }
    return v;
  }

  private void notes(Element at, String where) {
    for (Element dns : childrenNs(at, OC, "DiscrepancyNotes")) {
      for (Element dn : childrenNs(dns, OC, "DiscrepancyNote")) {
        StringBuilder thread = new StringBuilder(dn.getAttribute("NoteType") + "|" + dn.getAttribute("Status"));
        for (Element c : childrenNs(dn, OC, "ChildNote")) {
          thread.append("|").append(c.getAttribute("Status")).append(":").append(text(c, "Description"))
              .append(":").append(text(c, "DetailedNote")).append(":").append(c.getAttribute("DateCreated"));
        }
        notes.computeIfAbsent(where, k -> new ArrayList<>()).add(thread.toString());
      }
    }
  }

  private static String text(Element e, String name) {
    List<Element> c = childrenNs(e, OC, name);
    return c.isEmpty() ? "" : c.get(0).getTextContent().strip();
  }

  private static Map<String, String> attributes(Element e, String... names) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : names) {
      if (e.hasAttributeNS(OC, n)) {
        m.put(n, e.getAttributeNS(OC, n));
      }
    }
    return m;
  }

  static List<Element> children(Node parent, String name) {
    return childrenNs(parent, ODM, name);
  }

  static List<Element> childrenNs(Node parent, String ns, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }
}
