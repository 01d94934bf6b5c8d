package jp.ac.umin.libreclinica.core.mail;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
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
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NewNote;
import jp.ac.umin.libreclinica.core.discrepancy.NoteTarget;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;
import jp.ac.umin.libreclinica.core.discrepancy.NotesFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventException;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Event subscriptions and the mail outbox through a real SMTP server (GreenMail) started inside
 * the test, stopped and started again to play an SMTP outage.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import(EventMailerTest.RealBundles.class)
public class EventMailerTest {

  private static final int PORT = freePort();
  private static GreenMail smtp = start();

  /** The mails' texts from the real bundles, Japanese from i18n-ja's sources. */
  @TestConfiguration
  static class RealBundles {
    @Bean
    MessageSource messageSource() {
      ReloadableResourceBundleMessageSource m = new ReloadableResourceBundleMessageSource();
      String ja = "file:../i18n-ja/src/main/resources/i18n/";
      m.setBasenames(ja + "event", ja + "subject", ja + "notes",
          "classpath:i18n/event", "classpath:i18n/subject", "classpath:i18n/notes");
      m.setDefaultEncoding("UTF-8");
      m.setFallbackToSystemLocale(false);
      return m;
    }
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> PORT);
    registry.add("spring.mail.default-encoding", () -> "UTF-8");
    // retries are made due by the test itself (dueNow), so that no other test's context, which
    // shares the database, picks them up in between
    registry.add("lc.mail.retry-delays", () -> "PT1H");
    registry.add("lc.mail.max-attempts", () -> "3");
    // the scheduled retry is driven by the test (retryDue) rather than by time
    registry.add("lc.mail.outbox.poll", () -> "PT1H");
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
  @Autowired private AccountService accountService;
  @Autowired private EventSubscriptionService subscriptions;
  @Autowired private EventMailer mailer;
  @Autowired private NoteMailer noteMailer;
  @Autowired private MailOutbox outbox;

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
    smtp.stop();
  }

  @Before
  public void aRunningStudyAndARunningSmtpServer() {
    if (!smtp.isRunning()) {
      smtp = start();
    }
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
  }

  private List<MimeMessage> mailsTo(String userName) throws Exception {
    mailer.awaitIdle(Duration.ofSeconds(20));
    noteMailer.awaitIdle(Duration.ofSeconds(20));
    String address = userName + "@example.org";
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> {
          try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
          } catch (Exception e) {
            return false;
          }
        })
        .toList();
  }

  /** Makes the outbox's waiting mails due now and runs the scheduled retry once. */
  private void retryNow() throws InterruptedException {
    jdbc.update("update mail_outbox set next_attempt_at = now() where sent_at is null and given_up_at is null"
        + " and recipient like ?", "%@example.org");
    outbox.retryDue();
    outbox.awaitIdle(Duration.ofSeconds(20));
  }

  private StudyEvent complete(StudyEvent e, String actor) {
    StudyEvent started = events.get(e.getId()).getStatus() == SubjectEventStatus.DATA_ENTRY_STARTED
        ? events.get(e.getId())
        : events.followDataEntry(e.getId(), SubjectEventStatus.DATA_ENTRY_STARTED, actor);
    return events.followDataEntry(started.getId(), SubjectEventStatus.COMPLETED, actor);
  }

  @Test
  public void aSubscriberIsMailedInTheirLanguageWhenTheEventReachesTheStatusAndOnlyAtSitesTheySee() throws Exception {
    accountService.changePreferredLocale(f.r.crcA(), Locale.JAPANESE);
    subscriptions.subscribe(f.r.crcA(), f.r.siteA().getId(), f.r.screening().getId(), SubjectEventStatus.COMPLETED);
    // site B's investigator subscribes to the same definition: site A's subject is none of theirs
    subscriptions.subscribe(f.r.investigatorB(), f.r.siteB().getId(), f.r.screening().getId(), null);

    StudyEvent done = complete(f.eventA, f.r.crcA());
    assertEquals("the user's save went through", SubjectEventStatus.COMPLETED, done.getStatus());

    List<MimeMessage> mails = mailsTo(f.r.crcA());
    assertEquals("one mail: for completed, not for data entry started", 1, mails.size());
    MimeMessage m = mails.get(0);
    assertTrue(m.getSubject(), m.getSubject().contains(f.subjectA.getLabel()) && m.getSubject().contains("「完了」"));
    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertTrue(body, body.contains("Test Taro 様"));
    assertTrue(body, body.contains("ステータス：完了（変更前：入力中）"));
    assertTrue(body, body.contains("施設：東京施設"));
    assertTrue(body, body.contains("https://edc.example.org/lc/subjects/" + f.subjectA.getId()));
    assertEquals(0, mailsTo(f.r.investigatorB()).size());

    // the investigator's own site's event (data entry already started): mailed in English, the default
    complete(f.eventB, f.r.investigatorB());
    List<MimeMessage> toB = mailsTo(f.r.investigatorB());
    assertEquals(1, toB.size());
    assertTrue(toB.get(0).getSubject(), toB.get(0).getSubject().endsWith("is now Completed"));
  }

  @Test
  public void whenSmtpIsDownTheMailWaitsInTheOutboxAndIsDeliveredOnceItIsUp() throws Exception {
    subscriptions.subscribe(f.r.crcA(), f.r.siteA().getId(), f.r.screening().getId(), SubjectEventStatus.COMPLETED);
    smtp.stop();
    StudyEvent done = complete(f.eventA, f.r.crcA());
    assertEquals("the save succeeded although SMTP is down", SubjectEventStatus.COMPLETED, done.getStatus());
    mailer.awaitIdle(Duration.ofSeconds(20));
    Map<String, Object> row = jdbc.queryForMap(
        "select id, attempts, last_error, sent_at, given_up_at from mail_outbox where recipient = ? order by id desc limit 1",
        f.r.crcA() + "@example.org");
    assertEquals(1, ((Number) row.get("attempts")).intValue());
    assertNotNull(row.get("last_error"));
    assertNull(row.get("sent_at"));

    smtp = start();
    retryNow();
    assertEquals(1, mailsTo(f.r.crcA()).size());
    Map<String, Object> after = jdbc.queryForMap(
        "select attempts, sent_at, last_error from mail_outbox where id = ?", row.get("id"));
    assertEquals(2, ((Number) after.get("attempts")).intValue());
    assertNotNull(after.get("sent_at"));
    assertNull(after.get("last_error"));
    retryNow();
    assertEquals("a sent mail is never sent again", 1, mailsTo(f.r.crcA()).size());
  }

  @Test
  public void aNoteAssignmentMailGoesThroughTheOutboxAndIsGivenUpAfterTheLastAttempt() throws Exception {
    smtp.stop();
    notes.raise(f.siteMonitorA, NoteTarget.itemValue(f.crfA.getId(), "HEIGHT", 1),
        new NewNote(NoteType.QUERY, "身長は？", null, f.r.crcA()));
    noteMailer.awaitIdle(Duration.ofSeconds(20));
    long id = jdbc.queryForObject(
        "select id from mail_outbox where recipient = ? and purpose like 'note % assigned' order by id desc limit 1",
        Long.class, f.r.crcA() + "@example.org");
    retryNow();
    retryNow();
    Map<String, Object> row = jdbc.queryForMap(
        "select attempts, sent_at, given_up_at, last_error from mail_outbox where id = ?", id);
    assertEquals(3, ((Number) row.get("attempts")).intValue());
    assertNull(row.get("sent_at"));
    assertNotNull("given up after lc.mail.max-attempts", row.get("given_up_at"));
    assertNotNull(row.get("last_error"));
    smtp = start();
    retryNow();
    assertEquals("given up: not sent when SMTP is back", 0, mailsTo(f.r.crcA()).size());
  }

  @Test
  public void usersManageTheirOwnSubscriptionsAndADataManagerSeesEveryone() {
    EventSubscription s =
        subscriptions.subscribe(f.r.crcA(), f.r.siteA().getId(), f.r.screening().getId(), SubjectEventStatus.COMPLETED);
    assertThrows(EventException.class, () ->
        subscriptions.subscribe(f.r.crcA(), f.r.siteA().getId(), f.r.screening().getId(), SubjectEventStatus.COMPLETED));
    subscriptions.subscribe(f.r.crcA(), f.r.siteA().getId(), f.r.screening().getId(), SubjectEventStatus.STOPPED);
    assertEquals(2, subscriptions.mine(f.r.crcA(), f.r.siteA().getId()).size());
    assertThrows(PermissionDeniedException.class, () -> subscriptions.unsubscribe(f.r.investigatorB(), s.id()));
    assertThrows(PermissionDeniedException.class, () -> subscriptions.everyone(f.r.crcA(), f.r.siteA().getId()));
    assertEquals(2, subscriptions.everyone(f.r.dataManager(), f.r.study().getId()).size());
    subscriptions.unsubscribe(f.r.crcA(), s.id());
    assertEquals(1, subscriptions.mine(f.r.crcA(), f.r.siteA().getId()).size());
    assertEquals("kept as removed, never deleted", "REMOVED",
        jdbc.queryForObject("select status from event_subscription where id = ?", String.class, s.id()));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "select count(*) from audit_log where action = 'event.subscription.remove' and actor = ?",
        Integer.class, f.r.crcA()));
  }
}
