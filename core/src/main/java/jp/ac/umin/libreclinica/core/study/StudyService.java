package jp.ac.umin.libreclinica.core.study;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.oid.Oids;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import jp.ac.umin.libreclinica.core.input.TextOrder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes studies and sites, keeping their lifecycle; every change is audited and
 * checked against the role matrix: building needs {@link Permission#BUILD_STUDY} at the study
 * or site, creating a study {@link Permission#CREATE_STUDY}, and whoever creates a study becomes
 * its data manager. {@link #get(long)} is unchecked, for other services that check themselves.
 */
@Service
@Transactional(readOnly = true)
public class StudyService {

  private final StudyRepository studies;
  private final AuditService audit;
  private final Clock clock;
  private final AuthorizationService authorization;
  private final AccountService accounts;
  private final RoleAssignmentService roles;

  public StudyService(
      StudyRepository studies,
      AuditService audit,
      Clock clock,
      AuthorizationService authorization,
      AccountService accounts,
      RoleAssignmentService roles) {
    this.studies = studies;
    this.audit = audit;
    this.clock = clock;
    this.authorization = authorization;
    this.accounts = accounts;
    this.roles = roles;
  }

  /** The studies the user may see: all for administrators, else those where they hold a role. */
  public Page<Study> listStudies(String actor, Pageable page) {
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    if (account == null) {
      return Page.empty(page);
    }
    if (authorization.isPermitted(account, null, Permission.ADMINISTER_USERS)) {
      return studies.findParents(page);
    }
    return studies.findVisibleTo(account.getId(), page);
  }

  /**
   * As {@link #listStudies(String, Pageable)}, ordered by name with {@code nameOrder} (the
   * reader's collation, see {@code core.input.TextOrder}).
   */
  public Page<Study> listStudies(String actor, Comparator<String> nameOrder, Pageable page) {
    List<Study> all = listStudies(actor, Pageable.unpaged(Sort.by("name"))).getContent();
    return TextOrder.page(all, Study::getName, nameOrder, page);
  }

  /** A study or site the user may see. */
  public Study view(String actor, long id) {
    Study study = get(id);
    requireVisible(actor, study);
    return study;
  }

  /** The study or site with this OID, if the user may see it. */
  public Study viewByOid(String actor, String oid) {
    Study study =
        studies
            .findByOid(oid == null ? "" : oid.strip())
            .orElseThrow(() -> new StudyException("study.oid.notFound", oid));
    return view(actor, study.getId());
  }

  /**
   * The study or site with this unique identifier (protocol ID) or, failing that, this OID, if
   * the user may see it (how the SOAP services address studies and sites).
   */
  public Study viewByIdentifier(String actor, String identifier) {
    String key = identifier == null ? "" : identifier.strip();
    Study study =
        studies
            .findFirstByProtocolIdIgnoreCase(key)
            .or(() -> studies.findByOid(key))
            .orElseThrow(() -> new StudyException("study.identifier.notFound", key));
    return view(actor, study.getId());
  }

  /** Whether the user may see this study or site (for showing links). */
  public boolean mayView(String actor, long id) {
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    return isAdministrator(account)
        || authorization.isPermitted(account, id, Permission.VIEW_STUDY);
  }

  /** Whether the user may change the design of this study or site (for showing links). */
  public boolean mayBuild(String actor, long id) {
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    return authorization.isPermitted(account, id, Permission.BUILD_STUDY);
  }

  /** Whether the user may create studies (for showing the link). */
  public boolean mayCreate(String actor) {
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    return authorization.isPermitted(account, null, Permission.CREATE_STUDY);
  }

  /** The sites of a study that the user may see (a site user sees only their own). */
  public List<Study> sitesOf(String actor, long studyId) {
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    return studies.findByParentOrderByName(get(studyId)).stream()
        .filter(site -> isAdministrator(account)
            || authorization.isPermitted(account, site.getId(), Permission.VIEW_STUDY))
        .toList();
  }

  /** Every site of a study, unchecked (for other services). */
  public List<Study> sitesOf(long studyId) {
    return studies.findByParentOrderByName(get(studyId));
  }

  /** Refuses unless the user may build (change the design of) this study or site. */
  public void requireBuilder(String actor, long studyOrSiteId) {
    authorization.require(actor, studyOrSiteId, Permission.BUILD_STUDY);
  }

  private void requireVisible(String actor, Study study) {
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    if (!isAdministrator(account)) {
      authorization.require(account, study.getId(), Permission.VIEW_STUDY);
    }
  }

  private boolean isAdministrator(UserAccount account) {
    return authorization.isPermitted(account, null, Permission.ADMINISTER_USERS);
  }

  public Study get(long id) {
    return studies.findWithParent(id).orElseThrow(() -> new StudyException("study.notFound", id));
  }

  /** A new study, in status pending, with default parameters. */
  @Transactional
  public Study createStudy(StudyDetails details, String actor) {
    authorization.require(actor, null, Permission.CREATE_STUDY);
    requireUniqueProtocolId(details.protocolId(), null);
    Study study = new Study(null, newOid("S_", details.protocolId()), details, actor, now());
    studies.saveAndFlush(study);
    // LibreClinica's rule: whoever creates a study is its data manager
    roles.assign(actor, accounts.own(actor).getId(), study.getId(), Role.DATA_MANAGER);
    audit.record(
        AuditEvent.of("study.create", "Study", study.getId())
            .withActor(actor)
            .withStudyId(study.getId())
            .withNewValue(describe(study)));
    return study;
  }

  /** A new site of {@code parentId}; it starts with the parent's parameters and status. */
  @Transactional
  public Study createSite(long parentId, StudyDetails details, String actor) {
    Study parent = get(parentId);
    requireBuilder(actor, parentId);
    if (parent.isSite()) {
      throw new StudyException("study.site.ofSite", parent.getProtocolId());
    }
    requireAllowed(parent, StudyOperation.CHANGE_DESIGN);
    requireUniqueProtocolId(details.protocolId(), null);
    Study site = new Study(parent, newOid("S_", details.protocolId()), details, actor, now());
    studies.saveAndFlush(site);
    audit.record(
        AuditEvent.of("site.create", "Study", site.getId())
            .withActor(actor)
            .withStudyId(parent.getId())
            .withNewValue(describe(site)));
    return site;
  }

  @Transactional
  public Study updateDetails(long id, long expectedVersion, StudyDetails details, String actor) {
    requireBuilder(actor, id);
    Study study = getForChange(id, expectedVersion);
    requireAllowed(study, StudyOperation.CHANGE_DESIGN);
    requireUniqueProtocolId(details.protocolId(), study.getId());
    String before = describe(study);
    study.applyDetails(details);
    study.touched(actor, now());
    studies.saveAndFlush(study);
    audit.record(
        AuditEvent.of(study.isSite() ? "site.update" : "study.update", "Study", id)
            .withActor(actor)
            .withStudyId(rootId(study))
            .withOldValue(before)
            .withNewValue(describe(study)));
    return study;
  }

  /**
   * Sets the parameters. For a site, values that only the parent study may set are taken from
   * the parent whatever was sent.
   */
  @Transactional
  public Study updateParameters(
      long id, long expectedVersion, StudyParameters parameters, String actor) {
    requireBuilder(actor, id);
    Study study = getForChange(id, expectedVersion);
    requireAllowed(study, StudyOperation.CHANGE_DESIGN);
    String before = study.getParameters().describe();
    StudyParameters next = parameters.copy();
    if (study.isSite()) {
      next.inheritFixedValuesFrom(study.getParent().getParameters());
    }
    study.getParameters().assign(next);
    study.touched(actor, now());
    studies.saveAndFlush(study);
    if (!study.isSite()) {
      for (Study site : studies.findByParentOrderByName(study)) {
        site.getParameters().inheritFixedValuesFrom(study.getParameters());
      }
    }
    audit.record(
        AuditEvent.of("study.parameters", "Study", id)
            .withActor(actor)
            .withStudyId(rootId(study))
            .withOldValue(before)
            .withNewValue(study.getParameters().describe()));
    return study;
  }

  /** Moves a study (and its sites that follow it) to another status of its lifecycle. */
  @Transactional
  public Study changeStatus(long id, StudyStatus target, String reason, String actor) {
    if (target.isRemoved()) {
      return remove(id, reason, actor);
    }
    requireBuilder(actor, id);
    Study study = get(id);
    StudyStatus before = study.getStatus();
    if (study.isSite() && !study.getParent().getStatus().allows(StudyOperation.VIEW)) {
      throw new StudyException("study.status.parentRemoved", study.getParent().getProtocolId());
    }
    study.changeStatus(target, reason);
    study.touched(actor, now());
    if (!study.isSite()) {
      for (Study site : studies.findByParentOrderByName(study)) {
        if (!site.getStatus().isRemoved() && site.getStatus() != target) {
          StudyStatus siteBefore = site.getStatus();
          site.changeStatusFollowingParent(target);
          audit.record(statusEvent(site, siteBefore, reason, actor));
        }
      }
    }
    audit.record(statusEvent(study, before, reason, actor));
    return study;
  }

  /** Removes a study or site; a study's sites are auto-removed with it. A reason is required. */
  @Transactional
  public Study remove(long id, String reason, String actor) {
    requireBuilder(actor, id);
    requireReason(reason);
    Study study = get(id);
    StudyStatus before = study.getStatus();
    study.changeStatus(StudyStatus.REMOVED, reason);
    study.touched(actor, now());
    if (!study.isSite()) {
      for (Study site : studies.findByParentOrderByName(study)) {
        StudyStatus siteBefore = site.getStatus();
        site.autoRemove(reason);
        if (siteBefore != site.getStatus()) {
          audit.record(statusEvent(site, siteBefore, reason, actor));
        }
      }
    }
    audit.record(statusEvent(study, before, reason, actor));
    return study;
  }

  /** Restores a removed study or site; sites removed with their study come back with it. */
  @Transactional
  public Study restore(long id, String reason, String actor) {
    requireBuilder(actor, id);
    requireReason(reason);
    Study study = get(id);
    if (study.isSite() && study.getParent().getStatus().isRemoved()) {
      throw new StudyException("study.status.parentRemoved", study.getParent().getProtocolId());
    }
    StudyStatus before = study.getStatus();
    study.restore(reason);
    study.touched(actor, now());
    if (!study.isSite()) {
      for (Study site : studies.findByParentOrderByName(study)) {
        if (site.getStatus() == StudyStatus.AUTO_REMOVED) {
          site.restore(reason);
          audit.record(statusEvent(site, StudyStatus.AUTO_REMOVED, reason, actor));
        }
      }
    }
    audit.record(statusEvent(study, before, reason, actor));
    return study;
  }

  /** Refuses the operation unless the study's (and, for a site, its parent's) status allows it. */
  public void requireAllowed(Study study, StudyOperation operation) {
    Study refusing =
        !study.getStatus().allows(operation)
            ? study
            : study.isSite() && !study.getParent().getStatus().allows(operation) ? study.getParent() : null;
    if (refusing != null && refusing.getStatus() == StudyStatus.FROZEN) {
      // frozen: no data entry or enrollment, but review, queries, SDV and signatures go on
      throw new StudyException("study.status.frozenRefused", refusing.getProtocolId());
    }
    if (refusing != null && refusing.getStatus() == StudyStatus.LOCKED) {
      throw new StudyException("study.status.lockedRefused", refusing.getProtocolId());
    }
    if (!study.getStatus().allows(operation)
        || (study.isSite() && !study.getParent().getStatus().allows(operation))) {
      throw new StudyException(
          "study.status.operationRefused",
          study.getProtocolId(),
          study.getStatus().code(),
          operation.name().toLowerCase(Locale.ROOT));
    }
  }

  private AuditEvent statusEvent(Study s, StudyStatus before, String reason, String actor) {
    return AuditEvent.of(s.isSite() ? "site.status" : "study.status", "Study", s.getId())
        .withActor(actor)
        .withStudyId(rootId(s))
        .withOldValue(before.code())
        .withNewValue(s.getStatus().code())
        .withReason(reason);
  }

  private Study getForChange(long id, long expectedVersion) {
    Study study = get(id);
    if (study.getVersion() != expectedVersion) {
      throw new StudyException("study.changedMeanwhile", study.getProtocolId());
    }
    return study;
  }

  private void requireUniqueProtocolId(String protocolId, Long exceptId) {
    String p = protocolId.strip();
    boolean taken =
        exceptId == null
            ? studies.existsByProtocolIdIgnoreCase(p)
            : studies.existsByProtocolIdIgnoreCaseAndIdNot(p, exceptId);
    if (taken) {
      throw new StudyException("study.protocolId.duplicate", p);
    }
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new StudyException("study.reason.required");
    }
  }

  private String newOid(String prefix, String basis) {
    return Oids.unique(prefix, basis, 8, studies::existsByOid);
  }

  private static long rootId(Study s) {
    return s.isSite() ? s.getParent().getId() : s.getId();
  }

  private Instant now() {
    return clock.instant();
  }

  private static String describe(Study s) {
    StudyDetails d = s.details();
    return "oid=" + s.getOid() + ", " + d + ", status=" + s.getStatus().code()
        + (s.isSite() ? ", parent=" + s.getParent().getOid() : "");
  }
}
