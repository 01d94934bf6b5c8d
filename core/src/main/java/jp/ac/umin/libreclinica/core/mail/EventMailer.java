package jp.ac.umin.libreclinica.core.mail;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventStatusChanged;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails the subscribers of an event definition ({@link EventSubscriptionService}) when a
 * subject's event reaches a status, each in their own language (else {@code
 * lc.mail.default-language}), after the changing transaction committed, on a background thread,
 * through the {@link MailOutbox}. The change itself never waits for or fails because of a mail.
 */
@Component
public class EventMailer {

  private static final Logger LOG = LoggerFactory.getLogger(EventMailer.class);

  private final EventSubscriptionService subscriptions;
  private final StudyEventService events;
  private final EventDefinitionService definitions;
  private final SubjectService subjects;
  private final StudyService studies;
  private final UserAccountRepository accounts;
  private final MessageSource messages;
  private final MailOutbox outbox;
  private final TransactionTemplate readOnly;
  private final String baseUrl;
  private final Locale defaultLocale;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lc-event-mail");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong queued = new AtomicLong();

  public EventMailer(
      EventSubscriptionService subscriptions,
      StudyEventService events,
      EventDefinitionService definitions,
      SubjectService subjects,
      StudyService studies,
      UserAccountRepository accounts,
      MessageSource messages,
      MailOutbox outbox,
      PlatformTransactionManager transactions,
      @Value("${lc.mail.base-url:http://localhost:8080}") String baseUrl,
      @Value("${lc.mail.default-language:en}") String defaultLanguage) {
    this.subscriptions = subscriptions;
    this.events = events;
    this.definitions = definitions;
    this.subjects = subjects;
    this.studies = studies;
    this.accounts = accounts;
    this.messages = messages;
    this.outbox = outbox;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.defaultLocale = Locale.forLanguageTag(defaultLanguage);
  }

  /** After the change committed: compose and queue on the mail thread; nothing here can fail it. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onStatusChanged(EventStatusChanged changed) {
    try {
      executor.execute(() -> deliver(changed));
    } catch (RuntimeException e) {
      LOG.error("Event mails for event {} not queued: {}", changed.studyEventId(), e.toString());
    }
  }

  void deliver(EventStatusChanged changed) {
    try {
      if (!outbox.configured()) {
        LOG.debug("Event mails for event {} skipped: no SMTP server configured", changed.studyEventId());
        return;
      }
      List<SimpleMailMessage> mails = readOnly.execute(s -> compose(changed));
      for (SimpleMailMessage m : mails == null ? List.<SimpleMailMessage>of() : mails) {
        if (outbox.enqueue(m, "event " + changed.studyEventId() + " " + changed.to().code()) > 0) {
          queued.incrementAndGet();
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Event mails for event {} not sent: {}", changed.studyEventId(), e.toString(), e);
    }
  }

  private List<SimpleMailMessage> compose(EventStatusChanged c) {
    StudySubject subject = subjects.get(c.studySubjectId());
    List<String> to = subscriptions.subscribersFor(c.eventDefinitionId(), c.to(), subject.getStudyId());
    if (to.isEmpty()) {
      return List.of();
    }
    StudyEvent event = events.get(c.studyEventId());
    StudyEventDefinition d = definitions.get(c.eventDefinitionId());
    Study study = studies.get(subject.getParentStudyId());
    Study site = studies.get(subject.getStudyId());
    List<SimpleMailMessage> mails = new ArrayList<>();
    for (String userName : to) {
      UserAccount a = accounts.findByUserName(userName).orElse(null);
      if (a == null || a.getEmail() == null || a.getEmail().isBlank()) {
        LOG.info("Event mail for event {} to {} skipped: no e-mail address", c.studyEventId(), userName);
        continue;
      }
      Locale l = a.getPreferredLocale() == null || a.getPreferredLocale().isBlank()
          ? defaultLocale : Locale.forLanguageTag(a.getPreferredLocale());
      String name = ("ja".equals(l.getLanguage()) ? a.getLastName() + " " + a.getFirstName()
          : a.getFirstName() + " " + a.getLastName()).strip();
      String eventName = d.getName() + (event.getOrdinal() > 1 ? " #" + event.getOrdinal() : "");
      String status = messages.getMessage(c.to().messageKey(), null, c.to().code(), l);
      String before = messages.getMessage(c.from().messageKey(), null, c.from().code(), l);
      SimpleMailMessage m = new SimpleMailMessage();
      m.setFrom(outbox.from());
      m.setTo(a.getEmail());
      m.setSubject(messages.getMessage("event.mail.subject",
          new Object[] {study.getName(), subject.getLabel(), eventName, status}, l));
      m.setText(messages.getMessage("event.mail.body",
          new Object[] {name, study.getName(), site.getName(), subject.getLabel(), eventName, status, before,
              c.actor(), baseUrl + "/subjects/" + subject.getId(), baseUrl + "/studies/" + study.getId() + "/event-mails"},
          l));
      mails.add(m);
    }
    return mails;
  }

  /** Mails handed to the outbox so far. */
  public long queued() {
    return queued.get();
  }

  /** Waits until every change seen so far has been composed and first tried (tests). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    try {
      executor.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return outbox.awaitIdle(timeout);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
  }
}
