package jp.ac.umin.libreclinica.core.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfSummary;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.CrfVersionStatus;
import jp.ac.umin.libreclinica.core.crf.CrfVersionSummary;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles the whole design of a study or site ({@link StudyDesign}) from the study, event and
 * CRF services. {@link #design(String, long)} needs the right to view the study or site.
 */
@Service
@Transactional(readOnly = true)
public class StudyDesignService {

  private final StudyService studies;
  private final EventDefinitionService events;
  private final CrfService crfs;
  private final GroupClassService groupClasses;
  private final AuditService audit;

  /**
   * The actions of a study's design audit log: the study and its sites with their parameters
   * and status, event definitions, the CRFs attached to them, group classes and user roles.
   */
  public static final List<String> DESIGN_ACTIONS =
      List.of("study.", "site.", "event.definition.", "event.crf.", "group.class.", "role.");

  public StudyDesignService(
      StudyService studies,
      EventDefinitionService events,
      CrfService crfs,
      GroupClassService groupClasses,
      AuditService audit) {
    this.studies = studies;
    this.events = events;
    this.crfs = crfs;
    this.groupClasses = groupClasses;
    this.audit = audit;
  }

  /**
   * The design audit log of a study (with its sites) or of one site, newest first: who changed
   * what and when, the old and new values and the reason. Needs the right to build the study
   * or site.
   */
  public Page<AuditRecord> designAudit(String actor, long studyOrSiteId, Pageable pageable) {
    Study study = studies.view(actor, studyOrSiteId);
    studies.requireBuilder(actor, studyOrSiteId);
    List<Long> ids = new ArrayList<>();
    ids.add(study.getId());
    if (!study.isSite()) {
      studies.sitesOf(studyOrSiteId).forEach(site -> ids.add(site.getId()));
    }
    return audit.searchStudies(ids, DESIGN_ACTIONS, pageable);
  }

  /** The design of a study or site the user may see. */
  public StudyDesign design(String actor, long studyOrSiteId) {
    Study study = studies.view(actor, studyOrSiteId);
    List<Study> sites = study.isSite() ? List.of() : studies.sitesOf(actor, studyOrSiteId);
    return assemble(study, sites);
  }

  /** Unchecked, for other services (every site included). */
  public StudyDesign design(long studyOrSiteId) {
    Study study = studies.get(studyOrSiteId);
    return assemble(study, study.isSite() ? List.of() : studies.sitesOf(studyOrSiteId));
  }

  private StudyDesign assemble(Study study, List<Study> sites) {
    long designOwner = study.isSite() ? study.getParent().getId() : study.getId();
    Map<Long, CrfVersionDetail> versionCache = new HashMap<>();
    Map<Long, CrfSummary> crfCache = new HashMap<>();
    List<EventDesign> eventDesigns = new ArrayList<>();
    for (StudyEventDefinition d : events.list(designOwner)) {
      List<EventCrfDesign> crfDesigns = new ArrayList<>();
      for (EventDefinitionCrf row : events.crfsOf(d.getId())) {
        CrfParameters parameters =
            study.isSite() ? events.effectiveParameters(study.getId(), row.getId()) : row.getParameters();
        CrfSummary crf = crfCache.computeIfAbsent(row.getCrfId(), crfs::summary);
        crfDesigns.add(new EventCrfDesign(row.getId(), row.getCrfId(), crf.name(), crf.oid(),
            row.getStatus(), parameters, usableVersions(row.getCrfId(), parameters, versionCache)));
      }
      eventDesigns.add(new EventDesign(d, crfDesigns));
    }
    return new StudyDesign(study, study.details(), study.getParameters(), sites, eventDesigns,
        groupClasses.list(designOwner));
  }

  private List<CrfVersionDetail> usableVersions(
      long crfId, CrfParameters parameters, Map<Long, CrfVersionDetail> cache) {
    List<Long> allowed = parameters.getAllowedVersionIds();
    List<CrfVersionDetail> out = new ArrayList<>();
    for (CrfVersionSummary v : crfs.versionsOf(crfId)) {
      if (v.status() == CrfVersionStatus.AVAILABLE && (allowed.isEmpty() || allowed.contains(v.id()))) {
        out.add(cache.computeIfAbsent(v.id(), id -> crfs.getVersion(id)));
      }
    }
    return out;
  }
}
