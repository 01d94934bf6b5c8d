package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.AccountValidationException.FieldProblem;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import org.junit.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

public class AccountServiceTest extends AccountIntegrationTestBase {

  @Autowired private AccountService service;

  private static PersonDetails person(String first, String last, String email) {
    return new PersonDetails(first, last, email, "Univ. Hospital", "03-0000-0000");
  }

  private NewAccount newUser(String userName) {
    return new NewAccount(userName, person("Hanako", "Yamada", userName + "@example.org"), UserType.USER);
  }

  private AuditEvent lastRecorded() {
    ArgumentCaptor<AuditEvent> captor = ArgumentCaptor.forClass(AuditEvent.class);
    verify(audit, atLeastOnce()).record(captor.capture());
    List<AuditEvent> all = captor.getAllValues();
    return all.get(all.size() - 1);
  }

  private List<String> problemKeys(AccountValidationException e) {
    return e.problems().stream().map(FieldProblem::messageKey).toList();
  }

  @Test
  public void createsAccountWithOneTimePasswordThatMustBeChanged() {
    TestAccount admin = fixtures.businessAdmin();
    String name = AccountFixtures.uniqueName("new");
    CreatedAccount created = service.create(admin.userName(), newUser(name));

    UserAccount stored = reload(created.account().getId());
    assertEquals(name, stored.getUserName());
    assertTrue(stored.isMustChangePassword());
    assertTrue(encoder.matches(created.oneTimePassword(), stored.getPasswordHash()));
    assertEquals(SignInState.PASSWORD_CHANGE_REQUIRED, service.signInState(name));
    assertEquals(admin.userName(), stored.getCreatedBy());

    AuditEvent e = lastRecorded();
    assertEquals("account.create", e.action());
    assertEquals(admin.userName(), e.actor());
    assertEquals(String.valueOf(stored.getId()), e.entityId());
    assertTrue(e.newValue().contains("userName=" + name));
    assertFalse("never a hash in the audit trail", e.newValue().contains("{bcrypt}"));
    assertFalse(e.newValue().contains(created.oneTimePassword()));
  }

  @Test
  public void rejectsDuplicateUserNameAlsoWhenOnlyTheCaseDiffers() {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("dup");
    service.create(admin.userName(), newUser(name));
    AccountValidationException e =
        assertThrows(
            AccountValidationException.class,
            () -> service.create(admin.userName(), newUser(name.toUpperCase(Locale.ROOT))));
    assertEquals(List.of("account.userName.duplicate"), problemKeys(e));
    assertEquals("userName", e.problems().get(0).field());
  }

