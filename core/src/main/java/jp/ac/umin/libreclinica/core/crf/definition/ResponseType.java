package jp.ac.umin.libreclinica.core.crf.definition;

import java.util.Locale;
import java.util.Optional;

/** How an item is answered, under the codes of the spreadsheet's RESPONSE_TYPE column. */
public enum ResponseType {
  TEXT("text"),
  TEXTAREA("textarea"),
  SINGLE_SELECT("single-select"),
  RADIO("radio"),
  MULTI_SELECT("multi-select"),
  CHECKBOX("checkbox"),
  CALCULATION("calculation"),
  GROUP_CALCULATION("group-calculation"),
  INSTANT_CALCULATION("instant-calculation"),
  FILE("file");

  private final String code;

  ResponseType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Case, spaces and underscores do not matter: "Single_Select" and "instant calculation" read. */
  public static Optional<ResponseType> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    for (ResponseType t : values()) {
      if (t.code.equals(c)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Whether the answer is chosen from a response set's options. */
  public boolean hasOptions() {
    return this == SINGLE_SELECT || this == RADIO || this == MULTI_SELECT || this == CHECKBOX;
  }

  /** Whether several options may be chosen at once. */
  public boolean multiple() {
    return this == MULTI_SELECT || this == CHECKBOX;
  }

  public boolean calculated() {
    return this == CALCULATION || this == GROUP_CALCULATION || this == INSTANT_CALCULATION;
  }
}
