package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import org.junit.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

public class RoleAssignmentServiceTest extends AccountIntegrationTestBase {

  @Autowired private RoleAssignmentService roles;
  @Autowired private AuthorizationService authorization;
  @Autowired private AccountService accounts;
  @MockitoBean private StudyHierarchy hierarchy;

  /** Study ids no other test uses (there is no study table yet). */
  private static long anyStudyId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
  }

  private AuditEvent lastRecorded() {
    ArgumentCaptor<AuditEvent> captor = ArgumentCaptor.forClass(AuditEvent.class);
    verify(audit, atLeastOnce()).record(captor.capture());
    return captor.getAllValues().get(captor.getAllValues().size() - 1);
  }

  @Test
  public void administratorAssignsChangesAndRemovesRolesAudited() {
    TestAccount admin = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();

    StudyUserRole r = roles.assign(admin.userName(), user.id(), study, Role.DATA_ENTRY_PERSON);
    assertEquals("ra", r.getRoleName());
    assertEquals(RoleLevel.STUDY, r.getRoleLevel());
    AuditEvent e = lastRecorded();
    assertEquals("role.assign", e.action());
    assertEquals(Long.valueOf(study), e.studyId());
    assertTrue(e.newValue().contains("role=ra"));

    roles.change(admin.userName(), r.getId(), Role.DATA_MANAGER);
    e = lastRecorded();
    assertEquals("role.change", e.action());
    assertTrue(e.oldValue().contains("role=ra"));
    assertTrue(e.newValue().contains("role=coordinator"));

    roles.remove(admin.userName(), r.getId(), "left the study");
    e = lastRecorded();
    assertEquals("role.remove", e.action());
    assertEquals("left the study", e.reason());
    StudyUserRole removed = roles.rolesOf(user.id()).get(0);
    assertEquals(AccountStatus.REMOVED, removed.getStatus());
    UserAccount account = reload(user.id());
    assertFalse(authorization.isPermitted(account, study, Permission.VIEW_STUDY));
  }

  @Test
  public void refusesASecondLiveRoleAtTheSameStudy() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();
    roles.assign(admin.userName(), user.id(), study, Role.STUDY_MONITOR);
    AccountException e =
        assertThrows(AccountException.class, () -> roles.assign(admin.userName(), user.id(), study, Role.DATA_MANAGER));
    assertEquals("role.duplicate", e.messageKey());
    assertEquals(1, roles.rolesOf(user.id()).size());
  }

  @Test
  public void siteRoleGrantsAtItsSiteOnly() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount crc = fixtures.user();
    long study = anyStudyId();
    long siteA = study + 1;
    long siteB = study + 2;
    org.mockito.Mockito.when(hierarchy.parentStudyOf(siteA)).thenReturn(Optional.of(study));
    org.mockito.Mockito.when(hierarchy.parentStudyOf(siteB)).thenReturn(Optional.of(study));
    roles.assign(admin.userName(), crc.id(), siteA, Role.CLINICAL_RESEARCH_COORDINATOR);
    UserAccount account = reload(crc.id());

    authorization.require(crc.userName(), siteA, Permission.ENTER_DATA);
    PermissionDeniedException e =
        assertThrows(
            PermissionDeniedException.class,
            () -> authorization.require(crc.userName(), siteB, Permission.ENTER_DATA));
    assertEquals("authorization.denied", e.messageKey());
    assertFalse(authorization.isPermitted(account, study, Permission.ENTER_DATA));
    assertFalse(authorization.isPermitted(account, siteA, Permission.VERIFY_SDV));
  }

  @Test
  public void studyRoleAppliesAtTheStudysSites() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount dm = fixtures.user();
    long study = anyStudyId();
    long site = study + 1;
    org.mockito.Mockito.when(hierarchy.parentStudyOf(site)).thenReturn(Optional.of(study));
    roles.assign(admin.userName(), dm.id(), study, Role.DATA_MANAGER);
    UserAccount account = reload(dm.id());
    assertTrue(authorization.isPermitted(account, site, Permission.ENTER_DATA));
    assertTrue(authorization.permissionsAt(account, site).contains(Permission.BUILD_STUDY));
    assertFalse(authorization.isPermitted(account, study + 7, Permission.VIEW_STUDY));
  }

  @Test
  public void lockedOrRemovedAccountsMayDoNothing() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();
    roles.assign(admin.userName(), user.id(), study, Role.DATA_MANAGER);
    accounts.lock(admin.userName(), user.id());
    assertFalse(authorization.isPermitted(reload(user.id()), study, Permission.VIEW_STUDY));
    accounts.unlock(admin.userName(), user.id());
    assertTrue(authorization.isPermitted(reload(user.id()), study, Permission.VIEW_STUDY));
    accounts.remove(admin.userName(), user.id(), "gone");
    assertFalse(authorization.isPermitted(reload(user.id()), study, Permission.VIEW_STUDY));
  }

  @Test
  public void dataManagerAssignsInOwnStudyButNotElsewhereNorToThemself() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount dm = fixtures.user();
    TestAccount crc = fixtures.user();
    long study = anyStudyId();
    StudyUserRole own = roles.assign(admin.userName(), dm.id(), study, Role.DATA_MANAGER);

    roles.assign(dm.userName(), crc.id(), study, Role.DATA_ENTRY_PERSON);
    assertThrows(
        PermissionDeniedException.class,
        () -> roles.assign(dm.userName(), crc.id(), study + 5, Role.DATA_ENTRY_PERSON));
    PermissionDeniedException e =
        assertThrows(PermissionDeniedException.class, () -> roles.change(dm.userName(), own.getId(), Role.STUDY_DIRECTOR));
    assertEquals("role.ownChange", e.messageKey());
  }

  @Test
  public void usersWithoutAssignPermissionCannotAssign() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount monitor = fixtures.user();
    TestAccount other = fixtures.user();
    long study = anyStudyId();
    roles.assign(admin.userName(), monitor.id(), study, Role.STUDY_MONITOR);
    assertThrows(
        PermissionDeniedException.class,
        () -> roles.assign(monitor.userName(), other.id(), study, Role.DATA_MANAGER));
    assertEquals(List.of(), roles.rolesOf(other.id()));
  }

  @Test
  public void aRemovedRoleIsRestoredAudited() {
    TestAccount admin = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();
    StudyUserRole r = roles.assign(admin.userName(), user.id(), study, Role.STUDY_MONITOR);
    roles.remove(admin.userName(), r.getId(), "on leave");
    assertThrows(AccountException.class, () -> roles.change(admin.userName(), r.getId(), Role.DATA_MANAGER));
    roles.restore(admin.userName(), r.getId());
    AuditEvent e = lastRecorded();
    assertEquals("role.restore", e.action());
    assertTrue(e.oldValue().contains("removalReason=on leave"));
    assertTrue(authorization.isPermitted(reload(user.id()), study, Permission.VIEW_STUDY));
    AccountException again =
        assertThrows(AccountException.class, () -> roles.restore(admin.userName(), r.getId()));
    assertEquals("role.notRemoved", again.messageKey());
  }

  @Test
  public void aRoleIsNotRestoredOverAnotherLiveRoleThere() {
    TestAccount admin = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();
    StudyUserRole first = roles.assign(admin.userName(), user.id(), study, Role.STUDY_MONITOR);
    roles.remove(admin.userName(), first.getId(), "replaced");
    roles.assign(admin.userName(), user.id(), study, Role.DATA_ENTRY_PERSON);
    AccountException e =
        assertThrows(AccountException.class, () -> roles.restore(admin.userName(), first.getId()));
    assertEquals("role.duplicate", e.messageKey());
  }

  @Test
  public void aRoleMustFitTheLevelOfWhereItIsGiven() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();
    long site = study + 1;
    org.mockito.Mockito.when(hierarchy.parentStudyOf(site)).thenReturn(Optional.of(study));
    AccountException atSite =
        assertThrows(AccountException.class, () -> roles.assign(admin.userName(), user.id(), site, Role.DATA_MANAGER));
    assertEquals("role.level.siteOnly", atSite.messageKey());
    assertEquals("role", atSite.field());
    AccountException atStudy =
        assertThrows(AccountException.class,
            () -> roles.assign(admin.userName(), user.id(), study, Role.CLINICAL_RESEARCH_COORDINATOR));
    assertEquals("role.level.studyOnly", atStudy.messageKey());
    StudyUserRole crc = roles.assign(admin.userName(), user.id(), site, Role.CLINICAL_RESEARCH_COORDINATOR);
    assertThrows(AccountException.class, () -> roles.change(admin.userName(), crc.getId(), Role.STUDY_DIRECTOR));
    assertEquals(List.of(crc.getId()), roles.rolesOf(user.id()).stream().map(StudyUserRole::getId).toList());
  }

  @Test
  public void oc2165_aSiteRoleAtARemovedSiteGrantsNothingAndNoRoleIsGivenThere() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount crc = fixtures.user();
    TestAccount other = fixtures.user();
    long study = anyStudyId();
    long site = study + 1;
    org.mockito.Mockito.when(hierarchy.parentStudyOf(site)).thenReturn(Optional.of(study));
    roles.assign(admin.userName(), crc.id(), site, Role.CLINICAL_RESEARCH_COORDINATOR);
    assertTrue(authorization.isPermitted(reload(crc.id()), site, Permission.ENTER_DATA));
    org.mockito.Mockito.when(hierarchy.isRemoved(site)).thenReturn(true);
    assertFalse(authorization.isPermitted(reload(crc.id()), site, Permission.VIEW_STUDY));
    AccountException e =
        assertThrows(AccountException.class,
            () -> roles.assign(admin.userName(), other.id(), site, Role.INVESTIGATOR));
    assertEquals("role.studyRemoved", e.messageKey());
  }

  @Test
  public void candidatesAreAvailableAccountsMatchingTheSearchForAssignersOnly() {
    TestAccount admin = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    TestAccount monitor = fixtures.user();
    long study = anyStudyId();
    roles.assign(admin.userName(), monitor.id(), study, Role.STUDY_MONITOR);
    String part = user.userName().substring(5).toUpperCase();
    assertEquals(
        List.of(user.userName()),
        roles.candidates(admin.userName(), study, part).stream().map(UserAccount::getUserName).toList());
    assertEquals(List.of(), roles.candidates(admin.userName(), study, "%_"));
    assertThrows(PermissionDeniedException.class, () -> roles.candidates(monitor.userName(), study, part));
  }

  /** A name no other test uses, in katakana: the account id's digits as ア, イ, ウ … */
  private static String katakanaName(long id) {
    StringBuilder sb = new StringBuilder("サトウ");
    for (char d : Long.toString(id).toCharArray()) {
      sb.append("アイウエオカキクケコ".charAt(d - '0'));
    }
    return sb.toString();
  }

  @Test
  public void candidateSearchFindsKanaAndWidthVariantsOfNames() {
    TestAccount admin = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    long study = anyStudyId();
    String katakana = katakanaName(user.id());
    jdbc.update("update user_account set last_name = ?, first_name = ? where id = ?", katakana, "花子", user.id());
    String hiragana = katakana.chars()
        .mapToObj(c -> String.valueOf((char) (c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c)))
        .collect(java.util.stream.Collectors.joining());
    // half-width katakana typed by an old IME: ｻﾄｳ…
    String halfWidth = toHalfWidth(katakana);
    for (String typed : List.of(katakana, hiragana, halfWidth, hiragana + " 花子", katakana + "花子")) {
      assertEquals(typed, List.of(user.userName()),
          roles.candidates(admin.userName(), study, typed).stream().map(UserAccount::getUserName).toList());
    }
    // full-width letters of the user name find it too
    String fullWidthUserName = user.userName().chars()
        .mapToObj(c -> String.valueOf((char) (c >= '!' && c <= '~' ? c + 0xFEE0 : c)))
        .collect(java.util.stream.Collectors.joining());
    assertEquals(List.of(user.userName()),
        roles.candidates(admin.userName(), study, fullWidthUserName.toUpperCase())
            .stream().map(UserAccount::getUserName).toList());
  }

  private static String toHalfWidth(String katakana) {
    String full = "アイウエオカキクケコサトウ";
    String half = "\uFF71\uFF72\uFF73\uFF74\uFF75\uFF76\uFF77\uFF78\uFF79\uFF7A\uFF7B\uFF84\uFF73";
    StringBuilder sb = new StringBuilder();
    for (char c : katakana.toCharArray()) {
      int i = full.indexOf(c);
      sb.append(i < 0 ? c : half.charAt(i));
    }
    return sb.toString();
  }
}
