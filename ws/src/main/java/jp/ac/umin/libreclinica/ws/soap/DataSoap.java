package jp.ac.umin.libreclinica.ws.soap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.odm.importing.ImportProblem;
import jp.ac.umin.libreclinica.core.odm.importing.ImportReport;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImportService;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * data/v1 {@code import}: the request carries an ODM document; its ClinicalData is imported
 * through {@link OdmImportService} into the study or site of its StudyOID (same rules as the
 * import page: all or nothing, every error with line and OID as an {@code error}).
 */
@Component
public class DataSoap implements SoapOperations {

  private final SoapMessages messages;
  private final OdmImportService importer;
  private final StudyService studies;

  public DataSoap(SoapMessages messages, OdmImportService importer, StudyService studies) {
    this.messages = messages;
    this.importer = importer;
    this.studies = studies;
  }

  @Override
  public SoapService service() {
    return SoapService.DATA;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    Element odm = firstElement(request).orElse(null);
    if (odm == null || !"ODM".equals(odm.getLocalName())) {
      return fail(List.of(), List.of(messages.text(caller.locale(), "soap.import.noOdm")));
    }
    String studyOid = studyOid(odm);
    try {
      Study study = studies.viewByOid(caller.userName(), studyOid);
      ImportReport report = importer.importFile(caller.userName(), study.getId(),
          new ByteArrayInputStream(serialize(odm)),
          messages.text(caller.locale(), "soap.import.reason"), OdmImportService.Scope.FILE);
      List<String> warnings = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (ImportProblem p : report.problems()) {
        (p.warning() ? warnings : errors).add(describe(caller, p));
      }
      if (report.imported() && errors.isEmpty()) {
        return Reply.to(service(), "import").result(Reply.SUCCESS).messages(warnings, List.of()).root();
      }
      return fail(warnings, errors);
    } catch (MessageKeyException | PermissionDeniedException refused) {
      return fail(List.of(), List.of(messages.text(caller.locale(), refused)));
    }
  }

  private Element fail(List<String> warnings, List<String> errors) {
    return Reply.to(service(), "import").result(Reply.FAIL).messages(warnings, errors).root();
  }

  private String describe(SoapCaller caller, ImportProblem p) {
    String text = messages.text(caller.locale(), p.messageKey(), p.arguments().toArray());
    return messages.text(caller.locale(), "soap.import.at", p.line(), p.oid() == null ? "-" : p.oid(), text);
  }

  private static Optional<Element> firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static String studyOid(Element odm) {
    for (Node n = odm.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "ClinicalData".equals(e.getLocalName())) {
        return e.getAttribute("StudyOID");
      }
    }
    return "";
  }

  private static byte[] serialize(Element odm) {
    try {
      TransformerFactory f = TransformerFactory.newInstance();
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = f.newTransformer();
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.transform(new DOMSource(odm), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
