package jp.ac.umin.libreclinica.core.study;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.event.DesignStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subject group classes (arms and other groupings) of a study. */
@Service
@Transactional(readOnly = true)
public class GroupClassService {

  private final SubjectGroupClassRepository classes;
  private final StudyService studies;
  private final AuditService audit;

  public GroupClassService(
      SubjectGroupClassRepository classes, StudyService studies, AuditService audit) {
    this.classes = classes;
    this.studies = studies;
    this.audit = audit;
  }

  public List<SubjectGroupClass> list(String actor, long studyId) {
    studies.view(actor, studyId);
    return classes.findByStudyIdOrderById(studyId);
  }

  /** Unchecked, for other services. */
  public List<SubjectGroupClass> list(long studyId) {
    return classes.findByStudyIdOrderById(studyId);
  }

  /** A new group class with its groups (names unique within the class, at least one). */
  @Transactional
  public SubjectGroupClass create(
      long studyId,
      String name,
      GroupClassType type,
      SubjectGroupClass.Assignment assignment,
      List<String> groupNames,
      String actor) {
    studies.requireBuilder(actor, studyId);
    Study study = studies.get(studyId);
    if (study.isSite()) {
      throw new StudyException("group.onSite", study.getProtocolId());
    }
    studies.requireAllowed(study, StudyOperation.CHANGE_DESIGN);
    if (name == null || name.isBlank()) {
      throw new StudyException("group.name.required");
    }
    if (classes.existsByStudyIdAndNameIgnoreCase(studyId, name.strip())) {
      throw new StudyException("group.name.duplicate", name.strip());
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String g : groupNames) {
      if (g == null || g.isBlank()) {
        continue;
      }
      if (!seen.add(g.strip().toLowerCase(Locale.ROOT))) {
        throw new StudyException("group.groupName.duplicate", g.strip());
      }
    }
    if (seen.isEmpty()) {
      throw new StudyException("group.groups.required");
    }
    SubjectGroupClass c = new SubjectGroupClass(studyId, name, type, assignment);
    groupNames.stream().filter(g -> g != null && !g.isBlank()).forEach(g -> c.addGroup(g, null));
    classes.saveAndFlush(c);
    audit.record(
        AuditEvent.of("group.class.create", "SubjectGroupClass", c.getId())
            .withActor(actor)
            .withStudyId(studyId)
            .withNewValue(c.describe()));
    return c;
  }

  @Transactional
  public SubjectGroupClass setRemoved(long id, boolean removed, String reason, String actor) {
    if (reason == null || reason.isBlank()) {
      throw new StudyException("study.reason.required");
    }
    SubjectGroupClass c =
        classes.findById(id).orElseThrow(() -> new StudyException("group.notFound", id));
    studies.requireBuilder(actor, c.getStudyId());
    studies.requireAllowed(studies.get(c.getStudyId()), StudyOperation.CHANGE_DESIGN);
    DesignStatus before = c.getStatus();
    c.setStatus(removed ? DesignStatus.REMOVED : DesignStatus.AVAILABLE);
    audit.record(
        AuditEvent.of(removed ? "group.class.remove" : "group.class.restore", "SubjectGroupClass", id)
            .withActor(actor)
            .withStudyId(c.getStudyId())
            .withOldValue(before.code())
            .withNewValue(c.getStatus().code())
            .withReason(reason));
    return c;
  }
}
