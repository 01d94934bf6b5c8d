package jp.ac.umin.libreclinica.core.event;

/**
 * Whether a subject's record (an event, later an event CRF) is in use or removed, next to its
 * own lifecycle status. Removal is never deletion.
 */
public enum RecordStatus {
  AVAILABLE("available"),
  /** Removed by a user with a reason. */
  REMOVED("removed"),
  /** Removed because its subject was; restored with it. */
  AUTO_REMOVED("auto-removed");

  private final String code;

  RecordStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean isRemoved() {
    return this != AVAILABLE;
  }

  public String messageKey() {
    return "subject.record." + name();
  }
}
