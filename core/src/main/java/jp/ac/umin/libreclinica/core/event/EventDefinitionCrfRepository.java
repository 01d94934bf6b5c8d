package jp.ac.umin.libreclinica.core.event;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** CRFs attached to event definitions, and sites' overrides of them. */
public interface EventDefinitionCrfRepository extends JpaRepository<EventDefinitionCrf, Long> {

  @Query(
      "select c from EventDefinitionCrf c where c.eventDefinitionId = ?1 and c.siteId is null order by c.ordinal")
  List<EventDefinitionCrf> findStudyLevel(long eventDefinitionId);

  Optional<EventDefinitionCrf> findByParentIdAndSiteId(long parentId, long siteId);

  List<EventDefinitionCrf> findByParentId(long parentId);

  @Query("select coalesce(max(c.ordinal), 0) from EventDefinitionCrf c where c.eventDefinitionId = ?1")
  int maxOrdinal(long eventDefinitionId);

  @Query(
      "select count(c) > 0 from EventDefinitionCrf c where c.eventDefinitionId = ?1 and c.crfId = ?2 and c.siteId is null")
  boolean isAttached(long eventDefinitionId, long crfId);

  /** The study-level attachments of a CRF, with their event definitions. */
  @Query(
      "select new jp.ac.umin.libreclinica.core.event.CrfUse(d.studyId, s.name, s.protocolId, d.id, d.name, d.oid, c.id, c.status)"
          + " from EventDefinitionCrf c, StudyEventDefinition d, Study s"
          + " where d.id = c.eventDefinitionId and s.id = d.studyId and c.crfId = ?1 and c.siteId is null"
          + " order by lower(s.name), d.ordinal")
  List<CrfUse> usesOfCrf(long crfId);
}
