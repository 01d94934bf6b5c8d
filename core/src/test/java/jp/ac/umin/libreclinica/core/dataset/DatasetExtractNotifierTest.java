package jp.ac.umin.libreclinica.core.dataset;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.job.JobFinished;
import jp.ac.umin.libreclinica.core.job.JobStatus;
import org.junit.Before;
import org.junit.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/** The requester of an extract gets a notice, and a mail when a server is configured; nothing fails the job. */
public class DatasetExtractNotifierTest {

  private final DatasetNoticeRepository notices = mock(DatasetNoticeRepository.class);
  private final DatasetRepository datasets = mock(DatasetRepository.class);
  private final UserAccountRepository accounts = mock(UserAccountRepository.class);
  private final JavaMailSender sender = mock(JavaMailSender.class);
  @SuppressWarnings("unchecked")
  private final ObjectProvider<JavaMailSender> provider = mock(ObjectProvider.class);
  private final StaticMessageSource messages = new StaticMessageSource();
  private DatasetExtractNotifier notifier;

  @Before
  public void setUp() {
    messages.addMessage("dataset.mail.subject", Locale.JAPANESE, "データセットの抽出「{0}」：{1}");
    messages.addMessage("dataset.mail.body", Locale.JAPANESE, "{0} {1} {2}");
    messages.addMessage("job.status.DONE", Locale.JAPANESE, "完了");
    Dataset d = new Dataset(7L, DatasetInput.named("週次データ"), "dm", Instant.EPOCH);
    when(datasets.findById(5L)).thenReturn(Optional.of(d));
    UserAccount account = mock(UserAccount.class);
    when(account.getEmail()).thenReturn("dm@example.jp");
    when(accounts.findByUserName("dm")).thenReturn(Optional.of(account));
    notifier = new DatasetExtractNotifier(notices, datasets, accounts, provider, messages,
        mock(PlatformTransactionManager.class), Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC),
        "lc@example.jp", "https://edc.example.jp/", "PT0S");
  }

  private static JobFinished done(String kind) {
    return new JobFinished(42, kind, 7, "dataset=5;format=TAB", "dm", "ja", JobStatus.DONE);
  }

  @Test
  public void theRequesterGetsANoticeAndAMailInTheirLanguage() {
    when(provider.getIfAvailable()).thenReturn(sender);
    notifier.onJobFinished(done(DatasetExtractWork.KIND));
    ArgumentCaptor<DatasetNotice> notice = ArgumentCaptor.forClass(DatasetNotice.class);
    verify(notices).save(notice.capture());
    assertEquals("dm", notice.getValue().getUserName());
    assertEquals(42, notice.getValue().getJobId());
    assertEquals(JobStatus.DONE, notice.getValue().getJobStatus());
    ArgumentCaptor<SimpleMailMessage> mail = ArgumentCaptor.forClass(SimpleMailMessage.class);
    verify(sender, timeout(5_000)).send(mail.capture());
    assertEquals("データセットの抽出「週次データ」：完了", mail.getValue().getSubject());
    assertEquals("dm@example.jp", mail.getValue().getTo()[0]);
    assertTrue(mail.getValue().getText(), mail.getValue().getText().contains("https://edc.example.jp/studies/7/datasets/5"));
  }

  @Test
  public void withoutAMailServerOnlyTheNoticeIsStored() {
    when(provider.getIfAvailable()).thenReturn(null);
    notifier.onJobFinished(done(DatasetExtractWork.KIND));
    verify(notices).save(any(DatasetNotice.class));
    verifyNoInteractions(sender);
  }

  @Test
  public void aFailingMailServerIsRetriedOnItsOwnThreadAndNeitherThrowsNorBlocks() {
    when(provider.getIfAvailable()).thenReturn(sender);
    org.mockito.Mockito.doThrow(new MailSendException("down")).when(sender).send(any(SimpleMailMessage.class));
    notifier.onJobFinished(done(DatasetExtractWork.KIND));
    verify(notices).save(any(DatasetNotice.class));
    // one retry (lc.mail.retry-delays = PT0S), then given up with a log line
    verify(sender, timeout(5_000).times(2)).send(any(SimpleMailMessage.class));
  }

  @Test
  public void otherKindsOfJobsAreLeftAlone() {
    notifier.onJobFinished(done("casebook-zip"));
    verify(notices, never()).save(any());
    verifyNoInteractions(provider);
  }
}
