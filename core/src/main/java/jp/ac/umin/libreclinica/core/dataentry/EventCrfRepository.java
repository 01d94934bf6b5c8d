package jp.ac.umin.libreclinica.core.dataentry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Event CRFs of all subjects. */
public interface EventCrfRepository extends JpaRepository<EventCrf, Long> {

  Optional<EventCrf> findByStudyEventIdAndCrfId(long studyEventId, long crfId);

  List<EventCrf> findByStudyEventId(long studyEventId);

  boolean existsByCrfVersionId(long crfVersionId);
}
