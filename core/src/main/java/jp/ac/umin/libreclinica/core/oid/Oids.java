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
    return stem(basis, maxLength, false);
  }

  /**
   * As {@link #stem(String, int)}; with {@code keepUnderscore} the underscore stays too (item
   * and item group OIDs keep it: {@code I_AGENT_AGEN_DOSE}).
   */
  public static String stem(String basis, int maxLength, boolean keepUnderscore) {
    String folded = Normalizer.normalize(basis == null ? "" : basis, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder();
    for (char c : folded.toUpperCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (keepUnderscore && c == '_')) {
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
    return uniqueOid(prefix + (stem.isEmpty() ? "1" : stem), taken);
  }

  /** {@code base} if free, else {@code base_2}, {@code base_3}, ... (the first that is free). */
  public static String uniqueOid(String base, Predicate<String> taken) {
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
