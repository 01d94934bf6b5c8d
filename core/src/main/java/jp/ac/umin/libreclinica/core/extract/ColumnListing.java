package jp.ac.umin.libreclinica.core.extract;

import java.util.ArrayList;
import java.util.List;

/** The rows of the column listing (column → event, CRF, item, label) that goes with each extract. */
final class ColumnListing {

  static final List<String> HEADER = List.of("column", "kind", "event_oid", "event_name", "occurrence",
      "crf_oid", "crf_name", "item_oid", "item_or_attribute", "group_row", "data_type", "label");

  private ColumnListing() {}

  static List<List<String>> rows(List<ExtractColumn> columns) {
    List<List<String>> rows = new ArrayList<>(columns.size());
    for (ExtractColumn c : columns) {
      List<String> r = new ArrayList<>(HEADER.size());
      r.add(c.name());
      r.add(c.kind().name().toLowerCase(java.util.Locale.ROOT));
      r.add(c.eventOid());
      r.add(c.eventName());
      r.add(c.occurrence() == null ? null : c.occurrence().toString());
      r.add(c.crfOid());
      r.add(c.crfName());
      r.add(c.itemOid());
      r.add(c.attribute());
      r.add(c.row() == null ? null : c.row().toString());
      r.add(c.type().name().toLowerCase(java.util.Locale.ROOT));
      r.add(c.label());
      rows.add(r);
    }
    return rows;
  }
}
