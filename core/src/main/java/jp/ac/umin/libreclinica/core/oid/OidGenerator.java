package jp.ac.umin.libreclinica.core.oid;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Forms OIDs the way LibreClinica does, so that ODM files and web-service calls move between
 * the two systems (documented in {@code docs/oids.md}):
 *
 * <ul>
 *   <li>a name is cleaned: NFKC-normalised (full-width letters become half-width), everything
 *       but ASCII letters and digits (and, for item and group names, the underscore) dropped,
 *       upper-cased;
 *   <li>the cleaned name is cut to the length its kind allows and put behind the kind's prefix;
 *       CRF-scoped kinds ({@code IG_}, {@code I_}) add the first five characters of the CRF name;
 *   <li>a name that cleans to nothing uses a fixed word ({@code CRF}, {@code GROUP}, ...);
 *   <li>if the OID is taken, {@code _1}, {@code _2}, ... is appended until it is free.
 * </ul>
 *
 * <p>An OID, once stored, is never formed again for the same object: callers reuse the stored
 * OID (a CRF's items keep theirs across versions), and the database keeps OIDs unique.
 */
public final class OidGenerator {

  /** Longest cleaned name in a CRF OID ({@code F_ADVERSEEVENT} from "Adverse Events"). */
  public static final int CRF_NAME_LENGTH = 12;

  /** Longest cleaned version name in a CRF version OID ({@code F_ADVERSEEVENT_V10}). */
  public static final int VERSION_NAME_LENGTH = 10;

  /** How much of the CRF name prefixes item and group OIDs ({@code I_PHYSI_WEIGHT}). */
  public static final int CRF_PREFIX_LENGTH = 5;

  /** Longest cleaned item or group name in its OID. */
  public static final int ITEM_NAME_LENGTH = 26;

  /** Longest cleaned protocol ID in a study OID ({@code S_R0112345}). */
  public static final int STUDY_ID_LENGTH = 8;

  /** Longest cleaned event name in an event definition OID ({@code SE_REGISTRATIONVISIT}). */
  public static final int EVENT_NAME_LENGTH = 28;

  private OidGenerator() {}

  /** {@code F_} + the CRF name: the OID of the CRF itself. */
  public static String crf(String crfName, Predicate<String> taken) {
    return unique("F_" + part(crfName, CRF_NAME_LENGTH, false, "CRF"), taken);
  }

  /** The CRF's OID + {@code _} + the version name: the OID of a CRF version (ODM FormDef). */
  public static String crfVersion(String crfOid, String versionName, Predicate<String> taken) {
    return unique(crfOid + "_" + part(versionName, VERSION_NAME_LENGTH, false, "V"), taken);
  }

  /** {@code IG_} + CRF prefix + {@code _} + group label. */
  public static String itemGroup(String crfName, String groupLabel, Predicate<String> taken) {
    return unique(
        "IG_" + crfPrefix(crfName) + "_" + part(groupLabel, ITEM_NAME_LENGTH, true, "GROUP"),
        taken);
  }

  /** {@code I_} + CRF prefix + {@code _} + item name. */
  public static String item(String crfName, String itemName, Predicate<String> taken) {
    return unique(
        "I_" + crfPrefix(crfName) + "_" + part(itemName, ITEM_NAME_LENGTH, true, "ITEM"), taken);
  }

  /** {@code S_} + the protocol ID: the OID of a study (sites use their own protocol ID). */
  public static String study(String protocolId, Predicate<String> taken) {
    return unique("S_" + part(protocolId, STUDY_ID_LENGTH, false, "STUDY"), taken);
  }

  /** {@code SE_} + the event definition's name. */
  public static String eventDefinition(String name, Predicate<String> taken) {
    return unique("SE_" + part(name, EVENT_NAME_LENGTH, false, "EVENT"), taken);
  }

  /** The first characters of the cleaned CRF name that prefix its item and group OIDs. */
  public static String crfPrefix(String crfName) {
    return part(crfName, CRF_PREFIX_LENGTH, false, "CRF");
  }

  /** {@code base} if free, else {@code base_1}, {@code base_2}, ... (the first that is free). */
  public static String unique(String base, Predicate<String> taken) {
    if (!taken.test(base)) {
      return base;
    }
    for (int i = 1; ; i++) {
      String candidate = base + "_" + i;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }

  /** The cleaned, upper-cased, truncated form of {@code name}; {@code fallback} if nothing is left. */
  public static String part(String name, int maxLength, boolean keepUnderscore, String fallback) {
    String cleaned = clean(name, keepUnderscore);
    if (cleaned.isEmpty()) {
      return fallback;
    }
    return cleaned.length() > maxLength ? cleaned.substring(0, maxLength) : cleaned;
  }

  static String clean(String name, boolean keepUnderscore) {
    if (name == null) {
      return "";
    }
    String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (keepUnderscore && c == '_')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
