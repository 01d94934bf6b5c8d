package jp.ac.umin.libreclinica.core.csv;

/**
 * A value that the chosen encoding cannot hold.
 *
 * @param row the row number in the file (1 is the header)
 * @param rowLabel what the row is to a person (e.g. a subject ID), may be null
 * @param column the column's name
 * @param character the first character that cannot be written
 */
public record UnencodableValue(long row, String rowLabel, String column, String character) {}
