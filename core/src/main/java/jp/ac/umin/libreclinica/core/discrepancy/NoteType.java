package jp.ac.umin.libreclinica.core.discrepancy;

/** The kinds of discrepancy note, with LibreClinica's names. */
public enum NoteType {
  ANNOTATION("Annotation"),
  QUERY("Query"),
  REASON_FOR_CHANGE("Reason for Change"),
  FAILED_VALIDATION_CHECK("Failed Validation Check");

  private final String code;

  NoteType(String code) {
    this.code = code;
  }

  /** LibreClinica's name, as in its notes CSV and ODM. */
  public String code() {
    return code;
  }

  /**
   * The status a new thread starts in: annotations and reasons for change only record
   * something and need no resolution (Not Applicable); queries and failed checks are New.
   */
  public NoteStatus initialStatus() {
    return this == ANNOTATION || this == REASON_FOR_CHANGE ? NoteStatus.NOT_APPLICABLE : NoteStatus.NEW;
  }

  public String messageKey() {
    return "note.type." + name();
  }
}
