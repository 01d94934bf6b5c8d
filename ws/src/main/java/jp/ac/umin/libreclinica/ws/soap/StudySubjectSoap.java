package jp.ac.umin.libreclinica.ws.soap;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.Subject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * studySubject/v1: {@code create} (label generated per the study parameter when none is given
 * or the study generates them), {@code isStudySubject}, {@code listAllByStudy} (with events).
 */
@Component
public class StudySubjectSoap implements SoapOperations {

  private static final String B = SoapService.BEANS_NS;

  private final SubjectService subjects;
  private final StudyService studies;
  private final StudyEventService events;
  private final EventDefinitionService definitions;
  private final StudyRefs refs;
  private final SoapMessages messages;
  private final ZoneId zone;

  public StudySubjectSoap(
      SubjectService subjects,
      StudyService studies,
      StudyEventService events,
      EventDefinitionService definitions,
      StudyRefs refs,
      SoapMessages messages,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.subjects = subjects;
    this.studies = studies;
    this.events = events;
    this.definitions = definitions;
    this.refs = refs;
    this.messages = messages;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public SoapService service() {
    return SoapService.STUDY_SUBJECT;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    return switch (operation) {
      case "create" -> create(request, caller);
      case "isStudySubject" -> isStudySubject(request, caller);
      case "listAllByStudy" -> listAllByStudy(request, caller);
      default -> throw new IllegalArgumentException(operation);
    };
  }

  private Element create(Element request, SoapCaller caller) {
    Element ss = Xml.child(request, service().namespace(), "studySubject").orElseThrow();
    try {
      Study where = refs.resolve(caller.userName(), Xml.child(ss, B, "studyRef").orElseThrow());
      StudySubject created =
          subjects.add(where.getId(), input(ss), null, false, caller.userName());
      return Reply.to(service(), "create")
          .result(Reply.SUCCESS)
          .field("label", created.getLabel())
          .messages(List.of(), List.of())
          .root();
    } catch (MessageKeyException | PermissionDeniedException e) {
      return Reply.to(service(), "create")
          .result(Reply.FAIL)
          .field("label", Xml.text(ss, B, "label"))
          .messages(List.of(), List.of(messages.text(caller.locale(), e)))
          .root();
    }
  }

  /** What the request says of the subject, as the pages would pass it. */
  static SubjectInput input(Element ss) {
    Element person = Xml.child(ss, B, "subject").orElseThrow();
    String gender = Xml.text(person, B, "gender");
    String birth = Xml.text(person, B, "dateOfBirth");
    if (birth == null) {
      birth = Xml.text(person, B, "yearOfBirth");
    }
    return new SubjectInput(
        Xml.text(ss, B, "label"),
        Xml.text(ss, B, "secondaryLabel"),
        LocalDate.parse(Xml.text(ss, B, "enrollmentDate")),
        gender == null ? null : Sex.ofCode(gender),
        birth,
        Xml.text(person, B, "uniqueIdentifier"),
        Map.of());
  }

  private Element isStudySubject(Element request, SoapCaller caller) {
    Element ss = Xml.child(request, service().namespace(), "studySubject").orElseThrow();
    String label = Xml.text(ss, B, "label");
    try {
      Study where = refs.resolve(caller.userName(), Xml.child(ss, B, "studyRef").orElseThrow());
      Optional<StudySubject> found =
          label == null ? Optional.empty() : subjects.findByLabel(caller.userName(), where.getId(), label);
      if (found.isPresent()) {
        return Reply.to(service(), "isStudySubject")
            .result(Reply.SUCCESS)
            .field("studySubjectOID", found.get().getOid())
            .messages(List.of(), List.of())
            .root();
      }
      return fail("isStudySubject", "studySubjectOID",
          messages.text(caller.locale(), "soap.subject.notFound", label == null ? "" : label));
    } catch (MessageKeyException | PermissionDeniedException e) {
      return fail("isStudySubject", "studySubjectOID", messages.text(caller.locale(), e));
    }
  }

  private Element fail(String operation, String field, String error) {
    return Reply.to(service(), operation)
        .result(Reply.FAIL)
        .field(field, "")
        .messages(List.of(), List.of(error))
        .root();
  }

  private Element listAllByStudy(Element request, SoapCaller caller) {
    Study where;
    List<StudySubject> found;
    try {
      where = refs.resolve(caller.userName(), Xml.child(request, B, "studyRef").orElseThrow());
      found = subjects.listAt(caller.userName(), where.getId());
    } catch (MessageKeyException | PermissionDeniedException e) {
      Reply reply =
          Reply.to(service(), "listAllByStudy")
              .result(Reply.FAIL)
              .messages(List.of(), List.of(messages.text(caller.locale(), e)));
      reply.element("studySubjects");
      return reply.root();
    }
    Study parent = where.isSite() ? where.getParent() : where;
    Map<Long, String> definitionOids =
        definitions.list(parent.getId()).stream()
            .collect(Collectors.toMap(StudyEventDefinition::getId, StudyEventDefinition::getOid));
    Map<Long, Study> places =
        studies.sitesOf(parent.getId()).stream().collect(Collectors.toMap(Study::getId, Function.identity()));
    places.put(parent.getId(), parent);
    Reply reply =
        Reply.to(service(), "listAllByStudy").result(Reply.SUCCESS).messages(List.of(), List.of());
    Element list = reply.element("studySubjects");
    for (StudySubject s : found) {
      Element e = Xml.add(list, B, "studySubject");
      Xml.add(e, B, "label", s.getLabel());
      if (s.getSecondaryLabel() != null && !s.getSecondaryLabel().isBlank()) {
        Xml.add(e, B, "secondaryLabel", s.getSecondaryLabel());
      }
      Xml.add(e, B, "enrollmentDate", date(s.getEnrollmentDate()));
      writePerson(Xml.add(e, B, "subject"), s.getSubject());
      Study place = places.getOrDefault(s.getStudyId(), parent);
      StudyRefs.write(e, "studyRef", B, place);
      Element evs = Xml.add(e, B, "events");
      for (StudyEvent ev : events.eventsOf(caller.userName(), s.getId())) {
        Element x = Xml.add(evs, B, "event");
        Xml.add(Xml.add(x, B, "studySubjectRef"), B, "label", s.getLabel());
        StudyRefs.write(x, "studyRef", B, place);
        Xml.add(x, B, "eventDefinitionOID", definitionOids.getOrDefault(ev.getEventDefinitionId(), "?"));
        if (ev.getLocation() != null && !ev.getLocation().isBlank()) {
          Xml.add(x, B, "location", ev.getLocation());
        }
        if (ev.getStartAt() != null) {
          ZonedDateTime start = ev.getStartAt().atZone(zone);
          Xml.add(x, B, "startDate", start.toLocalDate().toString());
          Xml.add(x, B, "startTime", start.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME));
        } else {
          Xml.add(x, B, "startDate", date(s.getEnrollmentDate()));
        }
        if (ev.getEndAt() != null) {
          ZonedDateTime end = ev.getEndAt().atZone(zone);
          Xml.add(x, B, "endDate", end.toLocalDate().toString());
          Xml.add(x, B, "endTime", end.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME));
        }
      }
    }
    return reply.root();
  }

  private static void writePerson(Element e, Subject p) {
    if (p == null) {
      return;
    }
    if (p.getPersonId() != null && !p.getPersonId().isBlank()) {
      Xml.add(e, B, "uniqueIdentifier", p.getPersonId());
    }
    if (p.getSex() != null) {
      Xml.add(e, B, "gender", p.getSex().code());
    }
    if (p.getDateOfBirth() != null) {
      if (p.isDateOfBirthYearOnly()) {
        Xml.add(e, B, "yearOfBirth", Integer.toString(p.getDateOfBirth().getYear()));
      } else {
        Xml.add(e, B, "dateOfBirth", p.getDateOfBirth().toString());
      }
    }
  }

  private static String date(LocalDate d) {
    return d == null ? "" : d.toString();
  }
}
