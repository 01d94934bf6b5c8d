package jp.ac.umin.libreclinica.core.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.account.UserType;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;

/** Just-in-time accounts for unknown but verified identities, against the embedded PostgreSQL. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class JustInTimeAccountTest {

  private static final String UMIN = "umin";
  private static final JustInTime ON = new JustInTime(true, Set.of("admin", "root-jit-reserved"));

  @Autowired private IdentityService service;
  @Autowired private ExternalIdentityRepository identities;
  @Autowired private UserAccountRepository accounts;
  @Autowired private JdbcTemplate jdbc;

  private static String uminId() {
    return "jit-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String subject() {
    return "https://idp.umin.ac.jp/idp/shibboleth!https://sp/!" + UUID.randomUUID();
  }

  private static ExternalSignIn in(String subject, String displayId, String email, String given, String family) {
    return new ExternalSignIn(UMIN, subject, displayId, email, "Yamada Taro", given, family, "192.0.2.7");
  }

  private int count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Integer.class, args);
  }

  @Test
  public void offByDefaultAnUnknownIdentityCreatesNothing() {
    String id = uminId();
    int before = count("select count(*) from user_account");
    SignInResult r = service.signIn(in(subject(), id, "t@example.org", "Taro", "Yamada"));
    assertEquals("unknown-identity", r.failure());
    assertEquals(before, count("select count(*) from user_account"));
    assertEquals(0, count("select count(*) from external_identity where display_id = ?", id));
  }

  @Test
  public void onAnUnknownIdentityGetsAnSsoOnlyAccountWithoutRolesLinkedToTheSubject() {
    String id = uminId();
    String sub = subject();
    SignInResult r = service.signIn(in(sub, id + "@umin.ac.jp", "taro@example.org", "Taro", "Yamada"), ON);
    assertTrue(r.failure(), r.succeeded());
    assertEquals(id, r.userName());
    UserAccount account = accounts.findByUserName(id).orElseThrow();
    assertEquals(UserType.USER, account.getUserType());
    assertEquals("Taro", account.getFirstName());
    assertEquals("Yamada", account.getLastName());
    assertEquals("taro@example.org", account.getEmail());
    assertEquals(0, count("select count(*) from study_user_role where account_id = ?", account.getId()));
    assertFalse(service.localSignInAllowed(id));
    assertTrue(service.signInMethods(account.getId()).isSsoAllowed());

    ExternalIdentity link = identities.findByAccountIdOrderByIdAsc(account.getId()).get(0);
    assertEquals(IdentityStatus.LINKED, link.getStatus());
    assertEquals(sub, link.getSubject());
    assertEquals(1, count("select count(*) from audit_log where action = 'account.create' and entity_id = ?"
        + " and actor = 'system' and reason = 'jit:sso:umin'", String.valueOf(account.getId())));
    assertEquals(1, count("select count(*) from audit_log where action = 'identity.jit' and entity_id = ?",
        String.valueOf(link.getId())));

    // Next time the subject finds the same account; no second one.
    assertEquals(id, service.signIn(in(sub, id, "taro@example.org", "Taro", "Yamada"), ON).userName());
    assertEquals(1, count("select count(*) from user_account where lower(user_name) like ?", id + "%"));
  }

  @Test
  public void theSameUminIdStringWithAnotherSubjectGetsAnotherAccountNotTheFirst() {
    String id = uminId();
    String first = service.signIn(in(subject(), id, "a@example.org", "A", "Holder"), ON).userName();
    String second = service.signIn(in(subject(), id, "b@example.org", "B", "Holder"), ON).userName();
    assertEquals(id, first);
    assertEquals(id + "-2", second);
    assertNotEquals(
        accounts.findByUserName(first).orElseThrow().getId(), accounts.findByUserName(second).orElseThrow().getId());
  }

  @Test
  public void userNamesAreDerivedSafelyAndNeverAReservedName() {
    assertEquals("taro.y-1", IdentityService.userNameBase("-Taro.Y-1@umin.ac.jp", null));
    assertEquals("abc", IdentityService.userNameBase("ＡＢＣ", null));
    assertEquals("hanako", IdentityService.userNameBase(null, "hanako@example.org"));
    assertEquals("sso-user", IdentityService.userNameBase("山田", null));
    assertEquals("x1", IdentityService.userNameBase("<x1>'; drop", null).substring(0, 2));

    SignInResult r = service.signIn(in(subject(), "root-jit-reserved", "r@example.org", "R", "Oot"), ON);
    assertEquals("root-jit-reserved-2", r.userName());
  }

  @Test
  public void missingOrInvalidAttributesCreateNothingAndAreAudited() {
    int before = count("select count(*) from user_account");
    for (List<String> attrs :
        List.of(
            List.of("", "Taro", "Yamada"),
            List.of("t@example.org", "", "Yamada"),
            List.of("t@example.org", "Taro", " "))) {
      String id = uminId();
      SignInResult r = service.signIn(in(subject(), id, attrs.get(0), attrs.get(1), attrs.get(2)), ON);
      assertEquals("jit-missing-attributes", r.failure());
      assertEquals(1, count("select count(*) from audit_log where action = 'login.failure' and actor = ?"
          + " and reason = 'sso:umin:jit-missing-attributes'", id));
    }
    String id = uminId();
    assertEquals("jit-invalid-attributes",
        service.signIn(in(subject(), id, "not an address", "Taro", "Yamada"), ON).failure());
    assertEquals(before, count("select count(*) from user_account"));
    assertEquals(0, count("select count(*) from external_identity where display_id like 'jit-%' and status = 'LINKED'"
        + " and account_id not in (select id from user_account)"));
    List<Map<String, Object>> none = jdbc.queryForList("select * from user_account where user_name = ?", id);
    assertTrue(none.isEmpty());
  }
}
