package jp.ac.umin.libreclinica.core.crf.template;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A worksheet as text cells: which known columns its header holds, and its non-blank rows. */
record RawSheet(TemplateSheet sheet, Set<TemplateColumn> columns, List<RawRow> rows) {

  RawSheet {
    columns = Set.copyOf(columns);
    rows = List.copyOf(rows);
  }

  boolean has(TemplateColumn column) {
    return columns.contains(column);
  }

  /** One non-blank row: its number as Excel shows it and the text of each known column. */
  record RawRow(int number, Map<TemplateColumn, String> cells) {

    RawRow {
      cells = cells.isEmpty() ? Map.of() : new EnumMap<>(cells);
    }

    /** The cell's text, "" when empty or the column is absent. */
    String get(TemplateColumn column) {
      String v = cells.get(column);
      return v == null ? "" : v;
    }

    /** The cell's text without surrounding white space. */
    String trimmed(TemplateColumn column) {
      return get(column).strip();
    }
  }
}
