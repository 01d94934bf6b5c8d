package jp.ac.umin.libreclinica.web.security;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.CreatedAccount;
import jp.ac.umin.libreclinica.core.account.NewAccount;
import jp.ac.umin.libreclinica.core.account.PersonDetails;
import jp.ac.umin.libreclinica.core.account.UserType;
import jp.ac.umin.libreclinica.testsupport.accountweb.AccountWebTestBase;
import org.junit.Test;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.servlet.http.Cookie;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MvcResult;

public class LoginSecurityTest extends AccountWebTestBase {

  @Autowired private AccountService accounts;

  /** Signs in; returns the session cookie (sessions live in the database, Spring Session JDBC). */
  private Cookie signIn(String userName, String password, String expectedRedirect) throws Exception {
    MvcResult r =
        mvc.perform(formLogin().user(userName).password(password))
            .andExpect(redirectedUrl(expectedRedirect))
            .andReturn();
    return r.getResponse().getCookie("SESSION");
  }

  @Test
  public void signsInAndAuditsTheSuccess() throws Exception {
    TestAccount user = fixtures.user();
    Cookie session = signIn(user.userName().toUpperCase(), user.password(), "/");
    mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
    verify(audit).record(argThat(e -> e.action().equals("login.success") && e.actor().equals(user.userName())));
  }

  @Test
  public void aPasswordSetBeforeWebServicesVerifiersGetsOneAtTheNextSignIn() throws Exception {
    TestAccount user = fixtures.user();
    // as an account migrated from before V9_0: no verifier for SOAP clients
    jdbc.update("UPDATE user_account SET ws_password_verifier = NULL WHERE id = ?", user.id());
    String digest = jp.ac.umin.libreclinica.core.account.WebServicesDigest.of(user.password());
    assertFalse(accounts.webServicesPasswordMatches(user.userName(), digest));
    signIn(user.userName(), "Wrong-Password-1", "/login?error");
    assertNull(jdbc.queryForObject("SELECT ws_password_verifier FROM user_account WHERE id = ?", String.class, user.id()));
    signIn(user.userName(), user.password(), "/");
    assertTrue(accounts.webServicesPasswordMatches(user.userName(), digest));
    assertFalse(accounts.webServicesPasswordMatches(user.userName(),
        jp.ac.umin.libreclinica.core.account.WebServicesDigest.of("Another-Passw0rd")));
    verify(audit).record(argThat(e -> e.action().equals("account.wsVerifier.set") && e.actor().equals(user.userName())));
  }

  @Test
  public void wrongPasswordAndUnknownUserGetTheSameAnswerAndAreAudited() throws Exception {
    TestAccount user = fixtures.user();
    String unknown = "nobody-" + user.userName();
    signIn(user.userName(), "Wrong-Password-1", "/login?error");
    signIn(unknown, "Wrong-Password-1", "/login?error");
    verify(audit).recordIndependently(argThat(e -> e.action().equals("login.failure") && e.actor().equals(user.userName())));
    verify(audit).recordIndependently(argThat(e -> e.action().equals("login.failure") && e.actor().equals(unknown)));
    mvc.perform(get("/login").param("error", ""))
        .andExpect(content().string(containsString("The user name or password is not correct, or the account cannot sign in now.")));
  }

  @Test
  public void locksAfterFiveFailuresAndStaysLockedUntilAnAdministratorUnlocks() throws Exception {
    TestAccount user = fixtures.user();
    TestAccount admin = fixtures.techAdmin();
    for (int i = 0; i < 5; i++) {
      signIn(user.userName(), "Wrong-Password-" + i, "/login?error");
    }
    assertTrue(reload(user.id()).isLocked());
    verify(audit).record(argThat(e -> e.action().equals("login.lockout")));
    // Even the right password does not get in, and the answer is the same as for a wrong one.
    signIn(user.userName(), user.password(), "/login?error");
    verify(audit).recordIndependently(argThat(e -> "locked".equals(e.reason())));

    accounts.unlock(admin.userName(), user.id());
    signIn(user.userName(), user.password(), "/");
  }

