package jp.ac.umin.libreclinica.core.event;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionSummary;
import jp.ac.umin.libreclinica.core.oid.Oids;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Event definitions of a study and the CRFs attached to them, with sites' overrides of the
 * CRF parameters. Every change is audited; removal is a status, never a deletion.
 */
@Service
@Transactional(readOnly = true)
public class EventDefinitionService {

  private final StudyEventDefinitionRepository definitions;
  private final EventDefinitionCrfRepository crfs;
  private final StudyService studies;
  private final AuditService audit;
  private final CrfService crfCatalogue;
  private final Clock clock;

  public EventDefinitionService(
      StudyEventDefinitionRepository definitions,
      EventDefinitionCrfRepository crfs,
      StudyService studies,
      AuditService audit,
      CrfService crfCatalogue,
      Clock clock) {
    this.definitions = definitions;
    this.crfs = crfs;
    this.studies = studies;
    this.audit = audit;
    this.crfCatalogue = crfCatalogue;
    this.clock = clock;
  }

  /** The event definitions of a study the user may see. */
  public List<StudyEventDefinition> list(String actor, long studyId) {
    studies.view(actor, studyId);
    return definitions.findByStudyIdOrderByOrdinal(studyId);
  }

  /** Unchecked, for other services. */
  public List<StudyEventDefinition> list(long studyId) {
    return definitions.findByStudyIdOrderByOrdinal(studyId);
  }

  public StudyEventDefinition get(long id) {
    return definitions.findById(id).orElseThrow(() -> new StudyException("event.notFound", id));
  }

  public List<EventDefinitionCrf> crfsOf(long eventDefinitionId) {
    return crfs.findStudyLevel(eventDefinitionId);
  }

  /** A study-level CRF attachment of an event definition (its site overrides are other rows). */
  public EventDefinitionCrf getCrfOf(long eventDefinitionId, long eventDefinitionCrfId) {
    EventDefinitionCrf c = getCrf(eventDefinitionCrfId);
    if (c.getSiteId() != null || c.getEventDefinitionId() != eventDefinitionId) {
      throw new StudyException("event.crf.notFound", eventDefinitionCrfId);
    }
    return c;
  }

  /** Whether a site has its own parameters for a study-level CRF attachment. */
  public boolean hasSiteParameters(long siteId, long eventDefinitionCrfId) {
    return crfs.findByParentIdAndSiteId(eventDefinitionCrfId, siteId).isPresent();
  }

  /** The event definitions a CRF is attached to, in the studies the user may see. */
  public List<CrfUse> usesOfCrf(String actor, long crfId) {
    return crfs.usesOfCrf(crfId).stream()
        .filter(u -> studies.mayView(actor, u.studyId()))
        .toList();
  }

  @Transactional
  public StudyEventDefinition create(long studyId, EventDefinitionDetails details, String actor) {
    Study study = designableStudy(studyId, actor);
    requireUniqueName(studyId, details.name(), -1);
    StudyEventDefinition d =
        new StudyEventDefinition(
            studyId,
            Oids.unique("SE_", details.name(), 28, definitions::existsByOid),
            details,
            definitions.maxOrdinal(studyId) + 1,
            actor,
            clock.instant());
    definitions.saveAndFlush(d);
    audit.record(
        AuditEvent.of("event.definition.create", "StudyEventDefinition", d.getId())
            .withActor(actor)
            .withStudyId(study.getId())
            .withNewValue(d.getOid() + " " + d.details()));
    return d;
  }

  @Transactional
  public StudyEventDefinition update(
      long id, long expectedVersion, EventDefinitionDetails details, String actor) {
    StudyEventDefinition d = get(id);
    designableStudy(d.getStudyId(), actor);
    if (d.getVersion() != expectedVersion) {
      throw new StudyException("event.changedMeanwhile", d.getName());
    }
    requireUniqueName(d.getStudyId(), details.name(), id);
    String before = d.details().toString();
    d.apply(details);
    definitions.saveAndFlush(d);
    audit.record(
        AuditEvent.of("event.definition.update", "StudyEventDefinition", id)
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(before)
            .withNewValue(d.details().toString()));
    return d;
  }

  /** Removes an event definition; its CRFs are auto-removed with it. */
  @Transactional
  public StudyEventDefinition remove(long id, String reason, String actor) {
    requireReason(reason);
    StudyEventDefinition d = get(id);
    designableStudy(d.getStudyId(), actor);
    if (d.getStatus().isRemoved()) {
      throw new StudyException("event.alreadyRemoved", d.getName());
    }
    d.setStatus(DesignStatus.REMOVED, reason);
    for (EventDefinitionCrf c : crfs.findStudyLevel(id)) {
      if (c.getStatus() == DesignStatus.AVAILABLE) {
        c.setStatus(DesignStatus.AUTO_REMOVED);
      }
    }
    audit.record(
        AuditEvent.of("event.definition.remove", "StudyEventDefinition", id)
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(DesignStatus.AVAILABLE.code())
            .withNewValue(DesignStatus.REMOVED.code())
            .withReason(reason));
    return d;
  }

