package jp.ac.umin.libreclinica.core.dataentry;

import java.util.Objects;

/**
 * The second user's decision for one mismatching item of double data entry.
 *
 * @param how keep the first value, take the second, or use {@code corrected}
 * @param corrected the value typed as the correct one (only with {@link Resolution#CORRECTED})
 */
public record ItemResolution(Resolution how, String corrected) {

  public ItemResolution {
    Objects.requireNonNull(how);
  }

  public static ItemResolution keepFirst() {
    return new ItemResolution(Resolution.KEEP_FIRST, null);
  }

  public static ItemResolution takeSecond() {
    return new ItemResolution(Resolution.TAKE_SECOND, null);
  }

  public static ItemResolution corrected(String value) {
    return new ItemResolution(Resolution.CORRECTED, value);
  }
}
