package jp.ac.umin.libreclinica.core.casebook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.audit.AuditContext;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.audit.ContextualAuditRecord;
import jp.ac.umin.libreclinica.core.crf.Crf;
import jp.ac.umin.libreclinica.core.crf.CrfRepository;
import jp.ac.umin.libreclinica.core.crf.CrfVersion;
import jp.ac.umin.libreclinica.core.crf.CrfVersionRepository;
import jp.ac.umin.libreclinica.core.crf.Item;
import jp.ac.umin.libreclinica.core.crf.ItemRepository;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfRepository;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinitionRepository;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit views of a subject's casebook: the subject's full audit log (LibreClinica's "View
 * audit log") and the history of one item's values. Only users who may view the subject see
 * them. Each view reads the audit trail with one indexed query (see {@code audit_log_context}).
 */
@Service
@Transactional(readOnly = true)
public class SubjectAuditService {

  private final AuditService audit;
  private final SubjectService subjects;
  private final StudyService studies;
  private final StudyEventService events;
  private final StudyEventDefinitionRepository definitions;
  private final EventCrfRepository eventCrfs;
  private final CrfRepository crfs;
  private final CrfVersionRepository versions;
  private final ItemRepository items;

  public SubjectAuditService(
      AuditService audit,
      SubjectService subjects,
      StudyService studies,
      StudyEventService events,
      StudyEventDefinitionRepository definitions,
      EventCrfRepository eventCrfs,
      CrfRepository crfs,
      CrfVersionRepository versions,
      ItemRepository items) {
    this.audit = audit;
    this.subjects = subjects;
    this.studies = studies;
    this.events = events;
    this.definitions = definitions;
    this.eventCrfs = eventCrfs;
    this.crfs = crfs;
    this.versions = versions;
    this.items = items;
  }

  /** The subject's full audit log, grouped by event and CRF, oldest first. */
  public SubjectAuditLog log(String actor, long studySubjectId) {
    StudySubject s = subjects.view(actor, studySubjectId);
    List<ContextualAuditRecord> trail = audit.subjectTrail(studySubjectId);
    List<StudyEvent> subjectEvents = events.eventsOf(actor, studySubjectId);
    Map<Long, String> definitionNames =
        names(definitions.findAllById(subjectEvents.stream().map(StudyEvent::getEventDefinitionId).distinct().toList()),
            StudyEventDefinition::getId, StudyEventDefinition::getName);
    Map<Long, String> versionNames = versionNames(trail);
    Map<Long, String> itemNames = itemNames(trail);
    Map<Long, EventCrf> forms = new HashMap<>();
    for (StudyEvent e : subjectEvents) {
      eventCrfs.findByStudyEventId(e.getId()).forEach(f -> forms.put(f.getId(), f));
    }
    Map<Long, String> crfNames =
        names(crfs.findAllById(forms.values().stream().map(EventCrf::getCrfId).distinct().toList()),
            Crf::getId, Crf::getName);

    List<SubjectAuditLog.Line> subjectLines = new ArrayList<>();
    Map<Long, List<SubjectAuditLog.Line>> eventLines = new LinkedHashMap<>();
    Map<Long, Map<Long, List<SubjectAuditLog.Line>>> crfLines = new LinkedHashMap<>();
    subjectEvents.forEach(e -> eventLines.put(e.getId(), new ArrayList<>()));
    for (ContextualAuditRecord r : trail) {
      AuditContext c = r.context();
      SubjectAuditLog.Line line = line(r, itemNames, versionNames);
      if (c.studyEventId() == null) {
        subjectLines.add(line);
      } else if (c.eventCrfId() == null) {
        eventLines.computeIfAbsent(c.studyEventId(), k -> new ArrayList<>()).add(line);
      } else {
        eventLines.computeIfAbsent(c.studyEventId(), k -> new ArrayList<>());
        crfLines.computeIfAbsent(c.studyEventId(), k -> new LinkedHashMap<>())
            .computeIfAbsent(c.eventCrfId(), k -> new ArrayList<>())
            .add(line);
      }
    }
    Map<Long, StudyEvent> byId =
        subjectEvents.stream().collect(Collectors.toMap(StudyEvent::getId, Function.identity()));
    List<SubjectAuditLog.EventSection> sections = new ArrayList<>();
    for (Map.Entry<Long, List<SubjectAuditLog.Line>> e : eventLines.entrySet()) {
      StudyEvent event = byId.get(e.getKey());
      List<SubjectAuditLog.CrfSection> crfSections = new ArrayList<>();
      crfLines.getOrDefault(e.getKey(), Map.of()).forEach((eventCrfId, lines) -> {
        EventCrf f = forms.get(eventCrfId);
        crfSections.add(
            new SubjectAuditLog.CrfSection(
                eventCrfId,
                f == null ? null : crfNames.get(f.getCrfId()),
                f == null ? null : versionNames.get(f.getCrfVersionId()),
                List.copyOf(lines)));
      });
      sections.add(
          new SubjectAuditLog.EventSection(
              e.getKey(),
              event == null ? null : definitionNames.get(event.getEventDefinitionId()),
              event == null ? 0 : event.getOrdinal(),
              List.copyOf(e.getValue()),
              List.copyOf(crfSections)));
    }
    return new SubjectAuditLog(
        s, studies.get(s.getStudyId()), studies.get(s.getParentStudyId()),
        List.copyOf(subjectLines), List.copyOf(sections));
  }

  /** Every change of an item's values (all rows) in an event CRF, newest first. */
  public ItemHistory itemHistory(String actor, long eventCrfId, String itemName, Pageable page) {
    EventCrf e =
        eventCrfs.findById(eventCrfId)
            .orElseThrow(() -> new DataEntryException("dataentry.notFound", eventCrfId));
    StudyEvent event = events.get(e.getStudyEventId());
    StudySubject s = subjects.view(actor, event.getStudySubjectId());
    Item item =
        items.findByCrfId(e.getCrfId()).stream()
            .filter(i -> i.getName().equals(itemName))
            .findFirst()
            .orElseThrow(() -> new DataEntryException("dataentry.item.unknown", itemName));
    Page<ContextualAuditRecord> trail = audit.itemTrail(eventCrfId, item.getId(), page);
    Map<Long, String> versionNames = versionNames(trail.getContent());
    Map<Long, String> itemNames = Map.of(item.getId(), item.getName());
    String eventName =
        definitions.findById(event.getEventDefinitionId()).map(StudyEventDefinition::getName).orElse(null);
    String crfName = crfs.findById(e.getCrfId()).map(Crf::getName).orElse(null);
    return new ItemHistory(
        s, e, eventName, crfName, item.getName(),
        trail.map(r -> line(r, itemNames, versionNames)));
  }

  private static SubjectAuditLog.Line line(
      ContextualAuditRecord r, Map<Long, String> itemNames, Map<Long, String> versionNames) {
    AuditContext c = r.context();
    return new SubjectAuditLog.Line(
        r.record(),
        c.itemId() == null ? null : itemNames.get(c.itemId()),
        c.itemId() == null ? null : c.itemOrdinal(),
        c.crfVersionId() == null ? null : versionNames.get(c.crfVersionId()));
  }

  private Map<Long, String> versionNames(Collection<ContextualAuditRecord> trail) {
    List<Long> ids =
        trail.stream().map(r -> r.context().crfVersionId()).filter(Objects::nonNull).distinct().toList();
    return ids.isEmpty() ? Map.of() : names(versions.findAllById(ids), CrfVersion::getId, CrfVersion::getName);
  }

  private Map<Long, String> itemNames(Collection<ContextualAuditRecord> trail) {
    List<Long> ids =
        trail.stream().map(r -> r.context().itemId()).filter(Objects::nonNull).distinct().toList();
    return ids.isEmpty() ? Map.of() : names(items.findAllById(ids), Item::getId, Item::getName);
  }

  private static <T> Map<Long, String> names(
      Iterable<T> things, Function<T, Long> id, Function<T, String> name) {
    Map<Long, String> m = new HashMap<>();
    things.forEach(t -> m.put(id.apply(t), name.apply(t)));
    return m;
  }
}
