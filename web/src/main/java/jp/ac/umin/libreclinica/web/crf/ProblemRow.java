package jp.ac.umin.libreclinica.web.crf;

import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import org.springframework.context.MessageSource;

/** One problem of an uploaded spreadsheet as the table shows it, its message in the user's language. */
public record ProblemRow(
    boolean error, String sheet, Integer row, String column, String value, String message, String line) {

  public static List<ProblemRow> of(List<TemplateProblem> problems, MessageSource messages, Locale locale) {
    return problems.stream()
        .map(p -> new ProblemRow(
            p.isError(),
            p.sheet(),
            p.row(),
            p.column(),
            p.value(),
            messages.getMessage(p.messageKey(), p.messageArguments(), locale),
            jp.ac.umin.libreclinica.core.crf.template.CrfProblemMessages.format(p, messages, locale)))
        .toList();
  }
}
