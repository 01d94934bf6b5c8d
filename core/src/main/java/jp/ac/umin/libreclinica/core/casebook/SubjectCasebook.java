package jp.ac.umin.libreclinica.core.casebook;

import java.util.List;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.SubjectGroup;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import org.springframework.data.domain.Page;

/**
 * Everything the subject page shows: the subject and its site, its groups, its events with
 * their definitions, the definitions it can still be scheduled for, and its audit trail.
 */
public record SubjectCasebook(
    StudySubject subject,
    Study site,
    Study parent,
    List<GroupLine> groups,
    List<EventLine> events,
    List<StudyEventDefinition> schedulable,
    Page<AuditRecord> audit) {

  /** A group class and the subject's group in it. */
  public record GroupLine(SubjectGroupClass groupClass, SubjectGroup group) {}

  /** An event of the subject with its definition. */
  public record EventLine(StudyEvent event, StudyEventDefinition definition) {}
}
