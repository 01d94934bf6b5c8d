package jp.ac.umin.libreclinica.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.AccountStatus;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserType;
import jp.ac.umin.libreclinica.testsupport.accountweb.AccountWebTestBase;
import org.junit.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

public class AdminUserPagesTest extends AccountWebTestBase {

  private static final Pattern SECRET = Pattern.compile("<code class=\"secret\">([^<]+)</code>");

  private MockHttpServletRequestBuilder newUser(String userName, UserType type) {
    return post("/admin/users")
        .with(csrf())
        .param("userName", userName)
        .param("firstName", "Hanako")
        .param("lastName", "Sato")
        .param("email", "hanako@example.org")
        .param("institutionalAffiliation", "Univ. Hospital")
        .param("phone", "03-1234-5678")
        .param("userType", type.name());
  }

  @Test
  public void createShowsTheOneTimePasswordOnceAndTheUserMustChangeIt() throws Exception {
    TestAccount admin = fixtures.businessAdmin();
    String name = AccountFixtures.uniqueName("created");
    String page =
        mvc.perform(newUser(name, UserType.USER).with(as(admin)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("It is shown only now.")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    Matcher m = SECRET.matcher(page);
    assertTrue(m.find());
    UserAccount created = accountRepository.findByUserName(name).orElseThrow();
    assertTrue(encoder.matches(org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)), readHash(created.getId())));
    assertTrue(created.isMustChangePassword());
    verify(audit).record(argThat(e -> e.action().equals("account.create")));

    // The account page never shows it again.
    mvc.perform(get("/admin/users/" + created.getId()).with(as(admin)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("class=\"secret\""))));
  }

  private String readHash(long id) {
    return jdbc.queryForObject("select password_hash from user_account where id = ?", String.class, id);
  }

  @Test
  public void listPagesAndFiltersByStatus() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    TestAccount removed = fixtures.user();
    TestAccount locked = fixtures.user();
    mvc.perform(post("/admin/users/" + removed.id() + "/remove").with(as(admin)).with(csrf()).param("reason", "moved away"))
        .andExpect(redirectedUrl("/admin/users/" + removed.id()));
    mvc.perform(post("/admin/users/" + locked.id() + "/lock").with(as(admin)).with(csrf()))
        .andExpect(redirectedUrl("/admin/users/" + locked.id()));
    while (accountRepository.count() <= AdminUserController.PAGE_SIZE) {
      fixtures.user();
    }

    mvc.perform(get("/admin/users").param("status", "REMOVED").with(as(admin)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(removed.userName())))
        .andExpect(content().string(not(containsString(locked.userName()))));
    mvc.perform(get("/admin/users").param("status", "LOCKED").with(as(admin)))
        .andExpect(content().string(containsString(locked.userName())))
        .andExpect(content().string(not(containsString(removed.userName()))));
    mvc.perform(get("/admin/users").param("status", "ACTIVE").param("page", "0").with(as(admin)))
        .andExpect(content().string(not(containsString(removed.userName()))))
        .andExpect(content().string(not(containsString(locked.userName()))));

    mvc.perform(get("/admin/users").with(as(admin)))
        .andExpect(model().attribute("accounts", hasProperty("numberOfElements", is(AdminUserController.PAGE_SIZE))))
        .andExpect(content().string(containsString("page=1")));
    mvc.perform(get("/admin/users").param("page", "1").with(as(admin)))
        .andExpect(status().isOk())
        .andExpect(model().attribute("accounts", hasProperty("number", is(1))));
  }

  @Test
  public void theListSearchFindsKanaAndWidthVariantsOfNamesAndUserNames() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    // a surname no other test uses: the account id's digits as katakana
    StringBuilder kana = new StringBuilder("スズキ");
    for (char d : Long.toString(user.id()).toCharArray()) {
      kana.append("アイウエオカキクケコ".charAt(d - '0'));
    }
    jdbc.update("update user_account set last_name = ?, first_name = ? where id = ?", kana.toString(), "一郎", user.id());
    StringBuilder hiragana = new StringBuilder();
    kana.chars().forEach(c -> hiragana.append((char) (c - 0x60)));
    for (String typed : List.of(kana.toString(), hiragana.toString(), hiragana + " 一郎")) {
      mvc.perform(get("/admin/users").param("q", typed).with(as(admin)))
          .andExpect(status().isOk())
          .andExpect(model().attribute("accounts", hasProperty("totalElements", is(1L))))
          .andExpect(content().string(containsString(user.userName())));
    }
    // the user name in full-width capitals
    StringBuilder fullWidth = new StringBuilder();
    user.userName().toUpperCase().chars()
        .forEach(c -> fullWidth.append((char) (c >= '!' && c <= '~' ? c + 0xFEE0 : c)));
    mvc.perform(get("/admin/users").param("q", fullWidth.toString()).with(as(admin)))
        .andExpect(content().string(containsString(user.userName())));
    // the status filter still applies
    mvc.perform(get("/admin/users").param("q", hiragana.toString()).param("status", "REMOVED").with(as(admin)))
        .andExpect(model().attribute("accounts", hasProperty("totalElements", is(0L))));
  }

  @Test
  public void editLockUnlockRemoveRestoreAndResetThroughThePages() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    TestAccount user = fixtures.user();
    String base = "/admin/users/" + user.id();

    mvc.perform(get(base + "/edit").with(as(admin))).andExpect(status().isOk());
    mvc.perform(
            post(base + "/edit").with(as(admin)).with(csrf())
                .param("version", String.valueOf(reload(user.id()).getVersion()))
                .param("firstName", "Ichiro").param("lastName", "Suzuki")
                .param("email", "ichiro@example.org").param("userType", "BUSINESS_ADMIN"))
        .andExpect(redirectedUrl(base));
    assertEquals("Ichiro", reload(user.id()).getFirstName());
    assertEquals(UserType.BUSINESS_ADMIN, reload(user.id()).getUserType());

    mvc.perform(post(base + "/lock").with(as(admin)).with(csrf())).andExpect(redirectedUrl(base));
    assertTrue(reload(user.id()).isLocked());
    mvc.perform(post(base + "/unlock").with(as(admin)).with(csrf())).andExpect(redirectedUrl(base));
    assertFalse(reload(user.id()).isLocked());

    mvc.perform(get(base + "/remove").with(as(admin)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Nothing is deleted, and the account can be restored.")));
    mvc.perform(post(base + "/remove").with(as(admin)).with(csrf()).param("reason", ""))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Enter the reason for removal.")));
    assertEquals(AccountStatus.AVAILABLE, reload(user.id()).getStatus());
    mvc.perform(post(base + "/remove").with(as(admin)).with(csrf()).param("reason", "left the project"))
        .andExpect(redirectedUrl(base));
    assertEquals(AccountStatus.REMOVED, reload(user.id()).getStatus());
    mvc.perform(get(base).with(as(admin))).andExpect(content().string(containsString("left the project")));

    mvc.perform(post(base + "/restore").with(as(admin)).with(csrf())).andExpect(redirectedUrl(base));
    assertEquals(AccountStatus.AVAILABLE, reload(user.id()).getStatus());

    String hashBefore = readHash(user.id());
    mvc.perform(post(base + "/reset-password").with(as(admin)).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("class=\"secret\"")));
    assertFalse(hashBefore.equals(readHash(user.id())));
    assertTrue(reload(user.id()).isMustChangePassword());

    for (String action : List.of("account.edit", "account.lock", "account.unlock", "account.remove", "account.restore", "account.password.reset")) {
      verify(audit).record(argThat(e -> e.action().equals(action)));
    }
  }

  /** Upstream defect #19 (OC PR #2306): a business admin took over the root account. */
  @Test
  public void oc2306_businessAdminCannotTakeOverTechAdmin() throws Exception {
    TestAccount biz = fixtures.businessAdmin();
    List<Long> techAdmins =
        List.of(
            fixtures.techAdmin().id(),
            fixtures.techAdmin().id(),
            accountRepository.findByUserName("admin").orElseThrow().getId());
    for (long id : techAdmins) {
      UserAccount before = reload(id);
      String hash = readHash(id);
      String base = "/admin/users/" + id;

      // The UI offers nothing ...
      mvc.perform(get(base).with(as(biz)))
          .andExpect(status().isOk())
          .andExpect(content().string(not(containsString(base + "/edit"))))
          .andExpect(content().string(not(containsString(base + "/reset-password"))))
          .andExpect(content().string(not(containsString(base + "/lock"))))
          .andExpect(content().string(not(containsString(base + "/remove"))))
          .andExpect(content().string(containsString("Only a technical administrator may change this account.")));
      mvc.perform(get(base + "/edit").with(as(biz))).andExpect(status().isForbidden());
      mvc.perform(get(base + "/remove").with(as(biz))).andExpect(status().isForbidden());

      // ... and direct POSTs are refused.
      mvc.perform(
              post(base + "/edit").with(as(biz)).with(csrf())
                  .param("version", String.valueOf(before.getVersion()))
                  .param("firstName", "Owned").param("lastName", "Owned")
                  .param("email", "attacker@example.org").param("userType", "TECH_ADMIN"))
          .andExpect(status().isForbidden());
      mvc.perform(post(base + "/reset-password").with(as(biz)).with(csrf()))
          .andExpect(status().isForbidden())
          .andExpect(content().string(not(containsString("class=\"secret\""))));
      mvc.perform(post(base + "/lock").with(as(biz)).with(csrf())).andExpect(status().isForbidden());
      mvc.perform(post(base + "/unlock").with(as(biz)).with(csrf())).andExpect(status().isForbidden());
      mvc.perform(post(base + "/remove").with(as(biz)).with(csrf()).param("reason", "x")).andExpect(status().isForbidden());
      mvc.perform(post(base + "/restore").with(as(biz)).with(csrf())).andExpect(status().isForbidden());

      UserAccount after = reload(id);
      assertEquals(hash, readHash(id));
      assertEquals(before.getVersion(), after.getVersion());
      assertEquals(before.getFirstName(), after.getFirstName());
      assertEquals(before.getEmail(), after.getEmail());
      assertEquals(before.isLocked(), after.isLocked());
      assertEquals(before.getStatus(), after.getStatus());
      assertEquals(before.isMustChangePassword(), after.isMustChangePassword());
    }
    verify(audit, never()).record(any());
  }

  @Test
  public void businessAdminCannotCreateOrPromoteToTechAdmin() throws Exception {
    TestAccount biz = fixtures.businessAdmin();
    TestAccount user = fixtures.user();
    mvc.perform(get("/admin/users/new").with(as(biz)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("value=\"TECH_ADMIN\""))));
    String name = AccountFixtures.uniqueName("root");
    mvc.perform(newUser(name, UserType.TECH_ADMIN).with(as(biz))).andExpect(status().isForbidden());
    assertFalse(accountRepository.findByUserName(name).isPresent());
    mvc.perform(
            post("/admin/users/" + user.id() + "/edit").with(as(biz)).with(csrf())
                .param("version", String.valueOf(reload(user.id()).getVersion()))
                .param("firstName", "Taro").param("lastName", "Test")
                .param("email", "t@example.org").param("userType", "TECH_ADMIN"))
        .andExpect(status().isForbidden());
    assertEquals(UserType.USER, reload(user.id()).getUserType());
  }

  @Test
  public void administratorCannotChangeOwnType() throws Exception {
    TestAccount biz = fixtures.businessAdmin();
    mvc.perform(
            post("/admin/users/" + biz.id() + "/edit").with(as(biz)).with(csrf())
                .param("version", String.valueOf(reload(biz.id()).getVersion()))
                .param("firstName", "Taro").param("lastName", "Test")
                .param("email", "t@example.org").param("userType", "USER"))
        .andExpect(status().isForbidden());
    assertEquals(UserType.BUSINESS_ADMIN, reload(biz.id()).getUserType());
  }

  @Test
  public void unknownAccountIsNotFound() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    mvc.perform(get("/admin/users/" + Long.MAX_VALUE).with(as(admin))).andExpect(status().isNotFound());
  }
}
