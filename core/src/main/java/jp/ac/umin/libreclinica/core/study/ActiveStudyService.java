package jp.ac.umin.libreclinica.core.study;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.RoleLevel;
import jp.ac.umin.libreclinica.core.account.StudyUserRole;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The study or site a user works in (LibreClinica's "change study/site"). A user may choose any
 * study or site where they hold a live role, and the sites of a study where they hold a
 * study-level role; a system administrator any study or site. Removed studies and sites are
 * never offered nor accepted (upstream defect OC-2165). Decisions use ids and enums only, never
 * displayed text (upstream defect OC-3512).
 */
@Service
@Transactional(readOnly = true)
public class ActiveStudyService {

  private final StudyRepository studies;
  private final AccountService accounts;
  private final RoleAssignmentService roles;
  private final AuthorizationService authorization;

  public ActiveStudyService(
      StudyRepository studies,
      AccountService accounts,
      RoleAssignmentService roles,
      AuthorizationService authorization) {
    this.studies = studies;
    this.accounts = accounts;
    this.roles = roles;
    this.authorization = authorization;
  }

  /**
   * Where the user may work: each study followed by its sites, studies by name. Empty for an
   * unknown, locked or removed account.
   */
  public List<Workplace> workplacesOf(String actor) {
    UserAccount account = usable(actor);
    if (account == null) {
      return List.of();
    }
    Map<Long, Role> held = liveRoles(account);
    if (held.isEmpty() && !isAdministrator(account)) {
      return List.of();
    }
    List<Study> candidates =
        isAdministrator(account)
            ? studies.findAllWithParents()
            : studies.findWithParents(withSitesOfStudyRoles(held));
    List<Workplace> result = new ArrayList<>();
    for (Study s : candidates) {
      if (isRemoved(s)) {
        continue;
      }
      Role role = roleAt(held, s);
      if (role != null || isAdministrator(account)) {
        result.add(Workplace.of(s, role));
      }
    }
    Collator byName = Collator.getInstance(Locale.ROOT);
    Map<Long, String> rootNames = new HashMap<>();
    result.forEach(w -> rootNames.put(w.rootId(), w.isSite() ? w.parentName() : w.name()));
    result.sort(
        Comparator.<Workplace, String>comparing(w -> rootNames.get(w.rootId()), byName)
            .thenComparing(Workplace::rootId)
            .thenComparing(Workplace::isSite)
            .thenComparing(Workplace::name, byName));
    return result;
  }

  /** The user's active study or site, if it is still one where they may work. */
  public Optional<Workplace> active(String actor) {
    UserAccount account = usable(actor);
    if (account == null || account.getActiveStudyId() == null) {
      return Optional.empty();
    }
    return workplace(account, account.getActiveStudyId());
  }

  /** Makes a study or site the user's active one; refused unless they may work there. */
  @Transactional
  public Workplace choose(String actor, long studyId) {
    UserAccount account = usable(actor);
    if (account == null) {
      throw new PermissionDeniedException("authorization.denied");
    }
    if (studies.findById(studyId).isEmpty()) {
      throw new StudyException("study.notFound", studyId);
    }
    Workplace chosen =
        workplace(account, studyId)
            .orElseThrow(() -> new PermissionDeniedException("activeStudy.refused"));
    accounts.changeActiveStudy(account.getUserName(), studyId);
    return chosen;
  }

  /**
   * After sign-in: when the user has no usable active study and works in exactly one study,
   * makes it (or their only site of it) active.
   */
  @Transactional
  public Optional<Workplace> chooseIfOnlyOne(String actor) {
    if (active(actor).isPresent()) {
      return Optional.empty();
    }
    List<Workplace> places = workplacesOf(actor);
    long roots = places.stream().map(Workplace::rootId).distinct().count();
    if (roots != 1) {
      return Optional.empty();
    }
    Workplace first = places.get(0);
    if (first.isSite() && places.size() > 1) {
      // several sites of one study and no role at the study itself: let the user choose
      return Optional.empty();
    }
    accounts.changeActiveStudy(actor, first.studyId());
    return Optional.of(first);
  }

  private Optional<Workplace> workplace(UserAccount account, long studyId) {
    Optional<Study> found = studies.findWithParent(studyId);
    if (found.isEmpty() || isRemoved(found.get())) {
      return Optional.empty();
    }
    Role role = roleAt(liveRoles(account), found.get());
    if (role == null && !isAdministrator(account)) {
      return Optional.empty();
    }
    return Optional.of(Workplace.of(found.get(), role));
  }

  private Map<Long, Role> liveRoles(UserAccount account) {
    Map<Long, Role> held = new LinkedHashMap<>();
    for (StudyUserRole r : roles.liveRolesOf(account.getId())) {
      held.put(r.getStudyId(), r.getRole());
    }
    return held;
  }

  /** The role at a study or site: held there, or held at the parent study at study level. */
  private static Role roleAt(Map<Long, Role> held, Study s) {
    Role own = held.get(s.getId());
    if (own != null && own.level() == (s.isSite() ? RoleLevel.SITE : RoleLevel.STUDY)) {
      return own;
    }
    if (s.isSite()) {
      Role parent = held.get(s.getParent().getId());
      if (parent != null && parent.level() == RoleLevel.STUDY) {
        return parent;
      }
    }
    return null;
  }

  private List<Long> withSitesOfStudyRoles(Map<Long, Role> held) {
    List<Long> ids = new ArrayList<>(held.keySet());
    held.forEach(
        (studyId, role) -> {
          if (role.level() == RoleLevel.STUDY) {
            studies.findById(studyId).ifPresent(
                s -> studies.findByParentOrderByName(s).forEach(site -> ids.add(site.getId())));
          }
        });
    return ids;
  }

  private static boolean isRemoved(Study s) {
    return s.getStatus().isRemoved() || (s.isSite() && s.getParent().getStatus().isRemoved());
  }

  private UserAccount usable(String actor) {
    return accounts.findByUserName(actor).filter(UserAccount::canSignIn).orElse(null);
  }

  private boolean isAdministrator(UserAccount account) {
    return authorization.isPermitted(account, null, Permission.ADMINISTER_USERS);
  }
}
