package jp.ac.umin.libreclinica.core.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/** Identities against the embedded PostgreSQL with the real audit trail. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class IdentityServiceTest {

  private static final String UMIN = "umin";

  @Autowired private IdentityService service;
  @Autowired private ExternalIdentityRepository identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;
  private TestAccount admin;

  @Before
  public void setUp() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin();
  }

  private static String uminId() {
    return "umin-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String subject() {
    return "https://idp.umin.ac.jp/idp/shibboleth!https://sp/!" + UUID.randomUUID();
  }

  private SignInResult signIn(String subject, String displayId) {
    return service.signIn(new ExternalSignIn(UMIN, subject, displayId, "x@example.org", "Taro", "192.0.2.1"));
  }

  private List<Map<String, Object>> audit(String action, Object entityId) {
    return jdbc.queryForList(
        "select * from audit_log where action = ? and entity_id = ? order by id", action, String.valueOf(entityId));
  }

  @Test
  public void preRegisteredUminIdBindsOnFirstSignInAndTheSubjectIsTheKeyAfterwards() {
    TestAccount user = fixtures.user();
    String id = uminId();
    ExternalIdentity pending = service.preRegister(admin.userName(), user.id(), UMIN, id);
    assertEquals(IdentityStatus.PENDING, pending.getStatus());
    assertNull(pending.getSubject());
    assertEquals(1, audit("identity.preregister", pending.getId()).size());

    String sub = subject();
    SignInResult first = signIn(sub, id);
    assertEquals(user.userName(), first.userName());
    ExternalIdentity bound = identities.findById(pending.getId()).orElseThrow();
    assertEquals(IdentityStatus.LINKED, bound.getStatus());
    assertEquals(sub, bound.getSubject());
    assertEquals(1, audit("identity.bind", pending.getId()).size());

    // The holder changes the UMIN ID: the subject still reaches the account; the new ID shows.
    String renamed = uminId();
    SignInResult second = signIn(sub, renamed);
    assertEquals(user.userName(), second.userName());
    assertEquals(renamed, identities.findById(pending.getId()).orElseThrow().getDisplayId());
    assertEquals(1, audit("identity.displayId.change", pending.getId()).size());
  }

  @Test
  public void theOldUminIdStringAloneReachesNothingOnceBound() {
    TestAccount user = fixtures.user();
    String id = uminId();
    service.preRegister(admin.userName(), user.id(), UMIN, id);
    signIn(subject(), id);
    // Someone else (another subject) who now holds the same UMIN ID string gets no account.
    SignInResult other = signIn(subject(), id);
    assertFalse(other.succeeded());
    assertEquals("unknown-identity", other.failure());
  }

  @Test
  public void anUnknownIdentityIsRefusedAndAuditedWithTheReason() {
    String id = uminId();
    SignInResult r = signIn(subject(), id);
    assertFalse(r.succeeded());
    assertEquals("unknown-identity", r.failure());
    Integer n =
        jdbc.queryForObject(
            "select count(*) from audit_log where action = 'login.failure' and actor = ? and reason = ?",
            Integer.class, id, "sso:umin:unknown-identity");
    assertEquals(Integer.valueOf(1), n);
  }

  @Test
  public void aMissingSubjectIsRefused() {
    assertEquals("missing-subject", signIn(" ", uminId()).failure());
  }

  @Test
  public void unlinkNeedsAReasonAndEndsSignInAndRelinkRestoresIt() {
    TestAccount user = fixtures.user();
    String id = uminId();
    String sub = subject();
    ExternalIdentity identity = service.preRegister(admin.userName(), user.id(), UMIN, id);
    assertTrue(signIn(sub, id).succeeded());

    AccountException noReason =
        assertThrows(AccountException.class, () -> service.unlink(admin.userName(), identity.getId(), " "));
    assertEquals("identity.unlink.reasonRequired", noReason.messageKey());

    service.unlink(admin.userName(), identity.getId(), "left the study team");
    assertEquals("unknown-identity", signIn(sub, id).failure());
    List<Map<String, Object>> unlinks = audit("identity.unlink", identity.getId());
    assertEquals(1, unlinks.size());
    assertEquals("left the study team", unlinks.get(0).get("reason"));

    service.relink(admin.userName(), identity.getId());
    assertTrue(signIn(sub, id).succeeded());
    assertEquals(1, audit("identity.relink", identity.getId()).size());
  }

  @Test
  public void rejectsBadDisplayIdsAndDuplicates() {
    TestAccount user = fixtures.user();
    for (String bad : new String[] {"", "<script>", "a b", "x'; drop table user_account;--", "𠮷", "a".repeat(256)}) {
      assertThrows(bad, AccountException.class, () -> service.preRegister(admin.userName(), user.id(), UMIN, bad));
    }
    String id = uminId();
    service.preRegister(admin.userName(), user.id(), UMIN, id);
    AccountException dup =
        assertThrows(
            AccountException.class,
            () -> service.preRegister(admin.userName(), fixtures.user().id(), UMIN, id.toUpperCase()));
    assertEquals("identity.displayId.duplicate", dup.messageKey());
    assertEquals(1, identities.findByAccountIdOrderByIdAsc(user.id()).size());
  }

  @Test
  public void onlyAdministratorsPreRegister() {
    TestAccount user = fixtures.user();
    assertThrows(
        PermissionDeniedException.class,
        () -> service.preRegister(user.userName(), user.id(), UMIN, uminId()));
  }

  @Test
  public void lockedAccountsAndAccountsWithoutSsoAreRefused() {
    TestAccount user = fixtures.user();
    String id = uminId();
    String sub = subject();
    service.preRegister(admin.userName(), user.id(), UMIN, id);
    service.changeSignInMethods(admin.userName(), user.id(), true, false);
    assertEquals("sso-not-allowed", signIn(sub, id).failure());
    // Nothing bound by a refused sign-in.
    assertEquals(IdentityStatus.PENDING, identities.findByAccountIdOrderByIdAsc(user.id()).get(0).getStatus());

    service.changeSignInMethods(admin.userName(), user.id(), false, true);
    assertFalse(service.localSignInAllowed(user.userName()));
    assertTrue(signIn(sub, id).succeeded());
    jdbc.update("update user_account set locked = true where id = ?", user.id());
    assertEquals("account-blocked", signIn(sub, id).failure());

    AccountException none =
        assertThrows(
            AccountException.class, () -> service.changeSignInMethods(admin.userName(), user.id(), false, false));
    assertEquals("identity.methods.none", none.messageKey());
  }
}
