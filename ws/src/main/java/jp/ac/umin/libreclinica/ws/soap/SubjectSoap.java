package jp.ac.umin.libreclinica.ws.soap;

import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.subject.PersonInput;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.Subject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * subject/v1 {@code creat} (the published spelling): registers a person (unique identifier =
 * person ID, gender, date or year of birth) in the subject registry of the study or site named
 * by {@code study}, without an enrolment, checked like studySubject {@code create}. The response
 * has room only for {@code Success} or {@code Fail}: the reason of a refusal is logged.
 */
@Component
public class SubjectSoap implements SoapOperations {

  private static final Logger LOG = LoggerFactory.getLogger(SubjectSoap.class);
  private static final String B = SoapService.BEANS_NS;

  private final SubjectService subjects;
  private final StudyRefs refs;
  private final SoapMessages messages;

  public SubjectSoap(SubjectService subjects, StudyRefs refs, SoapMessages messages) {
    this.subjects = subjects;
    this.refs = refs;
    this.messages = messages;
  }

  @Override
  public SoapService service() {
    return SoapService.SUBJECT;
  }

  @Override
  public Element handle(String operation, Element request, SoapCaller caller) {
    Element person = Xml.child(request, service().namespace(), "subject").orElseThrow();
    Element study = Xml.child(request, service().namespace(), "study").orElseThrow();
    try {
      Study where = refs.resolve(caller.userName(), study);
      String gender = Xml.text(person, B, "gender");
      String birth = Xml.text(person, B, "dateOfBirth");
      if (birth == null) {
        birth = Xml.text(person, B, "yearOfBirth");
      }
      Subject created = subjects.registerPerson(where.getId(),
          new PersonInput(Xml.text(person, B, "uniqueIdentifier"), gender == null ? null : Sex.ofCode(gender), birth),
          caller.userName());
      LOG.info("SOAP subject creat by {}: person {} registered at {}", caller.userName(), created.getId(), where.getOid());
      return Reply.to(service(), "creat").result(Reply.SUCCESS).root();
    } catch (MessageKeyException | PermissionDeniedException e) {
      LOG.info("SOAP subject creat by {} refused: {}", caller.userName(), messages.text(java.util.Locale.ENGLISH, e));
      return Reply.to(service(), "creat").result(Reply.FAIL).root();
    }
  }
}
