package jp.ac.umin.libreclinica.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives accounts roles at studies and sites, changes and removes them (never deletes), audited.
 * System administrators may do this anywhere; others need {@link Permission#ASSIGN_STUDY_ROLES}
 * at the study or site concerned, and may not change their own role.
 */
@Service
@Transactional(readOnly = true)
public class RoleAssignmentService {

  static final String ENTITY = "study_user_role";

  private final UserAccountRepository accounts;
  private final StudyUserRoleRepository roles;
  private final AuthorizationService authorization;
  private final AuditService audit;

  public RoleAssignmentService(
      UserAccountRepository accounts,
      StudyUserRoleRepository roles,
      AuthorizationService authorization,
      AuditService audit) {
    this.accounts = accounts;
    this.roles = roles;
    this.authorization = authorization;
    this.audit = audit;
  }

  /** All role assignments of an account, live and removed, oldest first. */
  public List<StudyUserRole> rolesOf(long accountId) {
    return roles.findByAccountIdOrderByIdAsc(accountId);
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
