package jp.ac.umin.libreclinica.core.crf.template;

import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;

/**
 * What earlier versions of a CRF fix for the next one: the version names used, and for every
 * item its data type, units, group and the value↔text mapping of its options.
 */
public record PriorCrf(String name, Set<String> versionNames, Map<String, PriorItem> items) {

  public PriorCrf {
    versionNames = Set.copyOf(versionNames);
    items = Map.copyOf(items);
  }

  /** An item as earlier versions defined it; {@code options} maps value → text (may be empty). */
  public record PriorItem(
      String name,
      ItemDataType dataType,
      String units,
      String groupLabel,
      Map<String, String> options) {

    public PriorItem {
      options = Map.copyOf(options);
    }
  }
}
