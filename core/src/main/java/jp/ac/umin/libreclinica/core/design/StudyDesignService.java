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

  public StudyDesignService(
      StudyService studies,
      EventDefinitionService events,
      CrfService crfs,
      GroupClassService groupClasses) {
    this.studies = studies;
    this.events = events;
    this.crfs = crfs;
    this.groupClasses = groupClasses;
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
