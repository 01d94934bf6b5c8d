package jp.ac.umin.libreclinica.core.account;

import static jp.ac.umin.libreclinica.core.account.Permission.*;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says who may do what: the user type → system permission table and the
 * role → study permission matrix (documented in {@code docs/roles.md}). Pure logic, no
 * database: {@link AuthorizationService} feeds it an account's assignments.
 *
 * <p>A study-level role applies at its study and at the study's sites; a site-level role
 * applies at its own site only, never at the parent study or a sister site.
 */
public final class RolePolicy {

  private static final Map<UserType, Set<Permission>> SYSTEM = new EnumMap<>(UserType.class);
  private static final Map<Role, Set<Permission>> MATRIX = new EnumMap<>(Role.class);

  static {
    SYSTEM.put(
        UserType.TECH_ADMIN,
        EnumSet.of(ADMINISTER_USERS, MANAGE_TECH_ADMINS, VIEW_AUDIT_LOG, CREATE_STUDY));
    SYSTEM.put(UserType.BUSINESS_ADMIN, EnumSet.of(ADMINISTER_USERS, VIEW_AUDIT_LOG, CREATE_STUDY));
    SYSTEM.put(UserType.USER, EnumSet.noneOf(Permission.class));

    Set<Permission> manager =
        EnumSet.of(
            VIEW_STUDY, BUILD_STUDY, ASSIGN_STUDY_ROLES, ADD_SUBJECT, REMOVE_SUBJECT, ENTER_DATA,
            ADMINISTRATIVE_EDITING, REVIEW_DATA, VERIFY_SDV, LOCK_DATA, EXTRACT_DATA, IMPORT_DATA,
            MANAGE_DISCREPANCY_NOTES, CLOSE_DISCREPANCY_NOTES);
    Set<Permission> investigator =
        EnumSet.of(
            VIEW_STUDY, ADD_SUBJECT, REMOVE_SUBJECT, ENTER_DATA, ADMINISTRATIVE_EDITING,
            REVIEW_DATA, SIGN, EXTRACT_DATA, IMPORT_DATA, MANAGE_DISCREPANCY_NOTES);
    Set<Permission> dataEntry =
        EnumSet.of(
            VIEW_STUDY, ADD_SUBJECT, ENTER_DATA, ADMINISTRATIVE_EDITING, REVIEW_DATA,
            MANAGE_DISCREPANCY_NOTES);
    Set<Permission> monitor =
        EnumSet.of(
            VIEW_STUDY, REVIEW_DATA, VERIFY_SDV, MANAGE_DISCREPANCY_NOTES, CLOSE_DISCREPANCY_NOTES);

    // Discrepancy notes: monitors and managers raise queries; the people who enter data (and
    // managers) propose resolutions; closing stays with monitors and managers.
    manager.addAll(EnumSet.of(RAISE_QUERY, PROPOSE_RESOLUTION));
    investigator.add(PROPOSE_RESOLUTION);
    dataEntry.add(PROPOSE_RESOLUTION);
    monitor.add(RAISE_QUERY);

    MATRIX.put(Role.DATA_MANAGER, manager);
    MATRIX.put(Role.STUDY_DIRECTOR, manager);
    MATRIX.put(Role.DATA_SPECIALIST, investigator);
    MATRIX.put(Role.STUDY_MONITOR, with(monitor, EXTRACT_DATA));
    MATRIX.put(Role.DATA_ENTRY_PERSON, dataEntry);
    MATRIX.put(Role.INVESTIGATOR, investigator);
    MATRIX.put(Role.CLINICAL_RESEARCH_COORDINATOR, dataEntry);
    MATRIX.put(Role.SITE_MONITOR, monitor);
    MATRIX.put(Role.DATA_ENTRY_PERSON_2, without(dataEntry, ADMINISTRATIVE_EDITING));
    MATRIX.replaceAll((role, grants) -> Collections.unmodifiableSet(EnumSet.copyOf(grants)));
    SYSTEM.replaceAll((type, grants) -> Collections.unmodifiableSet(EnumSet.copyOf(grants)));
  }

  private RolePolicy() {}

  /** The system permissions of a user type. */
  public static Set<Permission> permissionsOf(UserType type) {
    return SYSTEM.get(type);
  }

  /** The study permissions of a role, wherever it applies. */
  public static Set<Permission> permissionsOf(Role role) {
    return MATRIX.get(role);
  }

  public static boolean grants(UserType type, Permission permission) {
    return permission.scope() == Permission.Scope.SYSTEM && SYSTEM.get(type).contains(permission);
  }

  public static boolean grants(Role role, Permission permission) {
    return permission.scope() == Permission.Scope.STUDY && MATRIX.get(role).contains(permission);
  }

  /**
   * Whether one of the assignments grants the permission at {@code studyId}.
   *
   * @param parentStudyId the parent study when {@code studyId} is a site, else empty
   */
  public static boolean permits(
      Collection<Assignment> assignments,
      long studyId,
      Optional<Long> parentStudyId,
      Permission permission) {
    for (Assignment a : assignments) {
      if (!grants(a.role(), permission)) {
        continue;
      }
      if (a.studyId() == studyId) {
        return true;
      }
      if (a.role().level() == RoleLevel.STUDY
          && parentStudyId.isPresent()
          && parentStudyId.get() == a.studyId()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an account may upload and manage CRFs, which belong to the installation rather
   * than to one study: system administrators, and whoever may build some study or site.
   */
  public static boolean designsCrfs(UserType type, Collection<Assignment> assignments) {
    return grants(type, ADMINISTER_USERS)
        || assignments.stream().anyMatch(a -> grants(a.role(), BUILD_STUDY));
  }

  /** A role held at a study or site. */
  public record Assignment(Role role, long studyId) {
    public Assignment {
      Objects.requireNonNull(role, "role");
    }
  }

  private static Set<Permission> with(Set<Permission> base, Permission extra) {
    EnumSet<Permission> copy = EnumSet.copyOf(base);
    copy.add(extra);
    return copy;
  }

  private static Set<Permission> without(Set<Permission> base, Permission removed) {
    EnumSet<Permission> copy = EnumSet.copyOf(base);
    copy.remove(removed);
    return copy;
  }
}
