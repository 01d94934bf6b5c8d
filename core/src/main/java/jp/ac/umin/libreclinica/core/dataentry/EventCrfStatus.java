package jp.ac.umin.libreclinica.core.dataentry;

/** Where an event CRF is in data entry (LibreClinica's stages, under its names). */
public enum EventCrfStatus {
  INITIAL_DATA_ENTRY("initial data entry"),
  DATA_ENTRY_COMPLETE("data entry complete"),
  LOCKED("locked"),
  REMOVED("removed"),
  AUTO_REMOVED("auto-removed");

  private final String code;

  EventCrfStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean acceptsChanges() {
    return this == INITIAL_DATA_ENTRY || this == DATA_ENTRY_COMPLETE;
  }
}
