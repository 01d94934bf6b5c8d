package jp.ac.umin.libreclinica.web.crf;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Upload sizes as the pages state them. */
final class CrfUploadLimits {

  private CrfUploadLimits() {}

  /** Bytes as megabytes, e.g. {@code 10} or {@code 0.5}. */
  static String megabytes(long bytes) {
    return BigDecimal.valueOf(bytes)
        .divide(BigDecimal.valueOf(1024L * 1024L), 1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
