package jp.ac.umin.libreclinica.core.discrepancy;

/** Where a note thread stands; the thread's status is the status of its latest note. */
public enum NoteStatus {
  NEW("New"),
  UPDATED("Updated"),
  RESOLUTION_PROPOSED("Resolution Proposed"),
  CLOSED("Closed"),
  NOT_APPLICABLE("Not Applicable");

  private final String code;

  NoteStatus(String code) {
    this.code = code;
  }

  /** LibreClinica's name. */
  public String code() {
    return code;
  }

  /** Whether someone still has to act on the thread. */
  public boolean isOpen() {
    return this == NEW || this == UPDATED || this == RESOLUTION_PROPOSED;
  }

  public String messageKey() {
    return "note.status." + name();
  }
}
