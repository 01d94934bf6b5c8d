package jp.ac.umin.libreclinica.core.account;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks in services whether an account may do something, system-wide or at a study or site,
 * by the rules of {@link RolePolicy}. Locked and removed accounts may do nothing.
 */
@Service
@Transactional(readOnly = true)
public class AuthorizationService {

  private final UserAccountRepository accounts;
  private final StudyUserRoleRepository roles;
  private final ObjectProvider<StudyHierarchy> hierarchy;

  public AuthorizationService(
      UserAccountRepository accounts,
      StudyUserRoleRepository roles,
      ObjectProvider<StudyHierarchy> hierarchy) {
    this.accounts = accounts;
    this.roles = roles;
    this.hierarchy = hierarchy;
  }

  /**
   * Throws {@link PermissionDeniedException} unless the user may do this; {@code studyId} is
   * the study or site acted on, null for system permissions.
   */
  public void require(String userName, Long studyId, Permission permission) {
    require(accounts.findByUserName(userName).orElse(null), studyId, permission);
  }

  /** As {@link #require(String, Long, Permission)}, for an account already at hand. */
  public void require(UserAccount account, Long studyId, Permission permission) {
    if (!isPermitted(account, studyId, permission)) {
      throw new PermissionDeniedException("authorization.denied");
    }
  }

  /** As {@link #isPermitted(UserAccount, Long, Permission)}, by user name (for showing options). */
  public boolean isPermitted(String userName, Long studyId, Permission permission) {
    return userName != null
        && isPermitted(accounts.findByUserName(userName).orElse(null), studyId, permission);
  }

  public boolean isPermitted(UserAccount account, Long studyId, Permission permission) {
    if (account == null || !account.canSignIn()) {
      return false;
    }
    if (permission.scope() == Permission.Scope.SYSTEM) {
      return RolePolicy.grants(account.getUserType(), permission);
    }
    if (studyId == null) {
      return false;
    }
    return RolePolicy.permits(assignments(account), studyId, parentOf(studyId), permission);
  }

  /** Whether the user may upload and manage CRFs ({@link RolePolicy#designsCrfs}). */
  public boolean mayDesignCrfs(String userName) {
    UserAccount account = userName == null ? null : accounts.findByUserName(userName).orElse(null);
    return account != null
        && account.canSignIn()
        && RolePolicy.designsCrfs(account.getUserType(), assignments(account));
  }

  /** Throws {@link PermissionDeniedException} unless the user may upload and manage CRFs. */
  public void requireCrfDesigner(String userName) {
    if (!mayDesignCrfs(userName)) {
      throw new PermissionDeniedException("authorization.denied");
    }
  }

  /** Every study permission the account holds at this study or site (for showing options). */
  public Set<Permission> permissionsAt(UserAccount account, long studyId) {
    Set<Permission> result = EnumSet.noneOf(Permission.class);
    if (account == null || !account.canSignIn()) {
      return result;
    }
    List<RolePolicy.Assignment> held = assignments(account);
    Optional<Long> parent = parentOf(studyId);
    for (Permission p : Permission.values()) {
      if (p.scope() == Permission.Scope.STUDY && RolePolicy.permits(held, studyId, parent, p)) {
        result.add(p);
      }
    }
    return result;
  }

  // A site-level role at a removed site grants nothing (upstream defect OC-2165); study-level
  // roles stay so that the study's managers can still see and restore the site.
  private List<RolePolicy.Assignment> assignments(UserAccount account) {
    StudyHierarchy tree = tree();
    return roles.findByAccountIdAndStatus(account.getId(), AccountStatus.AVAILABLE).stream()
        .filter(r -> r.getRoleLevel() != RoleLevel.SITE || !tree.isRemoved(r.getStudyId()))
        .map(r -> new RolePolicy.Assignment(r.getRole(), r.getStudyId()))
        .toList();
  }

  private Optional<Long> parentOf(long studyId) {
    return tree().parentStudyOf(studyId);
  }

  private StudyHierarchy tree() {
    return hierarchy.getIfAvailable(() -> StudyHierarchy.FLAT);
  }
}
