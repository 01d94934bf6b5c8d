package jp.ac.umin.libreclinica.core.dataentry;

/**
 * Names one value of a CRF: the item's name and, for a repeating group, the row (1 for items
 * outside repeating groups).
 */
public record ItemKey(String itemName, int ordinal) {

  public static ItemKey of(String itemName) {
    return new ItemKey(itemName, 1);
  }
}
