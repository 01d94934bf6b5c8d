package jp.ac.umin.libreclinica.core.subject;

/** The status of a study subject, with LibreClinica's names. */
public enum SubjectStatus {
  AVAILABLE("available"),
  /** The investigator signed the subject's casebook. */
  SIGNED("signed"),
  /** Removed by a user with a reason; can be restored. */
  REMOVED("removed"),
  /** Removed together with its site or study; restored with it. */
  AUTO_REMOVED("auto-removed");

  private final String code;

  SubjectStatus(String code) {
    this.code = code;
  }

  /** LibreClinica's name, as ODM and the web services carry it. */
  public String code() {
    return code;
  }

  public boolean isRemoved() {
    return this == REMOVED || this == AUTO_REMOVED;
  }

  public String messageKey() {
    return "subject.status." + name();
  }
}
