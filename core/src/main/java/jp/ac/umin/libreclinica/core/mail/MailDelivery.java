package jp.ac.umin.libreclinica.core.mail;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends one message, retrying after each delay, and logs every failure. Never throws. */
public final class MailDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

  private MailDelivery() {}

  /** Whether the message was handed to the SMTP server. */
  public static boolean send(JavaMailSender sender, SimpleMailMessage message, List<Duration> retryDelays, String what) {
    int attempts = retryDelays.size() + 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        sender.send(message);
        LOG.info("Mail sent ({}) to {} on attempt {}", what, String.join(",", message.getTo()), attempt);
        return true;
      } catch (RuntimeException e) { // MailException and whatever the transport throws
        if (attempt == attempts) {
          LOG.error("Mail not sent ({}) to {} after {} attempts: {}", what, String.join(",", message.getTo()),
              attempts, e.toString());
          return false;
        }
        Duration delay = retryDelays.get(attempt - 1);
        LOG.warn("Mail ({}) to {} failed on attempt {} ({}); retrying in {} ms", what,
            String.join(",", message.getTo()), attempt, e.toString(), delay.toMillis());
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          LOG.error("Mail ({}) abandoned: interrupted", what);
          return false;
        }
      }
    }
    return false;
  }
}
