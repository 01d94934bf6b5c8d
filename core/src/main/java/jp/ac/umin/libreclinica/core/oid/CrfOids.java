package jp.ac.umin.libreclinica.core.oid;

import java.util.function.Predicate;

/**
 * The OIDs of CRFs and what they hold, by the rule of {@link Oids} (see {@code docs/oids.md}),
 * in the shapes LibreClinica gives them:
 *
 * <ul>
 *   <li>CRF: {@code F_} + 12 characters of the CRF name ({@code F_ADVERSEEVENT});
 *   <li>CRF version: the CRF's OID + {@code _} + 10 characters of the version name
 *       ({@code F_ADVERSEEVENT_V10});
 *   <li>item group: {@code IG_} + 5 characters of the CRF name + {@code _} + 26 of the group
 *       label, underscores kept ({@code IG_PHYSI_UNGROUPED});
 *   <li>item: {@code I_} + 5 characters of the CRF name + {@code _} + 26 of the item name,
 *       underscores kept ({@code I_AGENT_AGEN_DOSE}).
 * </ul>
 */
public final class CrfOids {

  public static final int CRF_NAME_LENGTH = 12;
  public static final int VERSION_NAME_LENGTH = 10;
  public static final int CRF_PREFIX_LENGTH = 5;
  public static final int ITEM_NAME_LENGTH = 26;

  private CrfOids() {}

  public static String crf(String crfName, Predicate<String> taken) {
    return Oids.unique("F_", crfName, CRF_NAME_LENGTH, taken);
  }

  public static String crfVersion(String crfOid, String versionName, Predicate<String> taken) {
    return Oids.unique(crfOid + "_", versionName, VERSION_NAME_LENGTH, taken);
  }

  public static String itemGroup(String crfName, String groupLabel, Predicate<String> taken) {
    return Oids.uniqueOid("IG_" + crfPrefix(crfName) + "_" + part(groupLabel), taken);
  }

  public static String item(String crfName, String itemName, Predicate<String> taken) {
    return Oids.uniqueOid("I_" + crfPrefix(crfName) + "_" + part(itemName), taken);
  }

  /** The start of the item and group OIDs of a CRF ({@code PHYSI} for "Physical Exam"). */
  public static String crfPrefix(String crfName) {
    String stem = Oids.stem(crfName, CRF_PREFIX_LENGTH);
    return stem.isEmpty() ? "1" : stem;
  }

  private static String part(String name) {
    String stem = Oids.stem(name, ITEM_NAME_LENGTH, true);
    return stem.isEmpty() ? "1" : stem;
  }
}
