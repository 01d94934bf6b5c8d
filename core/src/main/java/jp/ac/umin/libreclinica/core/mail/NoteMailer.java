package jp.ac.umin.libreclinica.core.mail;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNote;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteRepository;
import jp.ac.umin.libreclinica.core.discrepancy.NoteAssigned;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails the assignee of a note thread, in their language (the account's preferred language, else
 * {@code lc.mail.default-language}), once the assigning transaction has committed, on its own
 * background thread, through the persistent {@link MailOutbox} (which retries). The user's action
 * never waits for or fails because of the mail. Without a configured SMTP server ({@code spring.mail.host})
 * the mail is skipped with a log line; an assignee without an address likewise.
 */
@Component
public class NoteMailer {

  private static final Logger LOG = LoggerFactory.getLogger(NoteMailer.class);

  private final ObjectProvider<JavaMailSender> sender;
  private final DiscrepancyNoteRepository notes;
  private final UserAccountRepository accounts;
  private final StudyService studies;
  private final SubjectService subjects;
  private final MessageSource messages;
  private final TransactionTemplate readOnly;
  private final MailOutbox outbox;
  private final String baseUrl;
  private final Locale defaultLocale;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lc-mail");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  public NoteMailer(
      ObjectProvider<JavaMailSender> sender,
      DiscrepancyNoteRepository notes,
      UserAccountRepository accounts,
      StudyService studies,
      SubjectService subjects,
      MessageSource messages,
      PlatformTransactionManager transactions,
      MailOutbox outbox,
      @Value("${lc.mail.base-url:http://localhost:8080}") String baseUrl,
      @Value("${lc.mail.default-language:en}") String defaultLanguage) {
    this.sender = sender;
    this.notes = notes;
    this.accounts = accounts;
    this.studies = studies;
    this.subjects = subjects;
    this.messages = messages;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.outbox = outbox;
    this.baseUrl = baseUrl;
    this.defaultLocale = Locale.forLanguageTag(defaultLanguage);
  }

  /** After the assignment committed: queue the mail; nothing here can fail the user's action. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onAssigned(NoteAssigned assigned) {
    try {
      executor.execute(() -> deliver(assigned));
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      LOG.error("Mail for note {} not queued: {}", assigned.threadId(), e.toString());
    }
  }

  void deliver(NoteAssigned assigned) {
    try {
      JavaMailSender smtp = sender.getIfAvailable();
      if (smtp == null) {
        skipped.incrementAndGet();
        LOG.info("Mail for note {} to {} skipped: no SMTP server configured (spring.mail.host)",
            assigned.threadId(), assigned.assignedTo());
        return;
      }
      Optional<NoteMailFacts> facts = readOnly.execute(s -> facts(assigned));
      if (facts == null || facts.isEmpty()) {
        skipped.incrementAndGet();
        LOG.info("Mail for note {} to {} skipped: the account has no e-mail address",
            assigned.threadId(), assigned.assignedTo());
        return;
      }
      SimpleMailMessage message = NoteMail.compose(messages, facts.get(), outbox.from(), baseUrl);
      if (outbox.enqueue(message, "note " + assigned.threadId() + " assigned") > 0) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      LOG.error("Mail for note {} not sent: {}", assigned.threadId(), e.toString(), e);
    }
  }

  private Optional<NoteMailFacts> facts(NoteAssigned assigned) {
    DiscrepancyNote thread = notes.findById(assigned.threadId()).orElseThrow();
    UserAccount to = accounts.findByUserName(assigned.assignedTo()).orElse(null);
    if (to == null || to.getEmail() == null || to.getEmail().isBlank()) {
      return Optional.empty();
    }
    Locale locale = to.getPreferredLocale() == null || to.getPreferredLocale().isBlank()
        ? defaultLocale
        : Locale.forLanguageTag(to.getPreferredLocale());
    return Optional.of(new NoteMailFacts(
        to.getEmail(),
        // family name first in Japanese
        ("ja".equals(locale.getLanguage()) ? to.getLastName() + " " + to.getFirstName()
            : to.getFirstName() + " " + to.getLastName()).strip(),
        locale,
        assigned.assignedBy(),
        studies.get(thread.getStudyId()).getName(),
        subjects.get(thread.getStudySubjectId()).getLabel(),
        thread.getType().messageKey(),
        thread.getStatus().messageKey(),
        thread.getDescription(),
        thread.getId()));
  }

  /** Mails handed to the outbox so far (for tests and monitoring). */
  public long sent() {
    return sent.get();
  }

  /** Mails that could not be composed or queued. */
  public long failed() {
    return failed.get();
  }

  /** Mails skipped: no SMTP server configured, or no address. */
  public long skipped() {
    return skipped.get();
  }

  /** Waits until every queued mail has been dealt with, its first attempt included (tests). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    try {
      executor.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return outbox.awaitIdle(timeout);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
  }
}
