package jp.ac.umin.libreclinica.app;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** With the Japanese bundle in the application, bad account input is answered in Japanese. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class)
@AutoConfigureMockMvc
public class AccountJapaneseMessagesTest {

  @MockitoBean private AuditService audit;
  @Autowired private MockMvc mvc;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;

  @Before
  public void setUp() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
  }

  private RequestPostProcessor as(TestAccount a, String authority) {
    return user(new AccountPrincipal(a.id(), a.userName(), "n/a", authority, false, true));
  }

  @Test
  public void duplicateUserNameAndInvalidEmailAreExplainedInJapanese() throws Exception {
    TestAccount admin = fixtures.techAdmin();
    TestAccount existing = fixtures.user();
    mvc.perform(
            post("/admin/users").with(as(admin, "ROLE_TECH_ADMIN")).with(csrf())
                .header("Accept-Language", "ja")
                .param("userName", existing.userName().toUpperCase(Locale.ROOT))
                .param("firstName", "花子").param("lastName", "山田")
                .param("email", "メール").param("userType", "USER"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("メールアドレスの形式が正しくありません。")));
    mvc.perform(
            post("/admin/users").with(as(admin, "ROLE_TECH_ADMIN")).with(csrf())
                .header("Accept-Language", "ja")
                .param("userName", existing.userName().toUpperCase(Locale.ROOT))
                .param("firstName", "花子").param("lastName", "山田")
                .param("email", "hanako@example.org").param("userType", "USER"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("このユーザー名はすでに使われています")));
    assertEquals(
        1L,
        (long) jdbc.queryForObject(
            "select count(*) from user_account where lower(user_name) = lower(?)", Long.class, existing.userName()));
  }

  @Test
  public void weakPasswordIsExplainedInJapaneseNamingWhatIsMissing() throws Exception {
    TestAccount user = fixtures.user();
    mvc.perform(
            post("/account/password").with(as(user, "ROLE_USER")).with(csrf())
                .header("Accept-Language", "ja")
                .param("currentPassword", user.password())
                .param("newPassword", "weakpass")
                .param("confirmPassword", "weakpass"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("パスワードが短すぎます。12文字以上にしてください。")))
        .andExpect(content().string(containsString("パスワードに英大文字（A-Z）を含めてください。")))
        .andExpect(content().string(containsString("パスワードに数字（0-9）を含めてください。")));
  }
}
