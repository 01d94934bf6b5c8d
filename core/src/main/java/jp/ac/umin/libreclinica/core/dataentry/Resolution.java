package jp.ac.umin.libreclinica.core.dataentry;

/**
 * How the second user of double data entry settles an item where the two passes differ: keep
 * the first pass's value, take the second pass's value, or type a corrected value.
 */
public enum Resolution {
  KEEP_FIRST,
  TAKE_SECOND,
  CORRECTED
}
