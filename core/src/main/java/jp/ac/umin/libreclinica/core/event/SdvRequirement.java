package jp.ac.umin.libreclinica.core.event;

/** How much source data verification an event CRF needs. */
public enum SdvRequirement {
  ALL("100% Required"),
  PARTIAL("Partial Required"),
  NOT_REQUIRED("Not Required");

  private final String code;

  SdvRequirement(String code) {
    this.code = code;
  }

  /** LibreClinica's wording, as ODM carries it. */
  public String code() {
    return code;
  }
}
