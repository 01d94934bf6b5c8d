package jp.ac.umin.libreclinica.core.extract;

import java.io.IOException;
import java.util.List;

/** Where a tabular extract's rows go: one file format. */
interface TableSink {

  /** Called once, before any row, with every column. */
  void start(List<ExtractColumn> columns) throws IOException;

  /**
   * One subject's row; {@code values[i]} belongs to column {@code i}, null when empty. The array
   * is reused for the next row.
   */
  void row(String subjectLabel, String[] values) throws IOException;

  /** After the last row. */
  void finish() throws IOException;
}
