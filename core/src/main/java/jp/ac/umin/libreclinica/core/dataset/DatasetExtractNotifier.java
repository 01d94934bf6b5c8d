package jp.ac.umin.libreclinica.core.dataset;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.job.JobFinished;
import jp.ac.umin.libreclinica.core.mail.MailDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the user who asked for a dataset extract that it has ended: a notice on the dataset's
 * page, and an e-mail in their language when a mail server is configured ({@code spring.mail.host})
 * and they have an address, sent on its own thread with retries. Neither can fail the job.
 */
@Component
public class DatasetExtractNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetExtractNotifier.class);

  private final DatasetNoticeRepository notices;
  private final DatasetRepository datasets;
  private final UserAccountRepository accounts;
  private final ObjectProvider<JavaMailSender> sender;
  private final MessageSource messages;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String from;
  private final String baseUrl;
  private final List<Duration> retryDelays;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lc-dataset-mail");
    t.setDaemon(true);
    return t;
  });

  public DatasetExtractNotifier(
      DatasetNoticeRepository notices,
      DatasetRepository datasets,
      UserAccountRepository accounts,
      ObjectProvider<JavaMailSender> sender,
      MessageSource messages,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${lc.mail.from:${spring.mail.username:noreply@localhost}}") String from,
      @Value("${lc.mail.base-url:http://localhost:8080}") String baseUrl,
      @Value("${lc.mail.retry-delays:PT5S,PT30S,PT2M}") String retryDelays) {
    this.notices = notices;
    this.datasets = datasets;
    this.accounts = accounts;
    this.sender = sender;
    this.messages = messages;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.from = from;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.retryDelays = Arrays.stream(retryDelays.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(Duration::parse).toList();
  }

  @EventListener
  public void onJobFinished(JobFinished e) {
    if (!DatasetExtractWork.KIND.equals(e.kind())) {
      return;
    }
    long datasetId = DatasetService.datasetOf(e.parameters());
    Dataset d = tx.execute(s -> {
      notices.save(new DatasetNotice(datasetId, e.jobId(), e.requestedBy(), e.status(), clock.instant()));
      return datasets.findById(datasetId).orElse(null);
    });
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null || d == null) {
      LOG.debug("dataset extract {} ended; no mail server configured, notice only", e.jobId());
      return;
    }
    UserAccount account = accounts.findByUserName(e.requestedBy()).orElse(null);
    if (account == null || account.getEmail() == null || account.getEmail().isBlank()) {
      LOG.info("dataset extract {} ended; {} has no e-mail address, notice only", e.jobId(), e.requestedBy());
      return;
    }
    Locale locale = Locale.forLanguageTag(e.language());
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom(from);
    m.setTo(account.getEmail());
    String status = messages.getMessage("job.status." + e.status().name(), null, e.status().name(), locale);
    m.setSubject(messages.getMessage("dataset.mail.subject", new Object[] {d.getName(), status}, "dataset.mail.subject", locale));
    m.setText(messages.getMessage("dataset.mail.body", new Object[] {d.getName(), status,
        baseUrl + "/studies/" + e.studyId() + "/datasets/" + datasetId}, "dataset.mail.body", locale));
    executor.submit(() -> MailDelivery.send(mail, m, retryDelays, "dataset extract " + e.jobId()));
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
