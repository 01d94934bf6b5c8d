package jp.ac.umin.libreclinica.core.event;

/** LibreClinica's event definition types. */
public enum EventType {
  SCHEDULED("scheduled"),
  UNSCHEDULED("unscheduled"),
  COMMON("common");

  private final String code;

  EventType(String code) {
    this.code = code;
  }

  /** The type as ODM's OpenClinica:EventDefinitionDetails and the web services write it. */
  public String code() {
    return code;
  }
}
