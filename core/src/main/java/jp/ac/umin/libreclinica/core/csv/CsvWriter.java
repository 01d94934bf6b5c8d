package jp.ac.umin.libreclinica.core.csv;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV file row by row (RFC 4180: CRLF line ends, quotes where needed). Where the
 * encoding cannot hold a value, the writer keeps going and remembers where; {@link #finish()}
 * then refuses the file, listing every place, so that the caller can discard it and tell the
 * user which values to look at. Write to a temporary file when the encoding may fail.
 */
public class CsvWriter implements Closeable {

  /** How many unencodable places are listed at most. */
  static final int MAX_LISTED = 200;

  private final CSVPrinter printer;
  private final CharsetEncoder encoder;
  private final List<UnencodableValue> problems = new ArrayList<>();
  private int problemCount;
  private List<String> header = List.of();
  private long rowNumber;

  public CsvWriter(OutputStream out, CsvEncoding encoding) {
    try {
      if (encoding.writesBom()) {
        out.write(CsvEncoding.BOM);
      }
      this.printer =
          new CSVPrinter(
              new BufferedWriter(new OutputStreamWriter(out, encoding.charset())),
              CSVFormat.RFC4180);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.encoder = encoding.charset().newEncoder();
  }

  /** The first row; its names are used to say where a problem is. */
  public void header(List<String> names) {
    this.header = List.copyOf(names);
    row(null, names);
  }

  /**
   * One row. {@code rowLabel} names the row for a person (a subject ID, say); it is used only
   * in problem reports.
   */
  public void row(String rowLabel, List<?> values) {
    rowNumber++;
    List<String> texts = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      String text = v == null ? "" : v.toString();
      if (!encoder.canEncode(text)) {
        problemCount++;
        if (problems.size() < MAX_LISTED) {
          String column = i < header.size() ? header.get(i) : String.valueOf(i + 1);
          problems.add(new UnencodableValue(rowNumber, rowLabel, column, firstUnencodable(text)));
        }
        text = "";
      }
      texts.add(text);
    }
    try {
      printer.printRecord(texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes the file, or refuses it when some value could not be written. */
  public void finish() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (problemCount > 0) {
      throw new UnencodableValuesException(problems, problemCount);
    }
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }

  private String firstUnencodable(String text) {
    return text.codePoints()
        .mapToObj(Character::toString)
        .filter(ch -> !encoder.canEncode(ch))
        .findFirst()
        .orElse("");
  }
}
