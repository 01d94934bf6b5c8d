package jp.ac.umin.libreclinica.core.crf.template;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing wrong with (or worth telling about) an uploaded CRF spreadsheet: where it is
 * (sheet, 1-based row as Excel shows it, column header; each may be null when the problem is
 * with the whole file, sheet or row), the value found, and a message key with its arguments.
 * The message's {@code {0}} is the value; further arguments follow as {@code {1}}, {@code {2}}...
 */
public record TemplateProblem(
    Severity severity,
    String sheet,
    Integer row,
    String column,
    String value,
    String messageKey,
    List<String> arguments) {

  /** Errors refuse the file; warnings are shown and the file is accepted. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public TemplateProblem {
    arguments = List.copyOf(arguments);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The arguments of {@link #messageKey()}: the value first, then the others. */
  public Object[] messageArguments() {
    List<Object> args = new ArrayList<>();
    args.add(value == null ? "" : shorten(value));
    args.addAll(arguments);
    return args.toArray();
  }

  /** The key of the location prefix ("Items sheet, row 12, column DATA_TYPE: "). */
  public String locationKey() {
    if (sheet == null) {
      return "crf.location.file";
    }
    if (row == null) {
      return column == null ? "crf.location.sheet" : "crf.location.sheetColumn";
    }
    return column == null ? "crf.location.row" : "crf.location.cell";
  }

  /** The arguments of {@link #locationKey()}: sheet, row (as text) and column. */
  public Object[] locationArguments() {
    return new Object[] {
      sheet == null ? "" : sheet, row == null ? "" : row.toString(), column == null ? "" : column
    };
  }

  private static String shorten(String value) {
    String oneLine = value.replaceAll("\\s+", " ").strip();
    return oneLine.codePointCount(0, oneLine.length()) > 80
        ? oneLine.substring(0, oneLine.offsetByCodePoints(0, 77)) + "..."
        : oneLine;
  }
}
