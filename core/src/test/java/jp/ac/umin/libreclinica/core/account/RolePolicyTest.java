package jp.ac.umin.libreclinica.core.account;

import static jp.ac.umin.libreclinica.core.account.Permission.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.RolePolicy.Assignment;
import org.junit.Test;

public class RolePolicyTest {

  private static final long STUDY = 10;
  private static final long SITE_A = 11;
  private static final long SITE_B = 12;
  private static final long OTHER_STUDY = 20;

  @Test
  public void rolesCarryLibreClinicaInternalNamesAndLevels() {
    Map<Role, String> expected = new EnumMap<>(Role.class);
    expected.put(Role.DATA_MANAGER, "STUDY/coordinator");
    expected.put(Role.STUDY_DIRECTOR, "STUDY/director");
    expected.put(Role.DATA_SPECIALIST, "STUDY/investigator");
    expected.put(Role.STUDY_MONITOR, "STUDY/monitor");
    expected.put(Role.DATA_ENTRY_PERSON, "STUDY/ra");
    expected.put(Role.INVESTIGATOR, "SITE/investigator");
    expected.put(Role.CLINICAL_RESEARCH_COORDINATOR, "SITE/ra");
    expected.put(Role.SITE_MONITOR, "SITE/monitor");
    expected.put(Role.DATA_ENTRY_PERSON_2, "SITE/ra2");
    for (Role r : Role.values()) {
      assertEquals(r.name(), expected.get(r), r.level() + "/" + r.internalName());
    }
    assertEquals(expected.size(), Role.values().length);
  }

  @Test
  public void sameInternalNameIsADifferentRoleAtEachLevel() {
    assertEquals(Optional.of(Role.DATA_SPECIALIST), Role.of("investigator", RoleLevel.STUDY));
    assertEquals(Optional.of(Role.INVESTIGATOR), Role.of("investigator", RoleLevel.SITE));
    assertEquals(Optional.of(Role.DATA_ENTRY_PERSON), Role.of("ra", RoleLevel.STUDY));
    assertEquals(Optional.of(Role.CLINICAL_RESEARCH_COORDINATOR), Role.of("ra", RoleLevel.SITE));
    assertEquals(Optional.empty(), Role.of("ra2", RoleLevel.STUDY));
    assertEquals(Optional.empty(), Role.of("coordinator", RoleLevel.SITE));
    assertEquals("role.SITE.investigator", Role.INVESTIGATOR.messageKey());
  }

  /** The whole matrix, spelled out: any change to RolePolicy must be made here too. */
  @Test
  public void matrixGrantsExactlyTheDocumentedStudyPermissions() {
    Map<Role, Set<Permission>> expected = new EnumMap<>(Role.class);
    Set<Permission> manager =
        EnumSet.of(
            VIEW_STUDY, BUILD_STUDY, ASSIGN_STUDY_ROLES, ADD_SUBJECT, REMOVE_SUBJECT, ENTER_DATA,
            ADMINISTRATIVE_EDITING, REVIEW_DATA, VERIFY_SDV, LOCK_DATA, EXTRACT_DATA, IMPORT_DATA,
            MANAGE_DISCREPANCY_NOTES, CLOSE_DISCREPANCY_NOTES, RAISE_QUERY, PROPOSE_RESOLUTION);
    expected.put(Role.DATA_MANAGER, manager);
    expected.put(Role.STUDY_DIRECTOR, manager);
    Set<Permission> investigator =
        EnumSet.of(
            VIEW_STUDY, ADD_SUBJECT, REMOVE_SUBJECT, ENTER_DATA, ADMINISTRATIVE_EDITING,
            REVIEW_DATA, SIGN, EXTRACT_DATA, IMPORT_DATA, MANAGE_DISCREPANCY_NOTES,
            PROPOSE_RESOLUTION);
    expected.put(Role.DATA_SPECIALIST, investigator);
    expected.put(Role.INVESTIGATOR, investigator);
    expected.put(
        Role.STUDY_MONITOR,
        EnumSet.of(
            VIEW_STUDY, REVIEW_DATA, VERIFY_SDV, EXTRACT_DATA, MANAGE_DISCREPANCY_NOTES,
            CLOSE_DISCREPANCY_NOTES, RAISE_QUERY));
    expected.put(
        Role.SITE_MONITOR,
        EnumSet.of(
            VIEW_STUDY, REVIEW_DATA, VERIFY_SDV, MANAGE_DISCREPANCY_NOTES, CLOSE_DISCREPANCY_NOTES,
            RAISE_QUERY));
    Set<Permission> dataEntry =
        EnumSet.of(
            VIEW_STUDY, ADD_SUBJECT, ENTER_DATA, ADMINISTRATIVE_EDITING, REVIEW_DATA,
            MANAGE_DISCREPANCY_NOTES, PROPOSE_RESOLUTION);
    expected.put(Role.DATA_ENTRY_PERSON, dataEntry);
    expected.put(Role.CLINICAL_RESEARCH_COORDINATOR, dataEntry);
    expected.put(
        Role.DATA_ENTRY_PERSON_2,
        EnumSet.of(
            VIEW_STUDY, ADD_SUBJECT, ENTER_DATA, REVIEW_DATA, MANAGE_DISCREPANCY_NOTES,
            PROPOSE_RESOLUTION));

    for (Role role : Role.values()) {
      assertEquals(role.name(), expected.get(role), RolePolicy.permissionsOf(role));
      for (Permission p : Permission.values()) {
        assertEquals(role + " " + p, expected.get(role).contains(p), RolePolicy.grants(role, p));
      }
    }
  }

