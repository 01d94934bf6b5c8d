package jp.ac.umin.libreclinica.core.oid;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Makes OIDs the way LibreClinica does, so that ODM files move between the two systems: a
 * prefix ({@code S_}, {@code SE_}, {@code F_}, {@code IG_}, {@code I_}), then the upper-cased
 * letters and digits of a name or ID, cut to a length, then, if that OID is taken, a numeric
 * suffix ({@code _2}, {@code _3}, ...). Names without Latin letters or digits (a Japanese study
 * name, say) give the prefix and a number. Once assigned, an OID never changes.
 */
public final class Oids {

  private Oids() {}

  /** The letters and digits of {@code basis}, upper-cased and cut to {@code maxLength}. */
  public static String stem(String basis, int maxLength) {
    String folded = Normalizer.normalize(basis == null ? "" : basis, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder();
    for (char c : folded.toUpperCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.append(c);
        if (out.length() == maxLength) {
          break;
        }
      }
    }
    return out.toString();
  }

  /** The first OID from {@code prefix + stem} (plus a suffix) that {@code taken} says is free. */
  public static String unique(
      String prefix, String basis, int maxStemLength, Predicate<String> taken) {
    String stem = stem(basis, maxStemLength);
    String base = prefix + (stem.isEmpty() ? "1" : stem);
    if (!taken.test(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String candidate = base + "_" + n;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }
}
