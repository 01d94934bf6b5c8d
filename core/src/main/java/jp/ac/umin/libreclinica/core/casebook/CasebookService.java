package jp.ac.umin.libreclinica.core.casebook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventForm;
import jp.ac.umin.libreclinica.core.dataentry.ItemData;
import jp.ac.umin.libreclinica.core.dataentry.SecondEntryValue;
import jp.ac.umin.libreclinica.core.dataentry.SecondEntryValueRepository;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinitionRepository;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a subject's printable casebook ({@link CasebookDocument}) for a user who may see the
 * subject; the HTML page and {@link CasebookPdfWriter} render it.
 */
@Service
@Transactional(readOnly = true)
public class CasebookService {

  /** The most audit records a printed casebook lists. */
  static final int AUDIT_MAX = 20_000;

  private final SubjectService subjects;
  private final StudyEventService events;
  private final StudyEventDefinitionRepository definitions;
  private final StudyService studies;
  private final DataEntryService dataEntry;
  private final CrfService crfs;
  private final SignatureService signatures;
  private final AuditService audit;
  private final ObjectProvider<CasebookContributor> contributors;
  private final Clock clock;

  private final SecondEntryValueRepository secondEntries;

  public CasebookService(
      SubjectService subjects,
      StudyEventService events,
      StudyEventDefinitionRepository definitions,
      StudyService studies,
      DataEntryService dataEntry,
      CrfService crfs,
      SignatureService signatures,
      AuditService audit,
      ObjectProvider<CasebookContributor> contributors,
      Clock clock,
      SecondEntryValueRepository secondEntries) {
    this.secondEntries = secondEntries;
    this.subjects = subjects;
    this.events = events;
    this.definitions = definitions;
    this.studies = studies;
    this.dataEntry = dataEntry;
    this.crfs = crfs;
    this.signatures = signatures;
    this.audit = audit;
    this.contributors = contributors;
    this.clock = clock;
  }

  /** The casebook of a subject the user may see; with its audit trail when asked. */
  public CasebookDocument document(String actor, long studySubjectId, boolean withAudit, Locale locale) {
    StudySubject s = subjects.view(actor, studySubjectId);
    Study site = studies.get(s.getStudyId());
    Study study = studies.get(s.getParentStudyId());
    Map<Long, StudyEventDefinition> defs =
        definitions.findByStudyIdOrderByOrdinal(study.getId()).stream()
            .collect(Collectors.toMap(StudyEventDefinition::getId, Function.identity()));
    Map<Long, CrfVersionDetail> versions = new HashMap<>();
    List<CasebookDocument.Event> lines = new ArrayList<>();
    Map<String, Collection<?>> audited = new LinkedHashMap<>();
    List<Long> eventIds = new ArrayList<>();
    List<Long> eventCrfIds = new ArrayList<>();
    List<Long> itemDataIds = new ArrayList<>();
    List<Long> secondEntryIds = new ArrayList<>();
    for (StudyEvent e : events.eventsOf(actor, studySubjectId)) {
      eventIds.add(e.getId());
      List<CasebookDocument.Form> forms = new ArrayList<>();
      if (!e.getRemoval().isRemoved()) {
        for (EventForm f : dataEntry.formsOfEvent(actor, e.getId())) {
          CrfVersionDetail v = versions.computeIfAbsent(f.crfVersionId(), crfs::getVersion);
          List<CasebookDocument.Value> values = new ArrayList<>();
          if (f.eventCrfId() != null) {
            eventCrfIds.add(f.eventCrfId());
            Map<ItemKey, ItemData> stored = dataEntry.values(actor, f.eventCrfId());
            stored.values().forEach(d -> itemDataIds.add(d.getId()));
            // double data entry: the second pass and its reconciliation are part of the trail
            secondEntries.findByEventCrfId(f.eventCrfId()).stream().map(SecondEntryValue::getId).forEach(secondEntryIds::add);
            values = values(v, stored);
          }
          forms.add(new CasebookDocument.Form(f.crfName(), v.version().name(), f.status(), values));
        }
      }
      lines.add(new CasebookDocument.Event(e, defs.get(e.getEventDefinitionId()), forms));
    }
    var signed = signatures.signaturesOf(actor, studySubjectId);
    List<CasebookSection> sections = new ArrayList<>();
    contributors.orderedStream().forEach(c -> sections.addAll(c.sectionsFor(actor, studySubjectId, locale)));
    List<AuditRecord> trail = null;
    if (withAudit) {
      audited.put("StudySubject", List.of(s.getId()));
      audited.put("StudyEvent", eventIds);
      audited.put("EventCrf", eventCrfIds);
      audited.put("ItemData", itemDataIds);
      audited.put("SecondEntryValue", secondEntryIds);
      audited.put("Signature", signed.stream().map(x -> x.signature().getId()).toList());
      trail = audit.searchEntities(audited, PageRequest.of(0, AUDIT_MAX)).getContent();
    }
    return new CasebookDocument(study, site, s, lines, signed, sections, trail, clock.instant(), actor);
  }

  private static List<CasebookDocument.Value> values(CrfVersionDetail v, Map<ItemKey, ItemData> stored) {
    List<CasebookDocument.Value> values = new ArrayList<>();
    for (ItemDefinition item : v.definition().items()) {
      List<Map.Entry<ItemKey, ItemData>> rows =
          stored.entrySet().stream()
              .filter(en -> en.getKey().itemName().equals(item.name()))
              .sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.ordinal(), b.ordinal())))
              .toList();
      if (rows.isEmpty()) {
        if (!item.hidden()) {
          values.add(new CasebookDocument.Value(item.name(), plain(item.leftText()), item.units(), 1, "", false));
        }
        continue;
      }
      for (Map.Entry<ItemKey, ItemData> r : rows) {
        values.add(new CasebookDocument.Value(item.name(), plain(item.leftText()), item.units(),
            r.getKey().ordinal(), display(item, r.getValue().getValue()),
            item.dataType() == ItemDataType.DATE));
      }
    }
    return values;
  }

  /** A coded value as the texts of its options (several for a multi-select), else as stored. */
  static String display(ItemDefinition item, String value) {
    if (value == null || value.isEmpty() || item.responseSet() == null
        || item.responseSet().options() == null || item.responseSet().options().isEmpty()) {
      return value == null ? "" : value;
    }
    List<ResponseOption> options = item.responseSet().options();
    List<String> shown = new ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.strip();
      shown.add(options.stream().filter(o -> p.equals(o.value())).map(ResponseOption::text)
          .findFirst().orElse(p));
    }
    return String.join(", ", shown);
  }

  /** Question texts may hold markup for the data entry page; the casebook prints the text. */
  static String plain(String html) {
    if (html == null) {
      return "";
    }
    return html.replaceAll("(?i)<br\\s*/?>", " ")
        .replaceAll("<[^>]*>", "")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .strip();
  }
}
