package jp.ac.umin.libreclinica.core.study;

/** Whether the study intervenes or observes (ODM OpenClinica:StudyDetails carries it). */
public enum ProtocolType {
  INTERVENTIONAL("interventional"),
  OBSERVATIONAL("observational");

  private final String code;

  ProtocolType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
