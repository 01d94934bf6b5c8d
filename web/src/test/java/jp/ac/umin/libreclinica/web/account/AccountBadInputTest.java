package jp.ac.umin.libreclinica.web.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.testsupport.accountweb.AccountWebTestBase;
import org.junit.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Hostile and wrong input on the account pages: a field message, nothing stored, escaped. */
public class AccountBadInputTest extends AccountWebTestBase {

  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
  private static final String SQL = "x'); DROP TABLE user_account;--";

  private MockHttpServletRequestBuilder create(TestAccount admin, String userName, String first, String last, String email) {
    return post("/admin/users").with(as(admin)).with(csrf())
        .param("userName", userName).param("firstName", first).param("lastName", last)
        .param("email", email).param("userType", "USER");
  }

  private long countNamed(String userName) {
    return jdbc.queryForObject("select count(*) from user_account where lower(user_name) = lower(?)", Long.class, userName);
  }

  @Test
  public void rejectsDuplicateUserNameAlsoWhenOnlyTheCaseDiffers() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    TestAccount existing = fixtures.user();
    mvc.perform(create(admin, existing.userName().toUpperCase(Locale.ROOT), "A", "B", "a@example.org"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("This user name is already taken")));
    assertEquals(1, countNamed(existing.userName()));
    verify(audit, never()).record(any());
  }

  @Test
  public void rejectsInvalidEmailWithAFieldMessage() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("mail");
    mvc.perform(create(admin, name, "A", "B", "not an address"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("This is not a valid e-mail address.")));
    assertEquals(0, countNamed(name));
  }

  @Test
  public void rejectsOverlongFieldsStoringNothing() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("long");
    mvc.perform(create(admin, name, "x".repeat(51), "y".repeat(51), "a@example.org").param("phone", "1".repeat(65)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The first name is too long: at most 50 characters.")))
        .andExpect(content().string(containsString("The last name is too long: at most 50 characters.")))
        .andExpect(content().string(containsString("The phone number is too long: at most 64 characters.")));
    mvc.perform(create(admin, "u" + "x".repeat(64), "A", "B", "a@example.org"))
        .andExpect(content().string(containsString("The user name is too long")));
    assertEquals(0, countNamed(name));
  }

  @Test
  public void rejectsHostileUserNamesAndEscapesThemOnTheForm() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    mvc.perform(create(admin, SCRIPT, "A", "B", "a@example.org"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The user name may contain only")))
        .andExpect(content().string(containsString(ESCAPED)))
        .andExpect(content().string(not(containsString(SCRIPT))));
    mvc.perform(create(admin, SQL, "A", "B", "a@example.org"))
        .andExpect(content().string(containsString("The user name may contain only")));
    assertEquals(0, countNamed(SCRIPT));
  }

  @Test
  public void storesScriptSqlAndNonBmpNamesIntactAndShowsThemEscaped() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    String name = AccountFixtures.uniqueName("hostile");
    mvc.perform(create(admin, name, SCRIPT, "𠮷野" + SQL, "h@example.org")).andExpect(status().isOk());
    UserAccount stored = accountRepository.findByUserName(name).orElseThrow();
    assertEquals(SCRIPT, stored.getFirstName());
    assertEquals("𠮷野" + SQL, stored.getLastName());
    assertTrue(jdbc.queryForObject("select count(*) from user_account", Long.class) > 0);

    for (String page : new String[] {"/admin/users/" + stored.getId(), "/admin/users/" + stored.getId() + "/edit", "/admin/users?status=ALL&page=0"}) {
      String html = mvc.perform(get(page).with(as(admin))).andReturn().getResponse().getContentAsString();
      if (html.contains(name)) {
        assertTrue(page, html.contains(ESCAPED));
        assertFalse(page, html.contains(SCRIPT));
        assertTrue(page, html.contains("𠮷野"));
      }
    }
    String view = mvc.perform(get("/admin/users/" + stored.getId()).with(as(admin))).andReturn().getResponse().getContentAsString();
    assertTrue(view.contains(ESCAPED));
    assertTrue(view.contains("𠮷野x&#39;); DROP TABLE user_account;--"));
  }

  @Test
  public void weakPasswordIsRefusedNamingWhatIsMissing() throws Exception {
    TestAccount user = fixtures.user();
    String hash = jdbc.queryForObject("select password_hash from user_account where id = ?", String.class, user.id());
    mvc.perform(
            post("/account/password").with(as(user)).with(csrf())
                .param("currentPassword", user.password())
                .param("newPassword", "weakpass")
                .param("confirmPassword", "weakpass"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The password is too short: it needs at least 12 characters.")))
        .andExpect(content().string(containsString("The password needs an upper-case letter (A-Z).")))
        .andExpect(content().string(containsString("The password needs a digit (0-9).")))
        .andExpect(content().string(not(containsString("weakpass"))));
    assertEquals(hash, jdbc.queryForObject("select password_hash from user_account where id = ?", String.class, user.id()));
  }

  @Test
  public void wrongCurrentPasswordAndMismatchAreFieldMessages() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(
            post("/account/password").with(as(user)).with(csrf())
                .param("currentPassword", "Not-The-Current-1")
                .param("newPassword", "Good-New-Passw0rd")
                .param("confirmPassword", "Good-New-Passw0rd"))
        .andExpect(content().string(containsString("The current password is not correct.")));
    mvc.perform(
            post("/account/password").with(as(user)).with(csrf())
                .param("currentPassword", user.password())
                .param("newPassword", "Good-New-Passw0rd")
                .param("confirmPassword", "Good-New-Passw0rX"))
        .andExpect(content().string(containsString("The two new passwords are not the same.")));
    verify(audit, never()).record(any());
  }

  @Test
  public void profileKeepsNonBmpCharactersAndLanguage() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(
            post("/account/profile").with(as(user)).with(csrf())
                .param("version", String.valueOf(reload(user.id()).getVersion()))
                .param("firstName", "𠮷男").param("lastName", "𠮷田")
                .param("email", "kichi@example.org").param("language", "ja"))
        .andExpect(redirectedUrl("/account/profile"));
    UserAccount after = reload(user.id());
    assertEquals("𠮷男", after.getFirstName());
    assertEquals("𠮷田", after.getLastName());
    assertEquals("ja", after.getPreferredLocale());
    mvc.perform(get("/account/profile").with(as(user)))
        .andExpect(content().string(containsString("𠮷田")));
  }

  @Test
  public void profileCannotRaiseTheOwnUserType() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(
            post("/account/profile").with(as(user)).with(csrf())
                .param("version", String.valueOf(reload(user.id()).getVersion()))
                .param("firstName", "Taro").param("lastName", "Test")
                .param("email", "t@example.org").param("userType", "TECH_ADMIN"))
        .andExpect(redirectedUrl("/account/profile"));
    assertEquals("USER", reload(user.id()).getUserType().name());
  }

  @Test
  public void profileRejectsUnknownLanguageAndOverlongNames() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(
            post("/account/profile").with(as(user)).with(csrf())
                .param("version", String.valueOf(reload(user.id()).getVersion()))
                .param("firstName", "𠮷".repeat(26)).param("lastName", "Test")
                .param("email", "t@example.org").param("language", "xx"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Choose one of the languages offered.")));
    assertEquals("Taro", reload(user.id()).getFirstName());
  }
}