  /** Restores a removed event definition and the CRFs removed with it. */
  @Transactional
  public StudyEventDefinition restore(long id, String reason, String actor) {
    requireReason(reason);
    StudyEventDefinition d = get(id);
    designableStudy(d.getStudyId(), actor);
    if (!d.getStatus().isRemoved()) {
      throw new StudyException("event.notRemoved", d.getName());
    }
    d.setStatus(DesignStatus.AVAILABLE, reason);
    for (EventDefinitionCrf c : crfs.findStudyLevel(id)) {
      if (c.getStatus() == DesignStatus.AUTO_REMOVED) {
        c.setStatus(DesignStatus.AVAILABLE);
      }
    }
    audit.record(
        AuditEvent.of("event.definition.restore", "StudyEventDefinition", id)
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(DesignStatus.REMOVED.code())
            .withNewValue(DesignStatus.AVAILABLE.code())
            .withReason(reason));
    return d;
  }

  /** Attaches a CRF to an event definition with its parameters. */
  @Transactional
  public EventDefinitionCrf attachCrf(
      long eventDefinitionId, long crfId, CrfParameters parameters, String actor) {
    StudyEventDefinition d = get(eventDefinitionId);
    designableStudy(d.getStudyId(), actor);
    requireVersionsOfCrf(crfId, parameters);
    if (crfs.isAttached(eventDefinitionId, crfId)) {
      throw new StudyException("event.crf.alreadyAttached", d.getName());
    }
    EventDefinitionCrf c =
        new EventDefinitionCrf(
            eventDefinitionId, crfId, crfs.maxOrdinal(eventDefinitionId) + 1, parameters);
    crfs.saveAndFlush(c);
    audit.record(
        AuditEvent.of("event.crf.attach", "EventDefinitionCrf", c.getId())
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withNewValue("event=" + d.getOid() + ", crf=" + crfId + ", " + parameters.describe()));
    return c;
  }

  @Transactional
  public EventDefinitionCrf updateCrfParameters(
      long eventDefinitionCrfId, CrfParameters parameters, String actor) {
    EventDefinitionCrf c = getCrf(eventDefinitionCrfId);
    StudyEventDefinition d = get(c.getEventDefinitionId());
    designableStudy(d.getStudyId(), actor);
    requireVersionsOfCrf(c.getCrfId(), parameters);
    String before = c.getParameters().describe();
    c.setParameters(parameters);
    crfs.saveAndFlush(c);
    audit.record(
        AuditEvent.of("event.crf.parameters", "EventDefinitionCrf", c.getId())
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(before)
            .withNewValue(parameters.describe()));
    return c;
  }

  /** Sets a site's own parameters for a CRF of an event definition of its study. */
  @Transactional
  public EventDefinitionCrf setSiteParameters(
      long siteId, long eventDefinitionCrfId, CrfParameters parameters, String actor) {
    EventDefinitionCrf studyLevel = getCrf(eventDefinitionCrfId);
    if (studyLevel.getSiteId() != null) {
      throw new IllegalArgumentException("not a study-level row: " + eventDefinitionCrfId);
    }
    StudyEventDefinition d = get(studyLevel.getEventDefinitionId());
    Study site = studies.get(siteId);
    if (!site.isSite() || !site.getParent().getId().equals(d.getStudyId())) {
      throw new StudyException("event.crf.notASiteOfTheStudy", site.getProtocolId());
    }
    studies.requireBuilder(actor, siteId);
    studies.requireAllowed(site, StudyOperation.CHANGE_DESIGN);
    requireVersionsOfCrf(studyLevel.getCrfId(), parameters);
    EventDefinitionCrf override =
        crfs.findByParentIdAndSiteId(studyLevel.getId(), siteId)
            .orElseGet(() -> new EventDefinitionCrf(studyLevel, siteId, studyLevel.getParameters()));
    String before = override.getParameters().describe();
    override.setParameters(parameters);
    crfs.saveAndFlush(override);
    audit.record(
        AuditEvent.of("event.crf.siteParameters", "EventDefinitionCrf", override.getId())
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(before)
            .withNewValue("site=" + site.getOid() + ", " + parameters.describe()));
    return override;
  }

  /**
   * Takes a CRF out of an event definition (a status, nothing is deleted); the sites' own
   * parameters for it are removed with it. Data already entered stays; no new data entry starts.
   */
  @Transactional
  public EventDefinitionCrf removeCrf(long eventDefinitionCrfId, String reason, String actor) {
    requireReason(reason);
    EventDefinitionCrf c = studyLevelCrf(eventDefinitionCrfId);
    StudyEventDefinition d = get(c.getEventDefinitionId());
    designableStudy(d.getStudyId(), actor);
    if (c.getStatus().isRemoved()) {
      throw new StudyException("event.crf.alreadyRemoved", crfCatalogue.summary(c.getCrfId()).name());
    }
    c.setStatus(DesignStatus.REMOVED);
    for (EventDefinitionCrf site : crfs.findByParentId(c.getId())) {
      if (site.getStatus() == DesignStatus.AVAILABLE) {
        site.setStatus(DesignStatus.AUTO_REMOVED);
      }
    }
    crfs.flush();
    audit.record(
        AuditEvent.of("event.crf.remove", "EventDefinitionCrf", c.getId())
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(DesignStatus.AVAILABLE.code())
            .withNewValue(DesignStatus.REMOVED.code() + " (event=" + d.getOid() + ", crf="
                + crfCatalogue.summary(c.getCrfId()).oid() + ")")
            .withReason(reason.strip()));
    return c;
  }

