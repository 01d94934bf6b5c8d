package jp.ac.umin.libreclinica.ws.soap;

import java.util.List;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * data/v1 {@code import}: answers {@code Fail} until the ODM clinical-data import exists in
 * core; nothing is read or written.
 */
@Component
public class DataSoap implements SoapOperations {

  private final SoapMessages messages;

  public DataSoap(SoapMessages messages) {
    this.messages = messages;
  }

  @Override
  public SoapService service() {
    return SoapService.DATA;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    return Reply.to(service(), "import")
        .result(Reply.FAIL)
        .messages(List.of(), List.of(messages.text(caller.locale(), "soap.import.unavailable")))
        .root();
  }
}
