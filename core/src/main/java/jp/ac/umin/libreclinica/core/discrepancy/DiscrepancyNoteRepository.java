package jp.ac.umin.libreclinica.core.discrepancy;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Discrepancy notes, parents and children. */
public interface DiscrepancyNoteRepository extends JpaRepository<DiscrepancyNote, Long> {

  List<DiscrepancyNote> findByParentIdOrderByIdAsc(long parentId);

  @Query("select n from DiscrepancyNote n where n.parentId is null and n.eventCrfId = ?1 order by n.id")
  List<DiscrepancyNote> threadsOfEventCrf(long eventCrfId);

  @Query("select n from DiscrepancyNote n where n.parentId is null and n.studySubjectId = ?1"
      + " and n.studyEventId is null order by n.id")
  List<DiscrepancyNote> threadsOfSubjectFields(long studySubjectId);

  @Query("select n from DiscrepancyNote n where n.parentId is null and n.studyEventId = ?1"
      + " and n.eventCrfId is null order by n.id")
  List<DiscrepancyNote> threadsOfEventFields(long studyEventId);
}
