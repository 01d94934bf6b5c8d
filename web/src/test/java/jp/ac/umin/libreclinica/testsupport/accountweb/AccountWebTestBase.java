package jp.ac.umin.libreclinica.testsupport.accountweb;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Page tests through MockMvc with the real (shared embedded) database. The audit trail is a
 * mock here: its storage is built elsewhere; what matters is that it is called.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = AccountWebTestApplication.class,
    properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false"})
@AutoConfigureMockMvc
public abstract class AccountWebTestBase {

  @MockitoBean protected AuditService audit;
  @Autowired protected MockMvc mvc;
  @Autowired protected UserAccountRepository accountRepository;
  @Autowired protected PasswordHistoryRepository historyRepository;
  @Autowired protected PasswordEncoder encoder;
  @Autowired protected JdbcTemplate jdbc;

  protected AccountFixtures fixtures;

  @Before
  public void setUpFixtures() {
    Mockito.reset(audit);
    fixtures = new AccountFixtures(accountRepository, historyRepository, encoder, jdbc);
  }

  /** Signed in as this fixture account, as form login would have it. */
  protected RequestPostProcessor as(TestAccount account) {
    UserAccount a = reload(account.id());
    return user(
        new AccountPrincipal(
            a.getId(), a.getUserName(), "n/a", a.getUserType().authority(), false, true));
  }

  protected UserAccount reload(long id) {
    return accountRepository.findById(id).orElseThrow();
  }
}
