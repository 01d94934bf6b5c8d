package jp.ac.umin.libreclinica.core.casebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinitionRepository;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectGroupAssignment;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A subject's casebook for the subject page: details, groups, events and audit trail. */
@Service
@Transactional(readOnly = true)
public class SubjectCasebookService {

  private final SubjectService subjects;
  private final StudyEventService events;
  private final StudyEventDefinitionRepository definitions;
  private final StudyService studies;
  private final GroupClassService groupClasses;
  private final AuditService audit;

  public SubjectCasebookService(
      SubjectService subjects,
      StudyEventService events,
      StudyEventDefinitionRepository definitions,
      StudyService studies,
      GroupClassService groupClasses,
      AuditService audit) {
    this.subjects = subjects;
    this.events = events;
    this.definitions = definitions;
    this.studies = studies;
    this.groupClasses = groupClasses;
    this.audit = audit;
  }

  /** The casebook of a subject the user may see, with a page of its audit trail. */
  public SubjectCasebook casebook(String actor, long studySubjectId, Pageable auditPage) {
    StudySubject s = subjects.view(actor, studySubjectId);
    Study site = studies.get(s.getStudyId());
    Study parent = studies.get(s.getParentStudyId());
    List<StudyEventDefinition> defs = definitions.findByStudyIdOrderByOrdinal(parent.getId());
    Map<Long, StudyEventDefinition> byId =
        defs.stream().collect(Collectors.toMap(StudyEventDefinition::getId, Function.identity()));
    List<StudyEvent> list = events.eventsOf(actor, studySubjectId);
    List<SubjectCasebook.EventLine> lines =
        list.stream().map(e -> new SubjectCasebook.EventLine(e, byId.get(e.getEventDefinitionId()))).toList();
    Set<Long> scheduled = new HashSet<>();
    list.forEach(e -> scheduled.add(e.getEventDefinitionId()));
    List<StudyEventDefinition> schedulable =
        defs.stream()
            .filter(d -> !d.getStatus().isRemoved())
            .filter(d -> d.isRepeating() || !scheduled.contains(d.getId()))
            .toList();
    List<SubjectCasebook.GroupLine> groups = new ArrayList<>();
    List<SubjectGroupClass> classes = groupClasses.list(parent.getId());
    for (SubjectGroupAssignment a : subjects.groupsOf(s.getId())) {
      classes.stream()
          .filter(c -> Objects.equals(c.getId(), a.getGroupClassId()))
          .findFirst()
          .ifPresent(c -> c.getGroups().stream()
              .filter(g -> Objects.equals(g.getId(), a.getGroupId()))
              .findFirst()
              .ifPresent(g -> groups.add(new SubjectCasebook.GroupLine(c, g))));
    }
    var trail =
        audit.searchEntities(
            Map.of(
                "StudySubject", List.of(s.getId()),
                "StudyEvent", list.stream().map(StudyEvent::getId).toList()),
            auditPage);
    return new SubjectCasebook(s, site, parent, groups, lines, schedulable, trail);
  }
}
