package jp.ac.umin.libreclinica.core.mail;

import static org.junit.Assert.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteRepository;
import jp.ac.umin.libreclinica.core.discrepancy.NoteAssigned;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.junit.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

public class NoteMailerWithoutSmtpTest {

  @Test
  @SuppressWarnings("unchecked")
  public void withoutAnSmtpServerTheMailIsSkippedAndNothingIsLookedUp() {
    ObjectProvider<JavaMailSender> none = mock(ObjectProvider.class);
    when(none.getIfAvailable()).thenReturn(null);
    DiscrepancyNoteRepository notes = mock(DiscrepancyNoteRepository.class);
    MailOutbox outbox = mock(MailOutbox.class);
    NoteMailer mailer = new NoteMailer(none, notes, mock(UserAccountRepository.class), mock(StudyService.class),
        mock(SubjectService.class), new StaticMessageSource(), mock(PlatformTransactionManager.class),
        outbox, "http://localhost:8080", "en");
    mailer.deliver(new NoteAssigned(1, "someone", "monitor"));
    assertEquals(1, mailer.skipped());
    assertEquals(0, mailer.sent());
    assertEquals(0, mailer.failed());
    verifyNoInteractions(notes, outbox);
  }
}