  @Test
  public void removedAccountCannotSignIn() throws Exception {
    TestAccount user = fixtures.user();
    TestAccount admin = fixtures.techAdmin();
    accounts.remove(admin.userName(), user.id(), "left");
    signIn(user.userName(), user.password(), "/login?error");
  }

  @Test
  public void firstSignInLeadsOnlyToThePasswordChangeUntilItIsDone() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    String name = "first-" + admin.userName();
    CreatedAccount created =
        accounts.create(
            admin.userName(),
            new NewAccount(name, new PersonDetails("A", "B", "a@example.org", null, null), UserType.USER));
    Cookie session = signIn(name, created.oneTimePassword(), "/account/password");
    mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/account/password"));
    mvc.perform(get("/account/profile").cookie(session)).andExpect(redirectedUrl("/account/password"));
    mvc.perform(get("/account/password").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("You must set a new password")));

    mvc.perform(
            post("/account/password")
                .cookie(session)
                .with(csrf())
                .param("currentPassword", created.oneTimePassword())
                .param("newPassword", "My-Own-Passw0rd")
                .param("confirmPassword", "My-Own-Passw0rd"))
        .andExpect(redirectedUrl("/"));
    mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
    verify(audit).record(argThat(e -> e.action().equals("account.password.change")));
  }

  @Test
  public void expiredPasswordForcesAChange() throws Exception {
    TestAccount user = fixtures.user();
    fixtures.agePassword(user.id(), 200);
    signIn(user.userName(), user.password(), "/account/password");
  }

  @Test
  public void lockingASignedInUserEndsTheSession() throws Exception {
    TestAccount user = fixtures.user();
    TestAccount admin = fixtures.techAdmin();
    Cookie session = signIn(user.userName(), user.password(), "/");
    accounts.lock(admin.userName(), user.id());
    mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/login?error"));
    mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("http://localhost/login"));
  }

  @Test
  public void signOutIsAudited() throws Exception {
    TestAccount user = fixtures.user();
    Cookie session = signIn(user.userName(), user.password(), "/");
    mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    verify(audit).record(argThat(e -> e.action().equals("logout") && e.actor().equals(user.userName())));
  }

  @Test
  public void postsWithoutCsrfTokenAreRefused() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(post("/account/profile").with(as(user)).param("firstName", "X"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/login").param("username", user.userName()).param("password", user.password()))
        .andExpect(status().isForbidden());
    assertEquals("Taro", reload(user.id()).getFirstName());
  }

  @Test
  public void sessionPrincipalSerializesWithoutThePasswordHash() throws Exception {
    TestAccount user = fixtures.user();
    Cookie session = signIn(user.userName(), user.password(), "/");
    // The next request reads the context back from the session table.
    mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
    byte[] stored =
        jdbc.queryForObject(
            "select a.attribute_bytes from spring_session_attributes a"
                + " join spring_session s on s.primary_id = a.session_primary_id"
                + " where s.principal_name = ? and a.attribute_name = ?",
            byte[].class,
            user.userName(),
            HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    SecurityContext back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
      back = (SecurityContext) in.readObject();
    }
    AccountPrincipal p = (AccountPrincipal) back.getAuthentication().getPrincipal();
    assertEquals(user.userName(), p.getUsername());
    assertEquals(user.id(), p.getAccountId());
    assertNull(p.getPassword());
    assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains("{bcrypt}"));
    assertTrue(back.getAuthentication().getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_USER")));
  }

  @Test
  public void ordinaryUsersCannotOpenAdministrationPages() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(get("/admin/users").with(as(user))).andExpect(status().isForbidden());
  }

  @Test
  public void administratorsGetTheirTypeAsAuthority() throws Exception {
    TestAccount biz = fixtures.businessAdmin();
    Cookie session = signIn(biz.userName(), biz.password(), "/");
    mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isOk());
  }
}
