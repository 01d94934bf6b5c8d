package jp.ac.umin.libreclinica.i18n.ja;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.mail.MailDelivery;
import jp.ac.umin.libreclinica.core.mail.NoteMail;
import jp.ac.umin.libreclinica.core.mail.NoteMailFacts;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Note mails arrive in GreenMail in the recipient's language, with the real bundles. */
public class NoteMailJapaneseTest {

  private GreenMail smtp;
  private JavaMailSenderImpl sender;
  private ResourceBundleMessageSource messages;

  @Before
  public void startSmtp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.setDefaultEncoding("UTF-8");
    messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/notes");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
  }

  @After
  public void stopSmtp() {
    smtp.stop();
  }

  private static NoteMailFacts facts(Locale locale, String to) {
    return new NoteMailFacts(to, "施設 花子", locale, "monitor1", "糖尿病試験", "JP-001", "note.type.QUERY",
        "note.status.NEW", "体重の値を確認してください。", 42);
  }

  @Test
  public void aJapaneseRecipientGetsTheMailInJapaneseAndAnEnglishOneInEnglish() throws Exception {
    assertTrue(MailDelivery.send(sender,
        NoteMail.compose(messages, facts(Locale.JAPANESE, "hanako@example.org"), "lc@example.org", "https://edc.example.org/"),
        List.of(Duration.ofMillis(10)), "test"));
    assertTrue(MailDelivery.send(sender,
        NoteMail.compose(messages, facts(Locale.ENGLISH, "taro@example.org"), "lc@example.org", "https://edc.example.org/"),
        List.of(Duration.ofMillis(10)), "test"));
    assertTrue(smtp.waitForIncomingEmail(10_000, 2));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(2, received.length);
    MimeMessage ja = received[0].getAllRecipients()[0].toString().startsWith("hanako") ? received[0] : received[1];
    MimeMessage en = ja == received[0] ? received[1] : received[0];
    assertEquals("[糖尿病試験] ディスクレパンシーノート 42 の担当になりました", ja.getSubject());
    String body = ((String) ja.getContent()).replace("\r\n", "\n");
    assertTrue(body, body.startsWith("施設 花子 様"));
    assertTrue(body, body.contains("種類：クエリ"));
    assertTrue(body, body.contains("ステータス：新規"));
    assertTrue(body, body.contains("https://edc.example.org/notes/42"));
    assertEquals("[糖尿病試験] Discrepancy note 42 assigned to you", en.getSubject());
    assertTrue(((String) en.getContent()).contains("Type: Query"));
  }
}
