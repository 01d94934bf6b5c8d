package jp.ac.umin.libreclinica.web.subject;

import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.input.InputKind;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.springframework.format.Formatter;

/**
 * Binds times of day typed in forms: {@code 9:05}, {@code 09:05}, {@code 0905}, and (through
 * the normaliser) full-width digits and colon. Written back as {@code HH:mm}.
 */
public class LocalTimeFormatter implements Formatter<LocalTime> {

  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):?(\\d{2})");

  private final InputNormaliser normaliser;

  public LocalTimeFormatter(InputNormaliser normaliser) {
    this.normaliser = normaliser;
  }

  @Override
  public LocalTime parse(String text, Locale locale) {
    String v = normaliser.normalise(text, InputKind.TIME);
    Matcher m = TIME.matcher(v == null ? "" : v);
    if (!m.matches()) {
      throw new InvalidInputException("subject.event.time.unreadable", text.strip());
    }
    int h = Integer.parseInt(m.group(1));
    int min = Integer.parseInt(m.group(2));
    if (h > 23 || min > 59) {
      throw new InvalidInputException("subject.event.time.unreadable", text.strip());
    }
    return LocalTime.of(h, min);
  }

  @Override
  public String print(LocalTime time, Locale locale) {
    return String.format("%02d:%02d", time.getHour(), time.getMinute());
  }
}
