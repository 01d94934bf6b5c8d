package jp.ac.umin.libreclinica.core.study;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The subject group classes of all studies. */
public interface SubjectGroupClassRepository extends JpaRepository<SubjectGroupClass, Long> {

  List<SubjectGroupClass> findByStudyIdOrderById(long studyId);

  boolean existsByStudyIdAndNameIgnoreCase(long studyId, String name);
}
