package jp.ac.umin.libreclinica.core.casebook;

import java.util.List;

/**
 * A table that another feature adds to the printed casebook: a title and column headings as
 * message keys, and rows of text already in the reader's terms.
 */
public record CasebookSection(String titleKey, List<String> columnKeys, List<List<String>> rows) {}