  @Test
  public void monitorsVerifyButNeverEnterData() {
    for (Role monitor : List.of(Role.STUDY_MONITOR, Role.SITE_MONITOR)) {
      assertTrue(RolePolicy.grants(monitor, VERIFY_SDV));
      assertFalse(RolePolicy.grants(monitor, ENTER_DATA));
      assertFalse(RolePolicy.grants(monitor, ADD_SUBJECT));
    }
  }

  @Test
  public void onlyInvestigatorRolesSign() {
    for (Role role : Role.values()) {
      boolean investigator = role.internalName().equals("investigator");
      assertEquals(role.name(), investigator, RolePolicy.grants(role, SIGN));
    }
  }

  @Test
  public void rolesNeverGrantSystemPermissions() {
    for (Role role : Role.values()) {
      for (Permission p : Permission.values()) {
        if (p.scope() == Permission.Scope.SYSTEM) {
          assertFalse(role + " " + p, RolePolicy.grants(role, p));
        }
      }
    }
  }

  @Test
  public void userTypesGrantOnlySystemPermissions() {
    assertEquals(
        EnumSet.of(ADMINISTER_USERS, MANAGE_TECH_ADMINS, VIEW_AUDIT_LOG, CREATE_STUDY),
        RolePolicy.permissionsOf(UserType.TECH_ADMIN));
    assertEquals(
        EnumSet.of(ADMINISTER_USERS, VIEW_AUDIT_LOG, CREATE_STUDY),
        RolePolicy.permissionsOf(UserType.BUSINESS_ADMIN));
    assertEquals(EnumSet.noneOf(Permission.class), RolePolicy.permissionsOf(UserType.USER));
    for (UserType t : UserType.values()) {
      assertFalse(RolePolicy.grants(t, ENTER_DATA));
    }
  }

  @Test
  public void businessAdminCannotManageTechAdmins() {
    assertFalse(RolePolicy.grants(UserType.BUSINESS_ADMIN, MANAGE_TECH_ADMINS));
    assertTrue(RolePolicy.grants(UserType.TECH_ADMIN, MANAGE_TECH_ADMINS));
  }

  @Test
  public void siteRoleGrantsOnlyAtItsOwnSite() {
    List<Assignment> crcAtA = List.of(new Assignment(Role.CLINICAL_RESEARCH_COORDINATOR, SITE_A));
    assertTrue(RolePolicy.permits(crcAtA, SITE_A, Optional.of(STUDY), ENTER_DATA));
    assertFalse("not at a sister site", RolePolicy.permits(crcAtA, SITE_B, Optional.of(STUDY), ENTER_DATA));
    assertFalse("not at the parent study", RolePolicy.permits(crcAtA, STUDY, Optional.empty(), ENTER_DATA));
    assertFalse("not without a tree either", RolePolicy.permits(crcAtA, SITE_B, Optional.empty(), ENTER_DATA));
  }

  @Test
  public void studyRoleAppliesAtTheStudyAndItsSitesOnly() {
    List<Assignment> dm = List.of(new Assignment(Role.DATA_MANAGER, STUDY));
    assertTrue(RolePolicy.permits(dm, STUDY, Optional.empty(), BUILD_STUDY));
    assertTrue(RolePolicy.permits(dm, SITE_A, Optional.of(STUDY), ENTER_DATA));
    assertFalse(RolePolicy.permits(dm, OTHER_STUDY, Optional.empty(), VIEW_STUDY));
    assertFalse(RolePolicy.permits(dm, 21, Optional.of(OTHER_STUDY), VIEW_STUDY));
  }

  @Test
  public void permissionComesFromTheRoleHeldWhereTheActionHappens() {
    // Monitor of the study, CRC at site A: may enter data at A only, may verify everywhere.
    List<Assignment> held =
        List.of(
            new Assignment(Role.STUDY_MONITOR, STUDY),
            new Assignment(Role.CLINICAL_RESEARCH_COORDINATOR, SITE_A));
    assertTrue(RolePolicy.permits(held, SITE_A, Optional.of(STUDY), ENTER_DATA));
    assertFalse(RolePolicy.permits(held, SITE_B, Optional.of(STUDY), ENTER_DATA));
    assertTrue(RolePolicy.permits(held, SITE_B, Optional.of(STUDY), VERIFY_SDV));
    assertFalse(RolePolicy.permits(held, STUDY, Optional.empty(), ENTER_DATA));
  }
}
