package jp.ac.umin.libreclinica.core.odm.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import jp.ac.umin.libreclinica.core.odm.OdmNamespaces;

/**
 * Reads the ClinicalData of an ODM 1.3 file with a hardened StAX parser: a document type
 * declaration is refused (so no external entities and no entity expansion), and reading stops
 * beyond {@code maxBytes}. Unknown elements (vendor extensions) are skipped with a warning;
 * elements outside ClinicalData (Study metadata, AdminData, ReferenceData) are skipped silently.
 * Duplicate repeat keys are reported with their line.
 */
public final class OdmImportParser {

  private final long maxBytes;

  public OdmImportParser(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The hardened StAX factory: no DTD, no external entities, no entity replacement. */
  public static XMLInputFactory hardenedFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setXMLResolver((publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external resources are not read");
    });
    return f;
  }

  /** Reads the file; problems are collected in the result, never thrown. */
  public OdmClinicalData parse(InputStream in) {
    OdmClinicalData result = new OdmClinicalData();
    XMLStreamReader r = null;
    try {
      r = hardenedFactory().createXMLStreamReader(new Limited(in, maxBytes));
      read(r, result);
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      if (tooLarge(e)) {
        result.problems().add(ImportProblem.error(0, null, "odm.import.tooLarge", maxBytes));
      } else if (badEncoding(e)) {
        result.problems().add(ImportProblem.error(line, null, "odm.import.encoding", declared(r), shortMessage(e)));
      } else {
        result.problems().add(ImportProblem.error(line, null, "odm.import.malformed", shortMessage(e)));
      }
    } catch (RuntimeException e) {
      if (tooLarge(e)) {
        result.problems().add(ImportProblem.error(0, null, "odm.import.tooLarge", maxBytes));
      } else {
        result.problems().add(ImportProblem.error(0, null, "odm.import.malformed", String.valueOf(e.getMessage())));
      }
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing left to read
        }
      }
    }
    if (result.problems().isEmpty() && result.clinical().isEmpty()) {
      result.problems().add(ImportProblem.error(0, null, "odm.import.noClinicalData"));
    }
    return result;
  }

  /** Bytes that are not in the encoding the file declares (a Shift_JIS file declared UTF-8). */
  private static boolean badEncoding(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.CharConversionException || t instanceof java.nio.charset.CharacterCodingException
          || (t instanceof XMLStreamException x && x.getNestedException() instanceof java.io.CharConversionException)) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().contains("-byte UTF-8 sequence")) {
        return true;
      }
    }
    return false;
  }

  private static String declared(XMLStreamReader r) {
    String e = r == null ? null : r.getCharacterEncodingScheme();
    if (e == null && r != null) {
      e = r.getEncoding();
    }
    return e == null ? "UTF-8" : e;
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TooLarge
          || (t instanceof XMLStreamException x && x.getNestedException() instanceof TooLarge)) {
        return true;
      }
    }
    return false;
  }

  private static String shortMessage(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("Message: ");
    return i >= 0 ? m.substring(i + 9).strip() : m.strip();
  }

  private void read(XMLStreamReader r, OdmClinicalData result) throws XMLStreamException {
    boolean sawRoot = false;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.DTD) {
        result.problems().add(ImportProblem.error(line(r), null, "odm.import.dtd"));
        return;
      }
      if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
        result.problems().add(ImportProblem.error(line(r), null, "odm.import.dtd"));
        return;
      }
      if (ev != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = r.getLocalName();
      if (!sawRoot) {
        sawRoot = true;
        if (!"ODM".equals(name)) {
          result.problems().add(ImportProblem.error(line(r), null, "odm.import.notOdm", name));
          return;
        }
        continue;
      }
      if ("ClinicalData".equals(name) && odm(r)) {
        readClinical(r, result);
      } else {
        skip(r);
      }
    }
  }

  private static boolean odm(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    return ns == null || ns.isEmpty() || OdmNamespaces.ODM.equals(ns);
  }

  private void readClinical(XMLStreamReader r, OdmClinicalData result) throws XMLStreamException {
    var c = new OdmClinicalData.Clinical(attr(r, "StudyOID"), line(r), new ArrayList<>());
    result.clinical().add(c);
    Set<String> subjectKeys = new HashSet<>();
    while (nextChild(r)) {
      if ("SubjectData".equals(r.getLocalName()) && odm(r)) {
        String label = r.getAttributeValue(OdmNamespaces.OPENCLINICA, "StudySubjectID");
        var s = new OdmClinicalData.Subject(attr(r, "SubjectKey"), label, line(r), new ArrayList<>());
        if (!subjectKeys.add(String.valueOf(s.key()) + "/" + label)) {
          result.problems().add(ImportProblem.error(s.line(), s.key(), "odm.import.duplicateSubject"));
        }
        c.subjects().add(s);
        readSubject(r, s, result);
      } else {
        unknown(r, result);
      }
    }
  }

  private void readSubject(XMLStreamReader r, OdmClinicalData.Subject s, OdmClinicalData result)
      throws XMLStreamException {
    Set<String> keys = new HashSet<>();
    while (nextChild(r)) {
      if ("StudyEventData".equals(r.getLocalName()) && odm(r)) {
        var e = new OdmClinicalData.Event(attr(r, "StudyEventOID"), attr(r, "StudyEventRepeatKey"), line(r), new ArrayList<>());
        if (!keys.add(e.oid() + "#" + (e.repeatKey() == null ? "1" : e.repeatKey()))) {
          result.problems().add(ImportProblem.error(e.line(), e.oid(), "odm.import.duplicateRepeatKey",
              e.repeatKey() == null ? "1" : e.repeatKey()));
        }
        s.events().add(e);
        readEvent(r, e, result);
      } else {
        unknown(r, result);
      }
    }
  }

  private void readEvent(XMLStreamReader r, OdmClinicalData.Event e, OdmClinicalData result)
      throws XMLStreamException {
    Set<String> forms = new HashSet<>();
    while (nextChild(r)) {
      if ("FormData".equals(r.getLocalName()) && odm(r)) {
        var f = new OdmClinicalData.Form(attr(r, "FormOID"), line(r), new ArrayList<>());
        if (!forms.add(f.oid())) {
          result.problems().add(ImportProblem.error(f.line(), f.oid(), "odm.import.duplicateForm"));
        }
        e.forms().add(f);
        readForm(r, f, result);
      } else {
        unknown(r, result);
      }
    }
  }

  private void readForm(XMLStreamReader r, OdmClinicalData.Form f, OdmClinicalData result)
      throws XMLStreamException {
    Set<String> keys = new HashSet<>();
    while (nextChild(r)) {
      if ("ItemGroupData".equals(r.getLocalName()) && odm(r)) {
        var g = new OdmClinicalData.Group(attr(r, "ItemGroupOID"), attr(r, "ItemGroupRepeatKey"), line(r), new ArrayList<>());
        if (!keys.add(g.oid() + "#" + (g.repeatKey() == null ? "1" : g.repeatKey()))) {
          result.problems().add(ImportProblem.error(g.line(), g.oid(), "odm.import.duplicateRepeatKey",
              g.repeatKey() == null ? "1" : g.repeatKey()));
        }
        f.groups().add(g);
        readGroup(r, g, result);
      } else {
        unknown(r, result);
      }
    }
  }

  private void readGroup(XMLStreamReader r, OdmClinicalData.Group g, OdmClinicalData result)
      throws XMLStreamException {
    Set<String> items = new HashSet<>();
    while (nextChild(r)) {
      if ("ItemData".equals(r.getLocalName()) && odm(r)) {
        var i = new OdmClinicalData.Item(attr(r, "ItemOID"), attr(r, "Value"), line(r));
        if (!items.add(String.valueOf(i.oid()))) {
          result.problems().add(ImportProblem.error(i.line(), i.oid(), "odm.import.duplicateItem"));
        }
        g.items().add(i);
        skip(r); // MeasurementUnitRef, annotations
      } else {
        unknown(r, result);
      }
    }
  }

  /** Moves to the next child start element; false at the parent's end. */
  private static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (ev == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
    }
    return false;
  }

  private void unknown(XMLStreamReader r, OdmClinicalData result) throws XMLStreamException {
    String ns = r.getNamespaceURI();
    String prefix = r.getPrefix();
    String shown = prefix == null || prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
    if (!OdmNamespaces.OPENCLINICA.equals(ns)) {
      result.problems().add(ImportProblem.warning(line(r), null, "odm.import.unknownElement", shown));
    }
    skip(r);
  }

  /** Skips the current element with its content. */
  private static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new XMLStreamException("entity references are not allowed", r.getLocation());
      }
    }
  }

  private static String attr(XMLStreamReader r, String name) {
    String v = r.getAttributeValue(null, name);
    return v == null ? null : v.strip();
  }

  private static int line(XMLStreamReader r) {
    return r.getLocation() == null ? 0 : r.getLocation().getLineNumber();
  }

  /** Thrown when the file is larger than allowed. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("file too large");
    }
  }

  private static final class Limited extends FilterInputStream {
    private final long max;
    private long read;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++read > max) {
        throw new TooLarge();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0 && (read += n) > max) {
        throw new TooLarge();
      }
      return n;
    }
  }
}
