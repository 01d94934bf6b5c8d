package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.testsupport.account.CoreAccountTestApplication;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Core integration tests on the shared embedded PostgreSQL. The audit trail is a mock that
 * insists on being called inside a transaction, as the real {@code record} does.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = CoreAccountTestApplication.class,
    properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false"})
public abstract class AccountIntegrationTestBase {

  @MockitoBean protected AuditService audit;
  @Autowired protected UserAccountRepository accountRepository;
  @Autowired protected PasswordHistoryRepository historyRepository;
  @Autowired protected PasswordEncoder encoder;
  @Autowired protected JdbcTemplate jdbc;

  protected AccountFixtures fixtures;

  @Before
  public void setUpAuditAndFixtures() {
    reset(audit);
    doAnswer(
            inv -> {
              assertTrue(
                  "audit.record outside a transaction",
                  TransactionSynchronizationManager.isActualTransactionActive());
              return null;
            })
        .when(audit)
        .record(any());
    fixtures = new AccountFixtures(accountRepository, historyRepository, encoder, jdbc);
  }

  protected UserAccount reload(long id) {
    return accountRepository.findById(id).orElseThrow();
  }
}
