package jp.ac.umin.libreclinica.core.mail;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;

/** Composes the note-assignment mail in the recipient's language. Pure: no sending. */
public final class NoteMail {

  private NoteMail() {}

  public static SimpleMailMessage compose(MessageSource messages, NoteMailFacts f, String from, String baseUrl) {
    Locale l = f.locale();
    String link = stripSlash(baseUrl) + "/notes/" + f.threadId();
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom(from);
    m.setTo(f.to());
    m.setSubject(messages.getMessage("note.mail.assigned.subject", new Object[] {f.studyName(), f.threadId()}, l));
    m.setText(messages.getMessage("note.mail.assigned.body",
        new Object[] {
          f.recipientName(), f.assignedBy(), f.studyName(), f.subjectLabel(),
          messages.getMessage(f.typeKey(), null, l), messages.getMessage(f.statusKey(), null, l),
          f.description(), link
        },
        l));
    return m;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
