package jp.ac.umin.libreclinica.core.mail;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The persistent outbox every notification goes through (table {@code mail_outbox}): a mail is
 * stored, then sent at once on the mail thread; when the SMTP server refuses or is down it stays
 * and is tried again by the scheduled retry ({@code lc.mail.outbox.poll}, default every 30 s)
 * after the delays of {@code lc.mail.retry-delays} (the last one repeated), and given up after
 * {@code lc.mail.max-attempts} attempts. Every failure, retry and giving up is logged, with the
 * last error kept on the row. Nothing here throws at the caller: queuing is the only step the
 * caller waits for, and a user's action never waits for SMTP.
 *
 * <p>Each attempt first claims its row (moving its next attempt a lease ahead in one update), so
 * the immediate send and the scheduled retry, or two nodes, never send one mail twice.
 */
@Component
public class MailOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final ObjectProvider<JavaMailSender> sender;
  private final Clock clock;
  private final String from;
  private final List<Duration> retryDelays;
  private final int maxAttempts;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lc-mail-outbox");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();

  public MailOutbox(
      JdbcTemplate jdbc,
      ObjectProvider<JavaMailSender> sender,
      Clock clock,
      @Value("${lc.mail.from:${spring.mail.username:noreply@localhost}}") String from,
      @Value("${lc.mail.retry-delays:PT30S,PT2M,PT10M,PT30M,PT1H}") String retryDelays,
      @Value("${lc.mail.max-attempts:8}") int maxAttempts,
      @Value("${lc.mail.outbox.poll:PT30S}") Duration poll) {
    this.jdbc = jdbc;
    this.sender = sender;
    this.clock = clock;
    this.from = from;
    this.retryDelays = Arrays.stream(retryDelays.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(Duration::parse).toList();
    this.maxAttempts = Math.max(1, maxAttempts);
    executor.scheduleWithFixedDelay(this::retryDue, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The sender address of notifications ({@code lc.mail.from}). */
  public String from() {
    return from;
  }

  /** Whether an SMTP server is configured ({@code spring.mail.host}). */
  public boolean configured() {
    return sender.getIfAvailable() != null;
  }

  /**
   * Stores the mail and starts sending it on the mail thread; returns its outbox id, or -1 when
   * it could not even be stored (logged).
   */
  public long enqueue(SimpleMailMessage message, String purpose) {
    try {
      Instant now = clock.instant();
      Long id = jdbc.queryForObject(
          "insert into mail_outbox (recipient, subject, body, purpose, next_attempt_at, created_at)"
              + " values (?, ?, ?, ?, ?, ?) returning id",
          Long.class, String.join(",", message.getTo()), message.getSubject(), message.getText(),
          purpose.length() > 200 ? purpose.substring(0, 200) : purpose, Timestamp.from(now), Timestamp.from(now));
      executor.execute(() -> attempt(id));
      return id;
    } catch (RuntimeException e) {
      LOG.error("Mail ({}) to {} not queued: {}", purpose, String.join(",", message.getTo()), e.toString(), e);
      return -1;
    }
  }

  /**
   * Tries every mail whose next attempt is due (the scheduled retry; also callable by tests). A
   * node without an SMTP server leaves the outbox to the nodes that have one.
   */
  public void retryDue() {
    if (!configured()) {
      return;
    }
    try {
      List<Long> due = jdbc.queryForList(
          "select id from mail_outbox where sent_at is null and given_up_at is null and next_attempt_at <= ?"
              + " order by next_attempt_at limit 100",
          Long.class, Timestamp.from(clock.instant()));
      due.forEach(this::attempt);
    } catch (RuntimeException e) {
      LOG.error("Mail outbox retry failed: {}", e.toString(), e);
    }
  }

  private void attempt(long id) {
    Instant now = clock.instant();
    int claimed = jdbc.update(
        "update mail_outbox set next_attempt_at = ? where id = ? and sent_at is null and given_up_at is null"
            + " and next_attempt_at <= ?",
        Timestamp.from(now.plus(LEASE)), id, Timestamp.from(now));
    if (claimed == 0) {
      return;
    }
    var row = jdbc.queryForMap("select recipient, subject, body, purpose, attempts from mail_outbox where id = ?", id);
    String to = (String) row.get("recipient");
    String purpose = (String) row.get("purpose");
    int attempt = ((Number) row.get("attempts")).intValue() + 1;
    JavaMailSender smtp = sender.getIfAvailable();
    try {
      if (smtp == null) {
        throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
      }
      SimpleMailMessage m = new SimpleMailMessage();
      m.setFrom(from);
      m.setTo(to.split(","));
      m.setSubject((String) row.get("subject"));
      m.setText((String) row.get("body"));
      smtp.send(m);
      jdbc.update("update mail_outbox set attempts = ?, sent_at = ?, last_error = null where id = ?",
          attempt, Timestamp.from(clock.instant()), id);
      sent.incrementAndGet();
      LOG.info("Mail sent ({}) to {} on attempt {} (outbox {})", purpose, to, attempt, id);
    } catch (RuntimeException e) { // MailException and whatever the transport throws
      failedAttempts.incrementAndGet();
      String error = e.toString();
      error = error.length() > 2000 ? error.substring(0, 2000) : error;
      if (attempt >= maxAttempts) {
        jdbc.update("update mail_outbox set attempts = ?, last_error = ?, given_up_at = ?, next_attempt_at = null where id = ?",
            attempt, error, Timestamp.from(clock.instant()), id);
        givenUp.incrementAndGet();
        LOG.error("Mail ({}) to {} given up after {} attempts (outbox {}): {}", purpose, to, attempt, id, error);
      } else {
        Duration delay = retryDelays.isEmpty() ? Duration.ofMinutes(1)
            : retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1));
        jdbc.update("update mail_outbox set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?",
            attempt, error, Timestamp.from(clock.instant().plus(delay)), id);
        LOG.warn("Mail ({}) to {} failed on attempt {} (outbox {}): {}; next attempt in {} s", purpose, to,
            attempt, id, error, delay.toSeconds());
      }
    }
  }

  /** Mails sent so far by this node. */
  public long sent() {
    return sent.get();
  }

  /** Attempts that failed (each may be retried). */
  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Mails given up after the last attempt. */
  public long givenUp() {
    return givenUp.get();
  }

  /** Waits until every attempt started so far has finished (tests). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    try {
      executor.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
