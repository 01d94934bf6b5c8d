package jp.ac.umin.libreclinica.ws.soap;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfTemplateRejectedException;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * crf/v1 {@code createCrf}: a CRF design spreadsheet, committed as in the CRF pages (a new CRF
 * or a new version of the CRF of that name). The key is the new version's OID; every problem
 * of a refused spreadsheet is listed with its sheet, row and column.
 */
@Component
public class CrfSoap implements SoapOperations {

  private final CrfService crfs;
  private final SoapMessages messages;

  public CrfSoap(CrfService crfs, SoapMessages messages) {
    this.crfs = crfs;
    this.messages = messages;
  }

  @Override
  public SoapService service() {
    return SoapService.CRF;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    String ns = service().namespace();
    String fileName = Xml.text(request, ns, "fileName");
    String content = Xml.child(request, ns, "file").map(Element::getTextContent).orElse("");
    Locale locale = caller.locale();
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(content);
      CrfUploadOutcome outcome = crfs.commit(bytes, fileName, caller.userName());
      return Reply.to(service(), "createCrf")
          .result(Reply.SUCCESS)
          .field("key", outcome.crfVersionOid())
          .messages(outcome.warnings().stream().map(p -> text(locale, p)).toList(), List.of())
          .root();
    } catch (CrfTemplateRejectedException e) {
      return fail(
          e.problems().stream().filter(TemplateProblem::isError).map(p -> text(locale, p)).toList(),
          e.problems().stream().filter(p -> !p.isError()).map(p -> text(locale, p)).toList());
    } catch (MessageKeyException | PermissionDeniedException e) {
      return fail(List.of(messages.text(locale, e)), List.of());
    } catch (IllegalArgumentException e) {
      return fail(List.of(messages.text(locale, "soap.crf.notBase64")), List.of());
    }
  }

  private Element fail(List<String> errors, List<String> warnings) {
    return Reply.to(service(), "createCrf")
        .result(Reply.FAIL)
        .field("key", "")
        .messages(warnings, errors)
        .root();
  }

  private String text(Locale locale, TemplateProblem p) {
    return messages.text(locale, p.locationKey(), p.locationArguments())
        + messages.text(locale, p.messageKey(), p.messageArguments());
  }
}