  @Test
  public void rejectsInvalidEmailOverlongNamesAndBadUserNameStoringNothing() {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("bad");
    NewAccount bad =
        new NewAccount(name, person("x".repeat(51), "Yamada", "not-an-address"), UserType.USER);
    AccountValidationException e =
        assertThrows(AccountValidationException.class, () -> service.create(admin.userName(), bad));
    assertTrue(problemKeys(e).contains("account.email.invalid"));
    assertTrue(problemKeys(e).contains("account.firstName.tooLong"));
    assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("firstName")));

    NewAccount badName =
        new NewAccount("has space " + name, person("Hanako", "Yamada", "h@example.org"), UserType.USER);
    e = assertThrows(AccountValidationException.class, () -> service.create(admin.userName(), badName));
    assertEquals(List.of("account.userName.invalid"), problemKeys(e));

    assertFalse(accountRepository.existsByUserName(name));
    verify(audit, never()).record(any());
  }

  @Test
  public void storesHostileAndNonBmpTextIntact() {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("hostile");
    String first = "<script>alert(1)</script>";
    String last = "𠮷野'); DROP TABLE user_account;--";
    CreatedAccount c =
        service.create(
            admin.userName(),
            new NewAccount(name, person(first, last, name + "@example.org"), UserType.USER));
    UserAccount stored = reload(c.account().getId());
    assertEquals(first, stored.getFirstName());
    assertEquals(last, stored.getLastName());
    assertEquals(1L, (long) jdbc.queryForObject("select count(*) from user_account where id = ?", Long.class, stored.getId()));
  }

  @Test
  public void nothingIsStoredWhenTheAuditRecordFails() {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("noaudit");
    doThrow(new IllegalStateException("audit down")).when(audit).record(any());
    assertThrows(IllegalStateException.class, () -> service.create(admin.userName(), newUser(name)));
    assertFalse(accountRepository.existsByUserName(name));
  }

  @Test
  public void editAuditsOnlyChangedFieldsWithOldAndNewValues() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    UserAccount before = reload(user.id());
    service.edit(
        admin.userName(),
        user.id(),
        before.getVersion(),
        new PersonDetails("Jiro", before.getLastName(), before.getEmail(), before.getInstitutionalAffiliation(), null),
        UserType.BUSINESS_ADMIN);
    UserAccount after = reload(user.id());
    assertEquals("Jiro", after.getFirstName());
    assertEquals(UserType.BUSINESS_ADMIN, after.getUserType());
    AuditEvent e = lastRecorded();
    assertEquals("account.edit", e.action());
    assertEquals("firstName=Taro\nuserType=USER", e.oldValue());
    assertEquals("firstName=Jiro\nuserType=BUSINESS_ADMIN", e.newValue());
  }

  @Test
  public void refusesAnEditMadeOnAnOutdatedVersion() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    long version = reload(user.id()).getVersion();
    service.lock(admin.userName(), user.id());
    AccountException e =
        assertThrows(
            AccountException.class,
            () ->
                service.edit(
                    admin.userName(), user.id(), version,
                    person("A", "B", "a@example.org"), UserType.USER));
    assertEquals("account.stale", e.messageKey());
    assertEquals("Taro", reload(user.id()).getFirstName());
  }

  @Test
  public void businessAdminCanNeitherTouchNorCreateTechAdmins() {
    TestAccount biz = fixtures.businessAdmin();
    TestAccount tech = fixtures.techAdmin();
    long version = reload(tech.id()).getVersion();
    String hash = reload(tech.id()).getPasswordHash();

    List<Runnable> attempts =
        List.of(
            () -> service.getForChange(biz.userName(), tech.id()),
            () -> service.edit(biz.userName(), tech.id(), version, person("X", "Y", "x@example.org"), UserType.TECH_ADMIN),
            () -> service.resetPassword(biz.userName(), tech.id()),
            () -> service.lock(biz.userName(), tech.id()),
            () -> service.unlock(biz.userName(), tech.id()),
            () -> service.remove(biz.userName(), tech.id(), "take over"),
            () -> service.restore(biz.userName(), tech.id()),
            () ->
                service.create(
                    biz.userName(),
                    new NewAccount(AccountFixtures.uniqueName("root"), person("R", "R", "r@example.org"), UserType.TECH_ADMIN)));
    for (Runnable attempt : attempts) {
      PermissionDeniedException e = assertThrows(PermissionDeniedException.class, attempt::run);
      assertEquals("account.denied.techAdmin", e.messageKey());
    }
    UserAccount after = reload(tech.id());
    assertEquals(hash, after.getPasswordHash());
    assertEquals(version, after.getVersion());
    assertFalse(after.isLocked());
    assertTrue(after.isAvailable());
    verify(audit, never()).record(any());
  }

  @Test
  public void businessAdminCannotPromoteAnyoneToTechAdmin() {
    TestAccount biz = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    UserAccount u = reload(user.id());
    assertThrows(
        PermissionDeniedException.class,
        () ->
            service.edit(
                biz.userName(), user.id(), u.getVersion(),
                person("Taro", "Test", u.getEmail()), UserType.TECH_ADMIN));
    assertEquals(UserType.USER, reload(user.id()).getUserType());
    assertEquals(List.of(UserType.BUSINESS_ADMIN, UserType.USER), service.assignableTypes(biz.userName()));
  }

  @Test
  public void administratorsCannotChangeTheirOwnType() {
    TestAccount biz = fixtures.businessAdmin();
    UserAccount self = reload(biz.id());
    PermissionDeniedException e =
        assertThrows(
            PermissionDeniedException.class,
            () ->
                service.edit(
                    biz.userName(), biz.id(), self.getVersion(),
                    person("Taro", "Test", self.getEmail()), UserType.TECH_ADMIN));
    assertEquals("account.type.ownChange", e.messageKey());
    assertEquals(UserType.BUSINESS_ADMIN, reload(biz.id()).getUserType());
  }

  @Test
  public void usersCannotAdministerAccounts() {
    TestAccount user = fixtures.user();
    TestAccount other = fixtures.user();
    assertThrows(PermissionDeniedException.class, () -> service.list(user.userName(), AccountStatusFilter.ALL, PageRequest.of(0, 10)));
    assertThrows(PermissionDeniedException.class, () -> service.lock(user.userName(), other.id()));
    assertThrows(PermissionDeniedException.class, () -> service.create(user.userName(), newUser(AccountFixtures.uniqueName("x"))));
  }

  @Test
  public void lockUnlockRemoveAndRestoreAreAudited() {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();

    service.lock(admin.userName(), user.id());
    assertTrue(reload(user.id()).isLocked());
    assertEquals(SignInState.BLOCKED, service.signInState(user.userName()));
    assertEquals("account.lock", lastRecorded().action());

    service.unlock(admin.userName(), user.id());
    assertFalse(reload(user.id()).isLocked());
    assertEquals("account.unlock", lastRecorded().action());

    AccountException noReason =
        assertThrows(AccountException.class, () -> service.remove(admin.userName(), user.id(), "  "));
    assertEquals("account.removalReason.required", noReason.messageKey());
    assertTrue(reload(user.id()).isAvailable());

    service.remove(admin.userName(), user.id(), "left the project");
    UserAccount removed = reload(user.id());
    assertEquals(AccountStatus.REMOVED, removed.getStatus());
    assertEquals("left the project", removed.getRemovalReason());
    assertEquals("left the project", lastRecorded().reason());
    assertEquals(SignInState.BLOCKED, service.signInState(user.userName()));
    assertTrue(service.list(admin.userName(), AccountStatusFilter.REMOVED, PageRequest.of(0, 1000))
        .stream().anyMatch(a -> a.getId().equals(user.id())));

    service.restore(admin.userName(), user.id());
    assertTrue(reload(user.id()).isAvailable());
    assertNull(reload(user.id()).getRemovalReason());
    assertEquals("account.restore", lastRecorded().action());
  }

  @Test
  public void administratorsCannotLockOrRemoveThemselves() {
    TestAccount admin = fixtures.techAdmin();
    assertEquals("account.lock.self",
        assertThrows(AccountException.class, () -> service.lock(admin.userName(), admin.id())).messageKey());
    assertEquals("account.remove.self",
        assertThrows(AccountException.class, () -> service.remove(admin.userName(), admin.id(), "x")).messageKey());
  }

  @Test
  public void resetGivesAOneTimePasswordThatMustBeChanged() {
    TestAccount admin = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    String oneTime = service.resetPassword(admin.userName(), user.id());
    UserAccount after = reload(user.id());
    assertTrue(encoder.matches(oneTime, after.getPasswordHash()));
    assertFalse(encoder.matches(user.password(), after.getPasswordHash()));
    assertEquals(SignInState.PASSWORD_CHANGE_REQUIRED, service.signInState(user.userName()));
    AuditEvent e = lastRecorded();
    assertEquals("account.password.reset", e.action());
    assertFalse(e.newValue().contains(oneTime));

    service.changeOwnPassword(user.userName(), oneTime, "Brand-New-Pass9");
    assertEquals(SignInState.OK, service.signInState(user.userName()));
  }

  @Test
  public void changingOwnPasswordChecksCurrentPolicyAndHistory() {
    TestAccount user = fixtures.user();
    AccountValidationException wrong =
        assertThrows(
            AccountValidationException.class,
            () -> service.changeOwnPassword(user.userName(), "wrong", "Another-Pass-1"));
    assertEquals(List.of("account.password.currentWrong"), problemKeys(wrong));

    AccountValidationException weak =
        assertThrows(
            AccountValidationException.class,
            () -> service.changeOwnPassword(user.userName(), user.password(), "weak"));
    assertTrue(problemKeys(weak).contains("password.policy.tooShort"));
    assertTrue(problemKeys(weak).contains("password.policy.missingUpper"));
    assertTrue(problemKeys(weak).contains("password.policy.missingDigit"));

    AccountValidationException same =
        assertThrows(
            AccountValidationException.class,
            () -> service.changeOwnPassword(user.userName(), user.password(), user.password()));
    assertEquals(List.of("password.policy.reused"), problemKeys(same));

    service.changeOwnPassword(user.userName(), user.password(), "Second-Pass-22");
    service.changeOwnPassword(user.userName(), "Second-Pass-22", "Third-Pass-333");
    AccountValidationException older =
        assertThrows(
            AccountValidationException.class,
            () -> service.changeOwnPassword(user.userName(), "Third-Pass-333", user.password()));
    assertEquals(List.of("password.policy.reused"), problemKeys(older));
    verify(audit, times(2)).record(any());
  }

  @Test
  public void expiredPasswordMustBeChanged() {
    TestAccount user = fixtures.user();
    assertEquals(SignInState.OK, service.signInState(user.userName()));
    fixtures.agePassword(user.id(), 181);
    assertEquals(SignInState.PASSWORD_CHANGE_REQUIRED, service.signInState(user.userName()));
  }

  @Test
  public void locksAfterTheConfiguredNumberOfFailedSignInsAndAuditsEach() {
    TestAccount user = fixtures.user();
    for (int i = 1; i <= 4; i++) {
      assertFalse(service.recordLoginFailure(user.userName().toUpperCase(Locale.ROOT), "bad-credentials"));
    }
    assertFalse(reload(user.id()).isLocked());
    assertTrue(service.recordLoginFailure(user.userName(), "bad-credentials"));
    assertTrue(reload(user.id()).isLocked());
    assertFalse("already locked", service.recordLoginFailure(user.userName(), "locked"));

    ArgumentCaptor<AuditEvent> failures = ArgumentCaptor.forClass(AuditEvent.class);
    verify(audit, times(6)).recordIndependently(failures.capture());
    assertEquals("login.failure", failures.getValue().action());
    assertEquals(user.userName(), failures.getValue().actor());
    assertEquals("locked", failures.getValue().reason());
    assertEquals("login.lockout", lastRecorded().action());

    // The administrator's unlock clears the count: one more failure does not lock again.
    TestAccount admin = fixtures.techAdmin();
    service.unlock(admin.userName(), user.id());
    assertFalse(service.recordLoginFailure(user.userName(), "bad-credentials"));
    assertEquals(1, reload(user.id()).getFailedLoginCount());
  }

  @Test
  public void failedSignInOfUnknownNameIsAuditedWithTheNameTyped() {
    String typed = "nobody-" + AccountFixtures.uniqueName("x");
    assertFalse(service.recordLoginFailure(typed, "bad-credentials"));
    ArgumentCaptor<AuditEvent> captor = ArgumentCaptor.forClass(AuditEvent.class);
    verify(audit).recordIndependently(captor.capture());
    assertEquals(typed, captor.getValue().actor());
    assertNull(captor.getValue().entityId());
  }

  @Test
  public void successfulSignInClearsFailedAttempts() {
    TestAccount user = fixtures.user();
    service.recordLoginFailure(user.userName(), "bad-credentials");
    service.recordLoginFailure(user.userName(), "bad-credentials");
    service.recordLoginSuccess(user.userName());
    assertEquals(0, reload(user.id()).getFailedLoginCount());
    assertEquals("login.success", lastRecorded().action());
  }

  @Test
  public void preferredLocaleIsRememberedAndAudited() {
    TestAccount user = fixtures.user();
    assertEquals(Optional.empty(), service.preferredLocale(user.userName()));
    service.changePreferredLocale(user.userName(), Locale.JAPANESE);
    assertEquals(Optional.of(Locale.JAPANESE), service.preferredLocale(user.userName()));
    AuditEvent e = lastRecorded();
    assertEquals("account.locale.change", e.action());
    assertEquals("preferredLocale=ja", e.newValue());
  }

  @Test
  public void holderEditsOwnProfileButNotTheType() {
    TestAccount user = fixtures.user();
    UserAccount u = reload(user.id());
    service.editOwnProfile(
        user.userName(), u.getVersion(),
        new PersonDetails("𠮷田", "花子", "hanako@example.org", "東京大学", "090"), Locale.ENGLISH);
    UserAccount after = reload(user.id());
    assertEquals("𠮷田", after.getFirstName());
    assertEquals("en", after.getPreferredLocale());
    assertEquals(UserType.USER, after.getUserType());
    assertNotEquals(u.getVersion(), after.getVersion());
    assertEquals("account.profile.edit", lastRecorded().action());
  }
}
