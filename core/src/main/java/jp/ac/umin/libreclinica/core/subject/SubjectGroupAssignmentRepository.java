package jp.ac.umin.libreclinica.core.subject;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Group assignments of study subjects. */
public interface SubjectGroupAssignmentRepository
    extends JpaRepository<SubjectGroupAssignment, Long> {

  List<SubjectGroupAssignment> findByStudySubjectIdOrderByGroupClassId(long studySubjectId);

  List<SubjectGroupAssignment> findByStudySubjectIdIn(Collection<Long> studySubjectIds);
}
