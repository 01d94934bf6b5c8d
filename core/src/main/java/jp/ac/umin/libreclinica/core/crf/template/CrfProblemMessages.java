package jp.ac.umin.libreclinica.core.crf.template;

import java.util.Locale;
import org.springframework.context.MessageSource;

/** Turns a {@link TemplateProblem} into one line of text in the user's language. */
public final class CrfProblemMessages {

  private CrfProblemMessages() {}

  /** E.g. {@code Items sheet, row 12, column DATA_TYPE: "INTEGER" cannot be used. ...} */
  public static String format(TemplateProblem problem, MessageSource messages, Locale locale) {
    String where =
        messages.getMessage(problem.locationKey(), problem.locationArguments(), locale);
    String what =
        messages.getMessage(problem.messageKey(), problem.messageArguments(), locale);
    return where + " " + what;
  }
}
