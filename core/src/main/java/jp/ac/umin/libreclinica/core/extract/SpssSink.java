package jp.ac.umin.libreclinica.core.extract;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.CodeListEntry;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.ValueType;

/**
 * SPSS: a syntax file ({@code .sps}, UTF-8 with a BOM) that reads the data file ({@code .dat},
 * UTF-8, tab-delimited, one case per line, no header) with {@code DATA LIST LIST(TAB)}, then sets
 * variable labels, value labels (from the items' code lists) and measurement levels.
 *
 * <p>String widths are the longest value's length in bytes, never a fixed 255: a 1,000-character
 * text is declared at least A1000 and read whole (OpenClinica PR #2032). Values are written as
 * they are, unquoted (SPSS and PSPP keep quotes of tab-delimited data as part of the value); a
 * tab or line break inside a value is written as a space, because SPSS splits at every tab and
 * reads one case per line. Checked with PSPP 1.6 ({@code SpssSinkTest} leaves a sample).
 */
final class SpssSink implements TableSink {

  /** SPSS's longest string variable. */
  static final int MAX_STRING = 32_767;
  private static final int MAX_VARIABLE_LABEL = 256;
  private static final int MAX_VALUE_LABEL = 120;

  private final ZipOutputStream zip;
  private final String baseName;
  private List<ExtractColumn> columns;
  private Writer data;

  SpssSink(ZipOutputStream zip, String baseName) {
    this.zip = zip;
    this.baseName = baseName;
  }

  @Override
  public void start(List<ExtractColumn> columns) throws IOException {
    this.columns = columns;
    zip.putNextEntry(new ZipEntry(baseName + ".sps"));
    Writer sps = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(zip), StandardCharsets.UTF_8));
    sps.write('\uFEFF');
    sps.write(syntax(baseName + ".dat", columns));
    sps.close();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(baseName + ".dat"));
    data = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(zip), StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void row(String subjectLabel, String[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        data.write('\t');
      }
      String v = values[i];
      if (v == null || v.isEmpty()) {
        continue;
      }
      if (columns.get(i).type() == ValueType.STRING) {
        // SPSS (and PSPP) split LIST(TAB) data at every tab and read one case per line, quotes
        // included: a tab or line break inside a value becomes a space, nothing else changes
        data.write(v.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' '));
      } else {
        data.write(v);
      }
    }
    data.write('\n');
  }

  @Override
  public void finish() throws IOException {
    data.close();
    zip.closeEntry();
  }

  /** The syntax that reads {@code dataFile} with these columns. */
  static String syntax(String dataFile, List<ExtractColumn> columns) {
    StringBuilder s = new StringBuilder();
    s.append("* SPSS syntax written by UMIN LibreClinica: reads ").append(dataFile).append(".\n");
    s.append("* Both files are UTF-8: run SPSS in Unicode mode and this syntax from the data file's folder.\n");
    s.append("DATA LIST LIST(TAB) FILE='").append(quoteless(dataFile)).append("' ENCODING='UTF8'\n");
    s.append("  /");
    for (int i = 0; i < columns.size(); i++) {
      ExtractColumn c = columns.get(i);
      s.append(i == 0 ? "" : "   ").append(c.name()).append(" (").append(format(c)).append(")\n");
    }
    s.append(".\n\nVARIABLE LABELS\n");
    for (int i = 0; i < columns.size(); i++) {
      ExtractColumn c = columns.get(i);
      s.append(i == 0 ? "  " : "  /").append(c.name()).append(' ')
          .append(quoted(c.label() == null ? c.name() : c.label(), MAX_VARIABLE_LABEL)).append('\n');
    }
    s.append(".\n");
    List<ExtractColumn> coded = columns.stream().filter(c -> !c.codeList().isEmpty()).toList();
    if (!coded.isEmpty()) {
      s.append("\nVALUE LABELS\n");
      for (int i = 0; i < coded.size(); i++) {
        ExtractColumn c = coded.get(i);
        s.append(i == 0 ? "  " : "  /").append(c.name()).append('\n');
        for (CodeListEntry e : c.codeList()) {
          String value = c.numeric() ? e.value() : quoted(e.value(), Integer.MAX_VALUE);
          s.append("    ").append(value).append(' ').append(quoted(e.label(), MAX_VALUE_LABEL)).append('\n');
        }
      }
      s.append(".\n");
    }
    List<String> nominal = new ArrayList<>();
    List<String> scale = new ArrayList<>();
    for (ExtractColumn c : columns) {
      (c.numeric() && c.codeList().isEmpty() ? scale : nominal).add(c.name());
    }
    s.append("\nVARIABLE LEVEL");
    String sep = "\n  ";
    if (!nominal.isEmpty()) {
      s.append(sep).append(String.join(" ", nominal)).append(" (NOMINAL)");
      sep = "\n  /";
    }
    if (!scale.isEmpty()) {
      s.append(sep).append(String.join(" ", scale)).append(" (SCALE)");
    }
    s.append(".\n\nEXECUTE.\n");
    return s.toString();
  }

  /** The variable's input format: strings as wide as their longest value, dates as ISO dates. */
  static String format(ExtractColumn c) {
    return switch (c.type()) {
      case INTEGER -> "F" + Math.max(8, Math.min(40, c.width())) + ".0";
      case DECIMAL -> {
        int d = Math.min(16, c.decimals());
        yield "F" + Math.max(8, Math.min(40, Math.max(c.width(), d + 2))) + "." + d;
      }
      case DATE -> "SDATE10";
      case STRING -> "A" + Math.max(1, Math.min(MAX_STRING, c.width()));
    };
  }

  /** A quoted SPSS string, cut at {@code maxBytes} bytes (on a character boundary). */
  static String quoted(String text, int maxBytes) {
    String t = text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    while (t.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      t = t.substring(0, t.offsetByCodePoints(t.length(), -1));
    }
    return "'" + t.replace("'", "''") + "'";
  }

  private static String quoteless(String fileName) {
    return fileName.replace("'", "_");
  }
}
