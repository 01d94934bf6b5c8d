package jp.ac.umin.libreclinica.ws.soap;

import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * subject/v1 {@code creat}: a person without an enrolment has no place in this application's
 * model (a subject is registered with its enrolment through studySubject {@code create}), so
 * the answer is {@code Fail} (the response has no room for a message; docs/soap.md says why).
 * Nothing is written.
 */
@Component
public class SubjectSoap implements SoapOperations {

  @Override
  public SoapService service() {
    return SoapService.SUBJECT;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    return Reply.to(service(), "creat").result(Reply.FAIL).root();
  }
}
