package jp.ac.umin.libreclinica.core.subject;

/** A subject's sex as LibreClinica records it ({@code m} / {@code f}). */
public enum Sex {
  MALE("m"),
  FEMALE("f");

  private final String code;

  Sex(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Sex ofCode(String code) {
    for (Sex s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no sex " + code);
  }

  public String messageKey() {
    return "subject.sex." + name();
  }
}
