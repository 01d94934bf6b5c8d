package jp.ac.umin.libreclinica.core.study;

/** The phase of a study, as LibreClinica offers them. */
public enum StudyPhase {
  NOT_APPLICABLE("N/A"),
  PHASE_0("Phase 0"),
  PHASE_I("Phase I"),
  PHASE_I_II("Phase I/II"),
  PHASE_II("Phase II"),
  PHASE_II_III("Phase II/III"),
  PHASE_III("Phase III"),
  PHASE_IIIA("Phase IIIa"),
  PHASE_IIIB("Phase IIIb"),
  PHASE_IV("Phase IV");

  private final String code;

  StudyPhase(String code) {
    this.code = code;
  }

  /** The phase as ODM's OpenClinica:StudyDetails writes it. */
  public String code() {
    return code;
  }
}
