package jp.ac.umin.libreclinica.core.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.input.SearchKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives accounts roles at studies and sites, changes, removes (never deletes) and restores them,
 * audited. System administrators may do this anywhere; others need {@link
 * Permission#ASSIGN_STUDY_ROLES} at the study or site concerned, and may not change their own
 * role. A study-level role is held at a study, a site-level role at a site; nobody is given a
 * role at a removed study or site.
 */
@Service
@Transactional(readOnly = true)
public class RoleAssignmentService {

  static final String ENTITY = "study_user_role";

  private final UserAccountRepository accounts;
  private final StudyUserRoleRepository roles;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final ObjectProvider<StudyHierarchy> hierarchy;
  private final InputNormaliser normaliser;

  /** Most accounts a user-name search returns. */
  public static final int MAX_CANDIDATES = 20;

  public RoleAssignmentService(
      UserAccountRepository accounts,
      StudyUserRoleRepository roles,
      AuthorizationService authorization,
      AuditService audit,
      ObjectProvider<StudyHierarchy> hierarchy,
      InputNormaliser normaliser) {
    this.normaliser = normaliser;
    this.accounts = accounts;
    this.roles = roles;
    this.authorization = authorization;
    this.audit = audit;
    this.hierarchy = hierarchy;
  }

  /** All role assignments of an account, live and removed, oldest first. */
  public List<StudyUserRole> rolesOf(long accountId) {
    return roles.findByAccountIdOrderByIdAsc(accountId);
  }

  /** The live role assignments of an account, oldest first. */
  public List<StudyUserRole> liveRolesOf(long accountId) {
    return roles.findByAccountIdAndStatusOrderByIdAsc(accountId, AccountStatus.AVAILABLE);
  }

  /**
   * Role assignments, live and removed, at any of these studies and sites, unchecked: for the
   * study feature, which checks the caller itself.
   */
  public Page<StudyUserRole> rolesAt(Collection<Long> studyIds, Pageable page) {
    if (studyIds.isEmpty()) {
      return Page.empty(page);
    }
    return roles.findByStudyIdIn(studyIds, page);
  }

  /** One role assignment, unchecked. */
  public StudyUserRole get(long roleId) {
    return load(roleId);
  }

  /** Whether {@code actor} may give roles at this study or site (for showing the pages). */
  public boolean mayAssign(String actor, long studyId) {
    UserAccount by = accounts.findByUserName(actor).orElse(null);
    return authorization.isPermitted(by, null, Permission.ADMINISTER_USERS)
        || authorization.isPermitted(by, studyId, Permission.ASSIGN_STUDY_ROLES);
  }

  /**
   * Available accounts whose user name or name contains {@code query} (case-insensitive), for
   * someone who may assign roles at {@code studyId} to pick from; at most {@link
   * #MAX_CANDIDATES}, by user name.
   */
  public List<UserAccount> candidates(String actor, long studyId, String query) {
    requireMayAssign(actor, studyId);
    // full-width/half-width, hiragana/katakana and case variants find each other (SearchKey)
    String q = normaliser.searchKey(query);
    if (q.isEmpty()) {
      return List.of();
    }
    return accounts.searchAvailable(SearchKey.containsPattern(q), MAX_CANDIDATES);
  }

  @Transactional
  public StudyUserRole assign(String actor, long accountId, long studyId, Role role) {
    Objects.requireNonNull(role, "role");
    UserAccount by = requireMayAssign(actor, studyId);
    UserAccount target =
        accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
    if (!target.isAvailable()) {
      throw new AccountException("role.accountRemoved");
    }
    requireNotOwn(by, target);
    requireFits(role, studyId);
    if (roles.existsByAccountIdAndStudyIdAndStatus(accountId, studyId, AccountStatus.AVAILABLE)) {
      throw new AccountException("role.duplicate");
    }
    StudyUserRole assigned;
    try {
      assigned =
          roles.saveAndFlush(new StudyUserRole(accountId, studyId, role, by.getUserName(), Instant.now()));
    } catch (DataIntegrityViolationException e) {
      throw new AccountException("role.duplicate");
    }
    audit.record(
        AuditEvent.of("role.assign", ENTITY, assigned.getId())
            .withActor(by.getUserName())
            .withStudyId(studyId)
            .withNewValue(describe(target, studyId, role)));
    return assigned;
  }

  @Transactional
  public StudyUserRole change(String actor, long roleId, Role newRole) {
    Objects.requireNonNull(newRole, "newRole");
    StudyUserRole assignment = load(roleId);
    UserAccount by = requireMayAssign(actor, assignment.getStudyId());
    UserAccount target = accounts.findById(assignment.getAccountId()).orElseThrow();
    requireNotOwn(by, target);
    Role old = assignment.getRole();
    requireFits(newRole, assignment.getStudyId());
    if (old == newRole) {
      return assignment;
    }
    assignment.changeRole(newRole, by.getUserName(), Instant.now());
    audit.record(
        AuditEvent.of("role.change", ENTITY, assignment.getId())
            .withActor(by.getUserName())
            .withStudyId(assignment.getStudyId())
            .withOldValue(describe(target, assignment.getStudyId(), old))
            .withNewValue(describe(target, assignment.getStudyId(), newRole)));
    return assignment;
  }

  @Transactional
  public StudyUserRole remove(String actor, long roleId, String reason) {
    StudyUserRole assignment = load(roleId);
    UserAccount by = requireMayAssign(actor, assignment.getStudyId());
    UserAccount target = accounts.findById(assignment.getAccountId()).orElseThrow();
    requireNotOwn(by, target);
    if (!assignment.isAvailable()) {
      throw new AccountException("role.removed");
    }
    if (reason != null && reason.strip().length() > UserAccount.MAX_REASON) {
      throw AccountException.onField("reason", "account.removalReason.tooLong");
    }
    assignment.remove(reason, by.getUserName(), Instant.now());
    audit.record(
        AuditEvent.of("role.remove", ENTITY, assignment.getId())
            .withActor(by.getUserName())
            .withStudyId(assignment.getStudyId())
            .withOldValue(describe(target, assignment.getStudyId(), assignment.getRole()))
            .withNewValue("status=REMOVED")
            .withReason(assignment.getRemovalReason()));
    return assignment;
  }

  /**
   * Gives a removed role back, unless the account holds another live role there meanwhile or the
   * study or site is removed. Audited as {@code role.restore}.
   */
  @Transactional
  public StudyUserRole restore(String actor, long roleId) {
    StudyUserRole assignment = load(roleId);
    UserAccount by = requireMayAssign(actor, assignment.getStudyId());
    UserAccount target = accounts.findById(assignment.getAccountId()).orElseThrow();
    requireNotOwn(by, target);
    if (assignment.isAvailable()) {
      throw new AccountException("role.notRemoved");
    }
    if (!target.isAvailable()) {
      throw new AccountException("role.accountRemoved");
    }
    requireFits(assignment.getRole(), assignment.getStudyId());
    if (roles.existsByAccountIdAndStudyIdAndStatus(
        assignment.getAccountId(), assignment.getStudyId(), AccountStatus.AVAILABLE)) {
      throw new AccountException("role.duplicate");
    }
    String reason = assignment.getRemovalReason();
    assignment.restore(by.getUserName(), Instant.now());
    try {
      roles.flush();
    } catch (DataIntegrityViolationException e) {
      throw new AccountException("role.duplicate");
    }
    audit.record(
        AuditEvent.of("role.restore", ENTITY, assignment.getId())
            .withActor(by.getUserName())
            .withStudyId(assignment.getStudyId())
            .withOldValue("status=REMOVED\nremovalReason=" + reason)
            .withNewValue(describe(target, assignment.getStudyId(), assignment.getRole())));
    return assignment;
  }

  // A study-level role belongs at a study, a site-level one at a site; a removed study or site
  // takes no roles (upstream defect OC-2165).
  private void requireFits(Role role, long studyId) {
    StudyHierarchy tree = hierarchy.getIfAvailable(() -> StudyHierarchy.FLAT);
    boolean site = tree.parentStudyOf(studyId).isPresent();
    if (site != (role.level() == RoleLevel.SITE)) {
      throw AccountException.onField(
          "role", site ? "role.level.siteOnly" : "role.level.studyOnly");
    }
    if (tree.isRemoved(studyId)) {
      throw new AccountException("role.studyRemoved");
    }
  }

  private UserAccount requireMayAssign(String actor, long studyId) {
    UserAccount by = accounts.findByUserName(actor).orElse(null);
    if (!authorization.isPermitted(by, null, Permission.ADMINISTER_USERS)) {
      authorization.require(by, studyId, Permission.ASSIGN_STUDY_ROLES);
    }
    return by;
  }

  // Holding ASSIGN_STUDY_ROLES must not let a user raise their own role.
  private void requireNotOwn(UserAccount by, UserAccount target) {
    if (by.getId().equals(target.getId())
        && !authorization.isPermitted(by, null, Permission.ADMINISTER_USERS)) {
      throw new PermissionDeniedException("role.ownChange");
    }
  }

  private StudyUserRole load(long roleId) {
    return roles.findById(roleId).orElseThrow(() -> new AccountNotFoundException(roleId));
  }

  private static String describe(UserAccount target, long studyId, Role role) {
    return "userName="
        + target.getUserName()
        + "\nstudyId="
        + studyId
        + "\nrole="
        + role.internalName()
        + "\nlevel="
        + role.level();
  }
}
