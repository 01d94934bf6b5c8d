package jp.ac.umin.libreclinica.core.extract;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An Excel workbook written with POI's streaming workbook: a "Data" sheet (a header row of
 * column names, one row per subject) and a "Columns" sheet (the column listing). Only
 * {@value #WINDOW} rows are in memory; the rest goes to compressed temporary files, deleted
 * when the workbook is written. Numbers in integer and decimal columns become numeric cells;
 * everything else is text, as stored.
 */
final class XlsxSink implements TableSink {

  static final int WINDOW = 100;
  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

  private final ZipOutputStream zip;
  private final String baseName;
  private SXSSFWorkbook workbook;
  private SXSSFSheet sheet;
  private List<ExtractColumn> columns;
  private int rowNumber;

  XlsxSink(ZipOutputStream zip, String baseName) {
    this.zip = zip;
    this.baseName = baseName;
  }

  @Override
  public void start(List<ExtractColumn> columns) {
    int max = SpreadsheetVersion.EXCEL2007.getMaxColumns();
    if (columns.size() > max) {
      throw new InvalidInputException("extract.xlsx.tooManyColumns", columns.size(), max);
    }
    this.columns = columns;
    workbook = new SXSSFWorkbook(WINDOW);
    workbook.setCompressTempFiles(true);
    sheet = workbook.createSheet("Data");
    Row header = sheet.createRow(rowNumber++);
    for (int i = 0; i < columns.size(); i++) {
      header.createCell(i).setCellValue(columns.get(i).name());
    }
    SXSSFSheet listing = workbook.createSheet("Columns");
    Row h = listing.createRow(0);
    for (int i = 0; i < ColumnListing.HEADER.size(); i++) {
      h.createCell(i).setCellValue(ColumnListing.HEADER.get(i));
    }
    int r = 1;
    for (List<String> values : ColumnListing.rows(columns)) {
      Row row = listing.createRow(r++);
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          row.createCell(i).setCellValue(values.get(i));
        }
      }
    }
  }

  @Override
  public void row(String subjectLabel, String[] values) {
    Row row = sheet.createRow(rowNumber++);
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (columns.get(i).numeric() && v.length() <= 16 && NUMBER.matcher(v).matches()) {
        row.createCell(i).setCellValue(Double.parseDouble(v));
      } else {
        row.createCell(i).setCellValue(v);
      }
    }
  }

  @Override
  public void finish() throws IOException {
    try {
      zip.putNextEntry(new ZipEntry(baseName + ".xlsx"));
      workbook.write(new NonClosingOutputStream(zip));
      zip.closeEntry();
    } finally {
      close();
    }
  }

  /** Deletes the temporary files (also when the extract failed or was cancelled). */
  void close() throws IOException {
    if (workbook != null) {
      workbook.dispose();
      workbook.close();
      workbook = null;
    }
  }
}
