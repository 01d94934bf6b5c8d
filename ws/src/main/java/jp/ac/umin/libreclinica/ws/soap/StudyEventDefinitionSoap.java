package jp.ac.umin.libreclinica.ws.soap;

import java.util.Comparator;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfSummary;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.Study;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * studyEventDefinition/v1 {@code listAll}: the study's available event definitions. The
 * published schema gives each definition room for one CRF reference: the first CRF by order.
 */
@Component
public class StudyEventDefinitionSoap implements SoapOperations {

  private static final String B = SoapService.BEANS_NS;

  private final EventDefinitionService definitions;
  private final CrfService crfs;
  private final StudyRefs refs;
  private final SoapMessages messages;

  public StudyEventDefinitionSoap(
      EventDefinitionService definitions, CrfService crfs, StudyRefs refs, SoapMessages messages) {
    this.definitions = definitions;
    this.crfs = crfs;
    this.refs = refs;
    this.messages = messages;
  }

  @Override
  public SoapService service() {
    return SoapService.STUDY_EVENT_DEFINITION;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    Element listAll =
        Xml.child(request, service().namespace(), "studyEventDefinitionListAll").orElseThrow();
    List<StudyEventDefinition> found;
    try {
      Study where = refs.resolve(caller.userName(), Xml.child(listAll, B, "studyRef").orElseThrow());
      Study parent = where.isSite() ? where.getParent() : where;
      found = definitions.list(parent.getId()); // the study or site was checked above
    } catch (MessageKeyException | PermissionDeniedException e) {
      Reply reply =
          Reply.to(service(), "listAll")
              .result(Reply.FAIL)
              .messages(List.of(), List.of(messages.text(caller.locale(), e)));
      reply.element("studyEventDefinitions");
      return reply.root();
    }
    Reply reply = Reply.to(service(), "listAll").result(Reply.SUCCESS).messages(List.of(), List.of());
    Element list = reply.element("studyEventDefinitions");
    for (StudyEventDefinition d : found) {
      if (d.getStatus().isRemoved()) {
        continue;
      }
      Element e = Xml.add(list, B, "studyEventDefinition");
      Xml.add(e, B, "oid", d.getOid());
      Xml.add(e, B, "name", d.getName());
      Element crfList = Xml.add(e, B, "eventDefinitionCrfs");
      definitions.crfsOf(d.getId()).stream()
          .filter(c -> !c.getStatus().isRemoved())
          .min(Comparator.comparingInt(EventDefinitionCrf::getOrdinal))
          .ifPresent(
              c -> {
                CrfSummary crf = crfs.summary(c.getCrfId());
                Element x = Xml.add(crfList, B, "crf");
                Xml.add(x, B, "oid", crf.oid());
                Xml.add(x, B, "name", crf.name());
              });
    }
    return reply.root();
  }
}
