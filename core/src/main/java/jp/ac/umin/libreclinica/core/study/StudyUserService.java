package jp.ac.umin.libreclinica.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.AccountNotFoundException;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.RoleLevel;
import jp.ac.umin.libreclinica.core.account.StudyUserRole;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people of a study: who holds which role at the study and at each of its sites, and
 * giving, changing, removing and restoring those roles. Only who may assign roles at the study
 * ({@code ASSIGN_STUDY_ROLES} there, or a system administrator) sees and changes them; the
 * changes themselves go through {@link RoleAssignmentService}, which checks and audits again.
 * Removed sites are never offered and never accepted (upstream defect OC-2165).
 */
@Service
@Transactional(readOnly = true)
public class StudyUserService {

  private final StudyService studies;
  private final StudyRepository repository;
  private final RoleAssignmentService roles;
  private final AccountService accounts;

  public StudyUserService(
      StudyService studies,
      StudyRepository repository,
      RoleAssignmentService roles,
      AccountService accounts) {
    this.studies = studies;
    this.repository = repository;
    this.roles = roles;
    this.accounts = accounts;
  }

  /** Whether {@code actor} may see and change the people of this study. */
  public boolean mayManage(String actor, long studyId) {
    return roles.mayAssign(actor, studyId);
  }

  /** Everyone with a role (live or removed) at the study or one of its sites, a page at a time. */
  public Page<StudyUserRow> users(String actor, long studyId, Pageable page) {
    Study study = managed(actor, studyId);
    Map<Long, Study> places = placesOf(study);
    Page<StudyUserRole> held = roles.rolesAt(places.keySet(), page);
    Map<Long, UserAccount> holders =
        accounts.byIds(held.getContent().stream().map(StudyUserRole::getAccountId).toList())
            .stream()
            .collect(Collectors.toMap(UserAccount::getId, Function.identity()));
    List<StudyUserRow> rows = new ArrayList<>();
    for (StudyUserRole r : held.getContent()) {
      rows.add(row(r, holders.get(r.getAccountId()), places.get(r.getStudyId())));
    }
    return new PageImpl<>(rows, page, held.getTotalElements());
  }

  /** One role of the study's people, for a confirmation page. */
  public StudyUserRow user(String actor, long studyId, long roleId) {
    Study study = managed(actor, studyId);
    StudyUserRole r = roleOf(study, roleId);
    UserAccount holder = accounts.byIds(List.of(r.getAccountId())).get(0);
    return row(r, holder, placesOf(study).get(r.getStudyId()));
  }

  /**
   * Where roles can be given: the study and its sites that are not removed (nothing when the
   * study's status does not allow assigning users).
   */
  public List<Workplace> targets(String actor, long studyId) {
    Study study = managed(actor, studyId);
    if (!study.getStatus().allows(StudyOperation.ASSIGN_USERS)) {
      return List.of();
    }
    List<Workplace> result = new ArrayList<>();
    result.add(Workplace.of(study, null));
    for (Study site : repository.findByParentOrderByName(study)) {
      if (!site.getStatus().isRemoved()) {
        result.add(Workplace.of(site, null));
      }
    }
    return result;
  }

  /** The roles that can be held at this study (study level) or site (site level). */
  public List<Role> rolesFor(long studyOrSiteId) {
    return Role.at(studies.get(studyOrSiteId).isSite() ? RoleLevel.SITE : RoleLevel.STUDY);
  }

  /** Available accounts matching a search, to pick whom to give a role. */
  public List<UserAccount> candidates(String actor, long studyId, String query) {
    managed(actor, studyId);
    return roles.candidates(actor, studyId, query);
  }

  /** Gives the account named {@code userName} a role at the study or one of its live sites. */
  @Transactional
  public StudyUserRole assign(String actor, long studyId, String userName, long targetId, Role role) {
    Study study = managed(actor, studyId);
    Study target = placesOf(study).get(targetId);
    if (target == null || target.getStatus().isRemoved()) {
      throw AccountException.onField("target", "studyUsers.target.invalid");
    }
    studies.requireAllowed(target, StudyOperation.ASSIGN_USERS);
    if (role == null) {
      throw AccountException.onField("role", "studyUsers.role.required");
    }
    UserAccount account =
        accounts
            .findByUserName(userName == null ? "" : userName.strip())
            .orElseThrow(
                () -> AccountException.onField("userName", "studyUsers.userName.unknown", userName));
    return roles.assign(actor, account.getId(), targetId, role);
  }

  @Transactional
  public StudyUserRole change(String actor, long studyId, long roleId, Role role) {
    StudyUserRole r = roleOf(managed(actor, studyId), roleId);
    if (role == null) {
      throw AccountException.onField("role", "studyUsers.role.required");
    }
    return roles.change(actor, r.getId(), role);
  }

  @Transactional
  public StudyUserRole remove(String actor, long studyId, long roleId, String reason) {
    StudyUserRole r = roleOf(managed(actor, studyId), roleId);
    return roles.remove(actor, r.getId(), reason);
  }

  @Transactional
  public StudyUserRole restore(String actor, long studyId, long roleId) {
    StudyUserRole r = roleOf(managed(actor, studyId), roleId);
    return roles.restore(actor, r.getId());
  }

  private Study managed(String actor, long studyId) {
    Study study = studies.get(studyId);
    if (study.isSite()) {
      throw new StudyException("studyUsers.notFound", studyId);
    }
    if (!roles.mayAssign(actor, studyId)) {
      throw new PermissionDeniedException("authorization.denied");
    }
    return study;
  }

  private StudyUserRole roleOf(Study study, long roleId) {
    StudyUserRole r;
    try {
      r = roles.get(roleId);
    } catch (AccountNotFoundException e) {
      throw new StudyException("studyUsers.role.notFound", roleId);
    }
    if (!placesOf(study).containsKey(r.getStudyId())) {
      throw new StudyException("studyUsers.role.notFound", roleId);
    }
    return r;
  }

  /** The study and all its sites (removed ones too), by id. */
  private Map<Long, Study> placesOf(Study study) {
    Map<Long, Study> places = new java.util.LinkedHashMap<>();
    places.put(study.getId(), study);
    repository.findByParentOrderByName(study).forEach(s -> places.put(s.getId(), s));
    return places;
  }

  private static StudyUserRow row(StudyUserRole r, UserAccount a, Study place) {
    return new StudyUserRow(
        r.getId(),
        r.getAccountId(),
        a.getUserName(),
        a.getFirstName(),
        a.getLastName(),
        a.isAvailable(),
        r.getRole(),
        r.getStatus(),
        r.getRemovalReason(),
        place.getId(),
        place.getName(),
        place.getProtocolId(),
        place.isSite(),
        place.getStatus());
  }
}
