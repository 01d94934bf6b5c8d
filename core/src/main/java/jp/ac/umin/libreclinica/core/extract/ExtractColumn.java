package jp.ac.umin.libreclinica.core.extract;

import java.util.List;

/**
 * One column of a tabular extract.
 *
 * @param name the short unique name (a valid SPSS variable name)
 * @param kind what the column holds
 * @param attribute the attribute's name (e.g. {@code StartDate}); the item name for items
 * @param eventOid the event definition's OID, or null for subject columns
 * @param eventName the event definition's name, or null
 * @param occurrence the event's repeat key (1 for non-repeating events), or null
 * @param crfOid the CRF's OID, or null for subject and event columns
 * @param crfName the CRF's name, or null
 * @param itemOid the item's OID, or null
 * @param row the repeating group's row, or null outside repeating groups
 * @param label what a person reads: the item's description, or the attribute
 * @param type how the values read
 * @param width the longest value in UTF-8 bytes (at least 1)
 * @param decimals digits after the decimal point (decimal columns)
 * @param codeList the item's code list (value and label), empty when it has none
 */
record ExtractColumn(
    String name,
    Kind kind,
    String attribute,
    String eventOid,
    String eventName,
    Integer occurrence,
    String crfOid,
    String crfName,
    String itemOid,
    Integer row,
    String label,
    ValueType type,
    int width,
    int decimals,
    List<CodeListEntry> codeList) {

  /** Where a column's values come from. */
  enum Kind { SUBJECT, EVENT, FORM, ITEM }

  /** How a column's values read. */
  enum ValueType { STRING, INTEGER, DECIMAL, DATE }

  /** One choice of an item's code list. */
  record CodeListEntry(String value, String label) {}

  ExtractColumn {
    codeList = List.copyOf(codeList);
  }

  boolean numeric() {
    return type == ValueType.INTEGER || type == ValueType.DECIMAL;
  }
}