  /**
   * Puts a removed CRF back into its event definition, with the sites' parameters removed with
   * it. Refused while the event definition itself is removed (restore that first).
   */
  @Transactional
  public EventDefinitionCrf restoreCrf(long eventDefinitionCrfId, String reason, String actor) {
    requireReason(reason);
    EventDefinitionCrf c = studyLevelCrf(eventDefinitionCrfId);
    StudyEventDefinition d = get(c.getEventDefinitionId());
    designableStudy(d.getStudyId(), actor);
    String crfName = crfCatalogue.summary(c.getCrfId()).name();
    if (!c.getStatus().isRemoved()) {
      throw new StudyException("event.crf.notRemoved", crfName);
    }
    if (d.getStatus().isRemoved()) {
      throw new StudyException("event.crf.eventRemoved", d.getName());
    }
    DesignStatus before = c.getStatus();
    c.setStatus(DesignStatus.AVAILABLE);
    for (EventDefinitionCrf site : crfs.findByParentId(c.getId())) {
      if (site.getStatus() == DesignStatus.AUTO_REMOVED) {
        site.setStatus(DesignStatus.AVAILABLE);
      }
    }
    crfs.flush();
    audit.record(
        AuditEvent.of("event.crf.restore", "EventDefinitionCrf", c.getId())
            .withActor(actor)
            .withStudyId(d.getStudyId())
            .withOldValue(before.code())
            .withNewValue(DesignStatus.AVAILABLE.code() + " (event=" + d.getOid() + ", crf="
                + crfCatalogue.summary(c.getCrfId()).oid() + ")")
            .withReason(reason.strip()));
    return c;
  }

  private EventDefinitionCrf studyLevelCrf(long id) {
    EventDefinitionCrf c = getCrf(id);
    if (c.getSiteId() != null) {
      throw new StudyException("event.crf.notFound", id);
    }
    return c;
  }

  /** The parameters that apply at a study or site: the site's override if it has one. */
  public CrfParameters effectiveParameters(long studyOrSiteId, long eventDefinitionCrfId) {
    EventDefinitionCrf studyLevel = getCrf(eventDefinitionCrfId);
    return crfs.findByParentIdAndSiteId(studyLevel.getId(), studyOrSiteId)
        .map(EventDefinitionCrf::getParameters)
        .orElse(studyLevel.getParameters());
  }

  /**
   * The CRF must exist; the default version and the allowed versions must be versions of it, and
   * the default one of the allowed versions when these are limited.
   */
  private void requireVersionsOfCrf(long crfId, CrfParameters parameters) {
    if (!crfCatalogue.exists(crfId)) {
      throw new StudyException("event.crf.unknownCrf", crfId);
    }
    Set<Long> versionIds = new HashSet<>();
    for (CrfVersionSummary v : crfCatalogue.versionsOf(crfId)) {
      versionIds.add(v.id());
    }
    Long defaultVersion = parameters.getDefaultVersionId();
    if (defaultVersion != null && !versionIds.contains(defaultVersion)) {
      throw new StudyException("event.crf.defaultVersion.notOfCrf", defaultVersion);
    }
    for (Long allowed : parameters.getAllowedVersionIds()) {
      if (!versionIds.contains(allowed)) {
        throw new StudyException("event.crf.allowedVersion.notOfCrf", allowed);
      }
    }
    if (defaultVersion != null
        && !parameters.getAllowedVersionIds().isEmpty()
        && !parameters.getAllowedVersionIds().contains(defaultVersion)) {
      throw new StudyException("event.crf.defaultVersion.notAllowed", defaultVersion);
    }
  }

  private EventDefinitionCrf getCrf(long id) {
    return crfs.findById(id).orElseThrow(() -> new StudyException("event.crf.notFound", id));
  }

  private Study designableStudy(long studyId, String actor) {
    studies.requireBuilder(actor, studyId);
    Study study = studies.get(studyId);
    if (study.isSite()) {
      throw new StudyException("event.onSite", study.getProtocolId());
    }
    studies.requireAllowed(study, StudyOperation.CHANGE_DESIGN);
    return study;
  }

  private void requireUniqueName(long studyId, String name, long exceptId) {
    if (definitions.nameTaken(studyId, name.strip(), exceptId)) {
      throw new StudyException("event.name.duplicate", name.strip());
    }
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new StudyException("study.reason.required");
    }
  }
}
