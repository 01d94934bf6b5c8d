package jp.ac.umin.libreclinica.core.extract;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.csv.CsvWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Tab-delimited text (UTF-8, LF line ends) or CSV (RFC 4180, UTF-8 with a BOM or Windows-31J):
 * the column listing first, then the data, as two zip entries. Values that need it are quoted
 * ({@code "}, doubled inside), so tabs, commas and line breaks in values survive.
 */
final class DelimitedSink implements TableSink {

  private static final CSVFormat TAB = CSVFormat.RFC4180.builder().setDelimiter('\t').setRecordSeparator("\n").get();

  private final ZipOutputStream zip;
  private final String baseName;
  private final CsvEncoding encoding;
  private final String extension;
  private Rows data;

  /** @param encoding null for tab-delimited UTF-8 */
  DelimitedSink(ZipOutputStream zip, String baseName, CsvEncoding encoding) {
    this.zip = zip;
    this.baseName = baseName;
    this.encoding = encoding;
    this.extension = encoding == null ? ".tsv" : ".csv";
  }

  @Override
  public void start(List<ExtractColumn> columns) throws IOException {
    zip.putNextEntry(new ZipEntry(baseName + "-columns" + extension));
    Rows listing = open();
    listing.header(ColumnListing.HEADER);
    for (List<String> r : ColumnListing.rows(columns)) {
      listing.row(r.get(0), r);
    }
    listing.finish();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(baseName + extension));
    data = open();
    data.header(columns.stream().map(ExtractColumn::name).toList());
  }

  @Override
  public void row(String subjectLabel, String[] values) throws IOException {
    data.row(subjectLabel, Arrays.asList(values));
  }

  @Override
  public void finish() throws IOException {
    data.finish();
    zip.closeEntry();
  }

  private Rows open() {
    NonClosingOutputStream out = new NonClosingOutputStream(zip);
    if (encoding != null) {
      CsvWriter w = new CsvWriter(out, encoding);
      return new Rows() {
        @Override
        public void header(List<String> names) {
          w.header(names);
        }

        @Override
        public void row(String label, List<?> values) {
          w.row(label, values);
        }

        @Override
        public void finish() throws IOException {
          w.finish();
          w.close();
        }
      };
    }
    try {
      CSVPrinter p = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), TAB);
      return new Rows() {
        @Override
        public void header(List<String> names) throws IOException {
          p.printRecord(names);
        }

        @Override
        public void row(String label, List<?> values) throws IOException {
          p.printRecord(values);
        }

        @Override
        public void finish() throws IOException {
          p.close(true);
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A delimited file being written. */
  private interface Rows {
    void header(List<String> names) throws IOException;

    void row(String label, List<?> values) throws IOException;

    void finish() throws IOException;
  }
}
