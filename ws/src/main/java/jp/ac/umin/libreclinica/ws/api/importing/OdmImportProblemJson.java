package jp.ac.umin.libreclinica.ws.api.importing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.odm.importing.ImportProblem;
import org.springframework.context.MessageSource;

/** One problem of an ODM import report: where (XML line, OID) and what, in the caller's language. */
@Schema(name = "OdmImportProblem")
public record OdmImportProblemJson(
    @Schema(allowableValues = {"error", "warning"}) String severity,
    @Schema(description = "line of the XML file (0 when the whole file is concerned)", example = "42") int line,
    @Schema(example = "I_AE_AETERM") String oid,
    @Schema(description = "message key", example = "odm.import.unknownItem") String code,
    String message) {

  static OdmImportProblemJson of(ImportProblem p, MessageSource messages, Locale locale) {
    return new OdmImportProblemJson(p.warning() ? "warning" : "error", p.line(), p.oid(), p.messageKey(),
        messages.getMessage(p.messageKey(), p.arguments().toArray(), p.messageKey(), locale));
  }
}
