package jp.ac.umin.libreclinica.core.event;

/** Status of a design object (event definition, attached CRF): available or removed. */
public enum DesignStatus {
  AVAILABLE("available"),
  REMOVED("removed"),
  AUTO_REMOVED("auto-removed");

  private final String code;

  DesignStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean isRemoved() {
    return this != AVAILABLE;
  }
}
