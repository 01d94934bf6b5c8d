package jp.ac.umin.libreclinica.web.importing;

import jp.ac.umin.libreclinica.core.odm.importing.ImportProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/** One problem of an import report as the page shows it: line, OID and the message in the reader's language. */
public record ProblemLine(boolean warning, int line, String oid, String message) {

  static ProblemLine of(ImportProblem p, MessageSource messages) {
    return new ProblemLine(p.warning(), p.line(), p.oid(),
        messages.getMessage(p.messageKey(), p.arguments().toArray(), p.messageKey(), LocaleContextHolder.getLocale()));
  }
}
