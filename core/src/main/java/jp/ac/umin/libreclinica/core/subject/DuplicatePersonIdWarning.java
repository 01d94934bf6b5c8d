package jp.ac.umin.libreclinica.core.subject;

/**
 * The person ID is already recorded for another subject of the study. Nothing was stored; the
 * user may confirm that this is intended and send again.
 */
public class DuplicatePersonIdWarning extends SubjectException {

  public DuplicatePersonIdWarning(String personId, String labels) {
    super("subject.personId.duplicateWarning", personId, labels);
  }

  @Override
  public String field() {
    return "personId";
  }
}
