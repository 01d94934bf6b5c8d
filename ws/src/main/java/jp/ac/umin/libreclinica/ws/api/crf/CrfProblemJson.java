package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.crf.template.CrfProblemMessages;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import org.springframework.context.MessageSource;

/**
 * One problem of a CRF spreadsheet: where (sheet, row as Excel numbers it, column header), the
 * value found, the message key and the message in the caller's language. A refused upload lists
 * these in the problem detail's {@code errors}; an accepted one its warnings.
 */
@Schema(name = "CrfProblem")
public record CrfProblemJson(
    @Schema(allowableValues = {"error", "warning"}) String severity,
    @Schema(example = "Items") String sheet,
    @Schema(example = "12") Integer row,
    @Schema(example = "DATA_TYPE") String column,
    @Schema(example = "INTEGER") String value,
    @Schema(description = "message key") String code,
    String message,
    @Schema(description = "the message with its location, as the upload page shows it")
        String location) {

  static List<CrfProblemJson> of(List<TemplateProblem> problems, MessageSource messages, Locale locale) {
    return problems.stream()
        .map(p -> new CrfProblemJson(p.isError() ? "error" : "warning", p.sheet(), p.row(), p.column(),
            p.value(), p.messageKey(),
            messages.getMessage(p.messageKey(), p.messageArguments(), locale),
            CrfProblemMessages.format(p, messages, locale)))
        .toList();
  }
}
