package jp.ac.umin.libreclinica.core.job;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface BackgroundJobRepository extends JpaRepository<BackgroundJob, Long> {

  List<BackgroundJob> findByStudyIdAndKindAndRemovedFalseOrderByIdDesc(long studyId, String kind, Pageable page);

  List<BackgroundJob> findByKindAndParametersStartingWithOrderByIdDesc(String kind, String prefix, Pageable page);

  @Modifying
  @Query("UPDATE BackgroundJob j SET j.status = jp.ac.umin.libreclinica.core.job.JobStatus.INTERRUPTED,"
      + " j.finishedAt = :now, j.version = j.version + 1"
      + " WHERE j.status = jp.ac.umin.libreclinica.core.job.JobStatus.RUNNING AND j.node = :node AND j.startedAt < :before")
  int markInterrupted(String node, Instant before, Instant now);
}
