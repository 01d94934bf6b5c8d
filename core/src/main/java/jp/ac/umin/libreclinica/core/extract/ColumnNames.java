package jp.ac.umin.libreclinica.core.extract;

import java.nio.charset.StandardCharsets;

/**
 * Column names that every format accepts, SPSS being the strictest: letters (any script),
 * digits and underscores, starting with a letter, at most 64 bytes in UTF-8.
 */
final class ColumnNames {

  static final int MAX_BYTES = 64;

  private ColumnNames() {}

  /**
   * {@code base} made valid, with {@code suffix} kept whole at the end (the base is shortened
   * when the name would be too long).
   */
  static String valid(String base, String suffix) {
    StringBuilder b = new StringBuilder();
    base.codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp) || cp == '_') {
        b.appendCodePoint(cp);
      } else {
        b.append('_');
      }
    });
    if (b.length() == 0 || !Character.isLetter(b.codePointAt(0))) {
      b.insert(0, 'V');
    }
    String name = b.toString();
    while (bytes(name) + bytes(suffix) > MAX_BYTES) {
      name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
    }
    return name + suffix;
  }

  /**
   * An item column's name: the item name, the event's number ({@code _E1}) and, for repeating
   * events, the occurrence ({@code _E1_2}), the CRF's number ({@code _C1}) and, in repeating
   * groups, the row ({@code _C1_3}).
   */
  static String item(String itemName, String eventPart, String crfPart, Integer row) {
    String suffix = eventPart + crfPart + (row == null ? "" : "_" + row);
    return valid(itemName, suffix);
  }

  static String eventPart(int eventNumber, boolean repeating, int occurrence) {
    return "_E" + eventNumber + (repeating ? "_" + occurrence : "");
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
