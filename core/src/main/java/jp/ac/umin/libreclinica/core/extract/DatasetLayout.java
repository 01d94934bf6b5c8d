package jp.ac.umin.libreclinica.core.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a tabular extract and where each value of the row stream goes: per event
 * definition the columns of each occurrence's attributes, per CRF the form attributes, per item
 * the value columns by occurrence and group row.
 */
final class DatasetLayout {

  /** What the stream query needs besides the columns. */
  final long[] eventDefinitionIds;
  final long[] crfIds;
  final long[] itemIds;
  final List<ExtractColumn> columns;
  final Map<Long, EventSlot> events;
  /** Subject attribute columns by attribute, -1 when absent; group class columns by class id. */
  final int[] subjectColumns;
  final Map<Long, Integer> groupColumns;

  DatasetLayout(long[] eventDefinitionIds, long[] crfIds, long[] itemIds, List<ExtractColumn> columns,
      Map<Long, EventSlot> events, int[] subjectColumns, Map<Long, Integer> groupColumns) {
    this.eventDefinitionIds = eventDefinitionIds;
    this.crfIds = crfIds;
    this.itemIds = itemIds;
    this.columns = List.copyOf(columns);
    this.events = events;
    this.subjectColumns = subjectColumns;
    this.groupColumns = groupColumns;
  }

  /** The columns of one event definition: {@code [occurrence - 1][attribute]}, -1 when absent. */
  static final class EventSlot {
    final int maxOccurrence;
    final int[][] attributeColumns;
    /** By CRF id: {@code [occurrence - 1][form attribute]}. */
    final Map<Long, int[][]> formColumns = new HashMap<>();
    /** By item id: {@code [occurrence - 1][row - 1]}. */
    final Map<Long, int[][]> itemColumns = new HashMap<>();

    EventSlot(int maxOccurrence, int attributes) {
      this.maxOccurrence = maxOccurrence;
      this.attributeColumns = filled(maxOccurrence, attributes);
    }

    static int[][] filled(int outer, int inner) {
      int[][] a = new int[outer][inner];
      for (int[] row : a) {
        java.util.Arrays.fill(row, -1);
      }
      return a;
    }
  }

  /** Collects columns, making names unique (case-insensitively, as SPSS compares them). */
  static final class ColumnList {
    private final List<ExtractColumn> columns = new ArrayList<>();
    private final java.util.Set<String> taken = new java.util.HashSet<>();

    int add(ExtractColumn c) {
      String name = unique(c.name());
      columns.add(new ExtractColumn(name, c.kind(), c.attribute(), c.eventOid(), c.eventName(),
          c.occurrence(), c.crfOid(), c.crfName(), c.itemOid(), c.row(), c.label(), c.type(),
          c.width(), c.decimals(), c.codeList()));
      return columns.size() - 1;
    }

    List<ExtractColumn> columns() {
      return columns;
    }

    private String unique(String wanted) {
      String name = ColumnNames.valid(wanted, "");
      for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
        name = ColumnNames.valid(wanted, "_" + n);
      }
      return name;
    }
  }
}
