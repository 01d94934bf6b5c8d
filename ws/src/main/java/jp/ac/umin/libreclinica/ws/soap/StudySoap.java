package jp.ac.umin.libreclinica.ws.soap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.odm.OdmMetadataExporter;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/** study/v1: {@code listAll} (the caller's studies and sites), {@code getMetadata} (ODM). */
@Component
public class StudySoap implements SoapOperations {

  private static final String B = SoapService.BEANS_NS;
  private static final int PAGE = 200;

  private final StudyService studies;
  private final StudyRefs refs;
  private final OdmMetadataExporter metadata;
  private final SoapMessages messages;

  public StudySoap(
      StudyService studies, StudyRefs refs, OdmMetadataExporter metadata, SoapMessages messages) {
    this.studies = studies;
    this.refs = refs;
    this.metadata = metadata;
    this.messages = messages;
  }

  @Override
  public SoapService service() {
    return SoapService.STUDY;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    return switch (operation) {
      case "listAll" -> listAll(caller);
      case "getMetadata" -> getMetadata(request, caller);
      default -> throw new IllegalArgumentException(operation);
    };
  }

  private Element listAll(SoapCaller caller) {
    Reply reply = Reply.to(service(), "listAll").result(Reply.SUCCESS).messages(List.of(), List.of());
    Element list = reply.element("studies");
    for (int page = 0; ; page++) {
      Page<Study> found = studies.listStudies(caller.userName(), PageRequest.of(page, PAGE));
      for (Study study : found) {
        Element s = Xml.add(list, B, "study");
        Xml.add(s, B, "identifier", study.getProtocolId());
        Xml.add(s, B, "oid", study.getOid());
        Xml.add(s, B, "name", study.getName());
        Element sites = Xml.add(s, B, "sites");
        for (Study site : studies.sitesOf(caller.userName(), study.getId())) {
          Element e = Xml.add(sites, B, "site");
          Xml.add(e, B, "identifier", site.getProtocolId());
          Xml.add(e, B, "oid", site.getOid());
          Xml.add(e, B, "name", site.getName());
        }
      }
      if (!found.hasNext()) {
        return reply.root();
      }
    }
  }

  private Element getMetadata(Element request, SoapCaller caller) {
    Element ref = Xml.child(request, service().namespace(), "studyMetadata").orElseThrow();
    try {
      Study where = refs.resolve(caller.userName(), ref);
      ByteArrayOutputStream odm = new ByteArrayOutputStream();
      metadata.export(caller.userName(), where.getId(), OdmExportOptions.libreClinica(), odm);
      return Reply.to(service(), "getMetadata")
          .result(Reply.SUCCESS)
          .messages(List.of(), List.of())
          .field("odm", odm.toString(StandardCharsets.UTF_8))
          .root();
    } catch (MessageKeyException | PermissionDeniedException e) {
      return Reply.to(service(), "getMetadata")
          .result(Reply.FAIL)
          .messages(List.of(), List.of(messages.text(caller.locale(), e)))
          .root();
    }
  }
}
