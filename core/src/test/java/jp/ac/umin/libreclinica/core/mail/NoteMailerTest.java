package jp.ac.umin.libreclinica.core.mail;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNote;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NewNote;
import jp.ac.umin.libreclinica.core.discrepancy.NoteAnswer;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteTarget;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;
import jp.ac.umin.libreclinica.core.discrepancy.NotesFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Note mails through a real SMTP server (GreenMail) started inside the test. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class NoteMailerTest {

  private static final int PORT = freePort();
  private static final GreenMail SMTP = start();

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> PORT);
    registry.add("spring.messages.basename", () -> "i18n/notes");
    registry.add("lc.mail.retry-delays", () -> "PT0.05S,PT0.05S");
    registry.add("lc.mail.base-url", () -> "https://edc.example.org/lc");
  }

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private DiscrepancyNoteService notes;
  @Autowired private NoteMailer mailer;
  @Autowired private AccountService accountService;
  @Autowired private PlatformTransactionManager transactions;

  private NotesFixture f;

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GreenMail start() {
    GreenMail g = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    return g;
  }

  @AfterClass
  public static void stop() {
    SMTP.stop();
  }

  @Before
  public void aRunningStudy() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
  }

  private List<MimeMessage> mailsTo(String userName) throws Exception {
    mailer.awaitIdle(Duration.ofSeconds(20));
    String address = userName + "@example.org";
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> {
          try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
          } catch (Exception e) {
            return false;
          }
        })
        .toList();
  }

  @Test
  public void theAssigneeIsMailedAfterCommitWithALinkToTheThread() throws Exception {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, NoteTarget.itemValue(f.crfA.getId(), "HEIGHT", 1),
        new NewNote(NoteType.QUERY, "Height 300?", null, f.r.crcA()));
    List<MimeMessage> mails = mailsTo(f.r.crcA());
    assertEquals(1, mails.size());
    MimeMessage m = mails.get(0);
    assertEquals("[" + f.r.study().getName() + "] Discrepancy note " + t.getId() + " assigned to you", m.getSubject());
    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertTrue(body, body.contains("Dear Taro Test,"));
    assertTrue(body, body.contains("Subject: " + f.subjectA.getLabel()));
    assertTrue(body, body.contains("Type: Query"));
    assertTrue(body, body.contains("Description: Height 300?"));
    assertTrue(body, body.contains("https://edc.example.org/lc/notes/" + t.getId()));
    // answering without changing the assignee sends nothing new; a new assignee is mailed
    DiscrepancyNote answered = notes.answer(f.r.crcA(), t.getId(), t.getVersion(),
        new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "It is 170", null, f.r.crcA()));
    assertEquals(1, mailsTo(f.r.crcA()).size());
    notes.answer(f.r.crcA(), t.getId(), answered.getVersion(),
        new NoteAnswer(NoteStatus.UPDATED, "please close", null, f.siteMonitorA));
    assertEquals(1, mailsTo(f.siteMonitorA).size());
  }

  @Test
  public void aRolledBackAssignmentSendsNoMail() throws Exception {
    long before = mailsTo(f.r.crcA()).size();
    new TransactionTemplate(transactions).executeWithoutResult(s -> {
      notes.raise(f.siteMonitorA, NoteTarget.itemValue(f.crfA.getId(), "WEIGHT", 1),
          new NewNote(NoteType.QUERY, "never committed", null, f.r.crcA()));
      s.setRollbackOnly();
    });
    assertEquals(before, mailsTo(f.r.crcA()).size());
  }

  @Test
  public void theRecipientsLanguageIsUsed() throws Exception {
    accountService.changePreferredLocale(f.r.crcA(), Locale.JAPANESE);
    notes.raise(f.siteMonitorA, NoteTarget.itemValue(f.crfA.getId(), "WEIGHT", 1),
        new NewNote(NoteType.QUERY, "体重は？", null, f.r.crcA()));
    MimeMessage m = mailsTo(f.r.crcA()).get(0);
    // core holds only the English bundle; the Japanese one comes with i18n-ja
    // (NoteMailJapaneseTest there); here the family name comes first, as in Japanese
    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertTrue(body, body.contains("Test Taro"));
  }

  @Test
  public void anSmtpServerThatIsDownIsRetriedLoggedAndNeverThrows() {
    JavaMailSenderImpl down = new JavaMailSenderImpl();
    down.setHost("127.0.0.1");
    down.setPort(freePort());
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom("lc@example.org");
    m.setTo("someone@example.org");
    m.setSubject("s");
    m.setText("t");
    assertFalse(MailDelivery.send(down, m, List.of(Duration.ofMillis(50), Duration.ofMillis(50)), "test"));
  }
}
