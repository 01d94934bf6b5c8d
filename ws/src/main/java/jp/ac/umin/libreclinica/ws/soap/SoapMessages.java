package jp.ac.umin.libreclinica.ws.soap;

import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import org.springframework.context.MessageSource;

/** Result messages and fault texts in the caller's language (English when it has none). */
public class SoapMessages {

  private final MessageSource messages;

  public SoapMessages(MessageSource messages) {
    this.messages = messages;
  }

  public String text(Locale locale, String key, Object... args) {
    return messages.getMessage(key, args, key, locale == null ? Locale.ENGLISH : locale);
  }

  /** The text of a refusal from a service. */
  public String text(Locale locale, RuntimeException refusal) {
    if (refusal instanceof MessageKeyException m) {
      return text(locale, m.messageKey(), m.arguments());
    }
    if (refusal instanceof PermissionDeniedException) {
      return text(locale, "soap.denied");
    }
    return text(locale, "soap.failed");
  }
}
