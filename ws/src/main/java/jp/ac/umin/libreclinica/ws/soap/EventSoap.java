package jp.ac.umin.libreclinica.ws.soap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Element;

/**
 * event/v1 {@code schedule}: schedules each event of the request, all or none; answers with
 * the last one's definition, subject and ordinal (the occurrence of a repeating event).
 */
@Component
public class EventSoap implements SoapOperations {

  private static final String B = SoapService.BEANS_NS;

  private final StudyEventService events;
  private final EventDefinitionService definitions;
  private final SubjectService subjects;
  private final StudyRefs refs;
  private final SoapMessages messages;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  public EventSoap(
      StudyEventService events,
      EventDefinitionService definitions,
      SubjectService subjects,
      StudyRefs refs,
      SoapMessages messages,
      PlatformTransactionManager transactions,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.events = events;
    this.definitions = definitions;
    this.subjects = subjects;
    this.refs = refs;
    this.messages = messages;
    this.transaction = new TransactionTemplate(transactions);
    this.zone = ZoneId.of(zone);
  }

  @Override
  public SoapService service() {
    return SoapService.EVENT;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    List<Element> requested = Xml.children(request, service().namespace(), "event");
    try {
      String[] last =
          transaction.execute(
              status -> {
                String[] done = null;
                for (Element e : requested) {
                  done = schedule(e, caller.userName());
                }
                return done;
              });
      return Reply.to(service(), "schedule")
          .result(Reply.SUCCESS)
          .field("eventDefinitionOID", last[0])
          .field("studySubjectOID", last[1])
          .field("studyEventOrdinal", last[2])
          .messages(List.of(), List.of())
          .root();
    } catch (MessageKeyException | PermissionDeniedException e) {
      Element first = requested.get(0);
      return Reply.to(service(), "schedule")
          .result(Reply.FAIL)
          .field("eventDefinitionOID", Xml.text(first, B, "eventDefinitionOID"))
          .field("studySubjectOID", "")
          .field("studyEventOrdinal", "")
          .messages(List.of(), List.of(messages.text(caller.locale(), e)))
          .root();
    }
  }

  private String[] schedule(Element e, String actor) {
    Study where = refs.resolve(actor, Xml.child(e, B, "studyRef").orElseThrow());
    Study parent = where.isSite() ? where.getParent() : where;
    String label = Xml.child(e, B, "studySubjectRef").map(r -> Xml.text(r, B, "label")).orElse("");
    StudySubject subject =
        subjects
            .findByLabel(actor, where.getId(), label)
            .orElseThrow(() -> new SoapRefusal("soap.subject.notFound", label));
    String oid = Xml.text(e, B, "eventDefinitionOID");
    StudyEventDefinition definition =
        definitions.list(parent.getId()).stream()
            .filter(d -> d.getOid().equalsIgnoreCase(oid))
            .findFirst()
            .orElseThrow(() -> new SoapRefusal("soap.eventDefinition.notFound", oid, parent.getProtocolId()));
    Instant start = instant(Xml.text(e, B, "startDate"), Xml.text(e, B, "startTime"));
    Instant end = instant(Xml.text(e, B, "endDate"), Xml.text(e, B, "endTime"));
    StudyEvent scheduled =
        events.schedule(
            subject.getId(), definition.getId(), new EventInput(start, end, Xml.text(e, B, "location")), actor);
    return new String[] {
      definition.getOid(), subject.getOid(), Integer.toString(scheduled.getOrdinal())
    };
  }

  /** A date and an optional xs:time (with or without offset) in the installation's zone. */
  private Instant instant(String date, String time) {
    if (date == null) {
      return null;
    }
    LocalDate d = LocalDate.parse(date);
    if (time == null) {
      return d.atStartOfDay(zone).toInstant();
    }
    if (time.endsWith("Z") || time.matches(".*[+-]\\d\\d:\\d\\d$")) {
      OffsetTime t = OffsetTime.parse(time);
      return d.atTime(t).toInstant();
    }
    return d.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
  }
}
