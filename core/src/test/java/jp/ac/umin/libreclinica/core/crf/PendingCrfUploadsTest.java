package jp.ac.umin.libreclinica.core.crf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
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

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class PendingCrfUploadsTest {

  @Autowired PendingCrfUploads pending;
  @Autowired UserAccountRepository accountRepository;
  @Autowired PasswordHistoryRepository passwordHistory;
  @Autowired PasswordEncoder encoder;
  @Autowired JdbcTemplate jdbc;
  private AccountFixtures accounts;
  private String dm;

  @Before
  public void aCrfDesigner() {
    accounts = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
    dm = accounts.businessAdmin().userName();
  }

  @Test
  public void aHeldUploadIsGivenBackOnlyToItsUserInItsSession() {
    byte[] bytes = {1, 2, 3};
    String token = pending.hold(dm, "session-1", "C:\\Users\\dm\\crf.xls", bytes);
    HeldCrfUpload held = pending.find(token, dm, "session-1").orElseThrow();
    assertArrayEquals(bytes, held.content());
    assertEquals("crf.xls", held.fileName());
    assertFalse(pending.find(token, dm, "session-2").isPresent());
    String other = accounts.businessAdmin().userName();
    assertFalse(pending.find(token, other, "session-1").isPresent());
    assertFalse(pending.find("../../etc/passwd", dm, "session-1").isPresent());
    pending.discard(token, other, "session-1");
    assertTrue("another user cannot discard it", pending.find(token, dm, "session-1").isPresent());
    pending.discard(token, dm, "session-1");
    assertFalse(pending.find(token, dm, "session-1").isPresent());
  }

  @Test
  public void aUserHoldsOnlyAFewUploads() {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < PendingCrfUploads.MAX_PER_USER + 2; i++) {
      tokens.add(pending.hold(dm, "s", "f" + i + ".xls", new byte[] {(byte) i}));
    }
    long kept = tokens.stream().filter(t -> pending.find(t, dm, "s").isPresent()).count();
    assertEquals(PendingCrfUploads.MAX_PER_USER, kept);
    assertTrue("the newest is kept", pending.find(tokens.get(tokens.size() - 1), dm, "s").isPresent());
  }

  @Test
  public void onlyCrfDesignersMayHoldUploads() {
    String plain = accounts.user().userName();
    assertThatThrownBy(() -> pending.hold(plain, "s", "f.xls", new byte[] {1}))
        .isInstanceOf(PermissionDeniedException.class);
  }
}
