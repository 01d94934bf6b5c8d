package jp.ac.umin.libreclinica.core.crf.definition;

import java.util.Locale;
import java.util.Optional;

/** The data types of LibreClinica items, under their spreadsheet codes. */
public enum ItemDataType {
  ST,
  INT,
  REAL,
  DATE,
  PDATE,
  FILE;

  public static Optional<ItemDataType> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean numeric() {
    return this == INT || this == REAL;
  }
}
