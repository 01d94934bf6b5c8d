package jp.ac.umin.libreclinica.core.dataentry;

/**
 * An item (one row of a repeating group) where the two passes of double data entry differ, in
 * canonical form; an item a pass has no value for has the empty value there.
 *
 * @param secondVersion the version of the second pass's value (null when it has none), for the
 *     optimistic check of the resolution
 */
public record Mismatch(ItemKey item, String first, String second, Long secondVersion) {}
