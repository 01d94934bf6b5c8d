package jp.ac.umin.libreclinica.core.crf.template;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds CRF design spreadsheets for tests, as a data manager would fill in the template:
 * {@code CrfWorkbookBuilder.crf("Vitals", "v1").section("VS", "Vital signs").item("WEIGHT")
 * .dataType("REAL").done().xlsx()}. Headers are the current template's (without {@code *});
 * {@link #starredHeaders()} writes them as the v3.9/lc1.0 templates do.
 */
public final class CrfWorkbookBuilder {

  private final Map<String, SheetData> sheets = new LinkedHashMap<>();
  private boolean starred;

  private static final class SheetData {
    final List<String> headers;
    final List<Map<String, String>> rows = new ArrayList<>();

    SheetData(List<String> headers) {
      this.headers = new ArrayList<>(headers);
    }
  }

  private CrfWorkbookBuilder() {
    sheets.put("CRF", new SheetData(List.of("CRF_NAME", "VERSION", "VERSION_DESCRIPTION", "REVISION_NOTES")));
    sheets.put("Sections", new SheetData(List.of(
        "SECTION_LABEL", "SECTION_TITLE", "SUBTITLE", "INSTRUCTIONS", "PAGE_NUMBER", "PARENT_SECTION", "BORDERS")));
    sheets.put("Groups", new SheetData(List.of(
        "GROUP_LABEL", "GROUP_LAYOUT", "GROUP_HEADER", "GROUP_REPEAT_NUMBER", "GROUP_REPEAT_MAX",
        "GROUP_DISPLAY_STATUS")));
    List<String> items = new ArrayList<>();
    for (TemplateColumn c : TemplateColumn.of(TemplateSheet.ITEMS)) {
      items.add(c.header());
    }
    sheets.put("Items", new SheetData(items));
  }

  /** A workbook whose CRF sheet names the CRF and its version (with description and notes). */
  public static CrfWorkbookBuilder crf(String name, String version) {
    CrfWorkbookBuilder b = new CrfWorkbookBuilder();
    b.row("CRF", "CRF_NAME", name, "VERSION", version, "VERSION_DESCRIPTION", "Test version",
        "REVISION_NOTES", "Written by the tests");
    return b;
  }

  /** A workbook with empty sheets: the template as downloaded. */
  public static CrfWorkbookBuilder empty() {
    return new CrfWorkbookBuilder();
  }

  public CrfWorkbookBuilder section(String label, String title) {
    return row("Sections", "SECTION_LABEL", label, "SECTION_TITLE", title);
  }

  /** A GRID group with repeat number and maximum (null leaves the cell blank). */
  public CrfWorkbookBuilder grid(String label, String header, String repeatNumber, String repeatMax) {
    return row("Groups", "GROUP_LABEL", label, "GROUP_LAYOUT", "GRID", "GROUP_HEADER", header,
        "GROUP_REPEAT_NUMBER", repeatNumber, "GROUP_REPEAT_MAX", repeatMax);
  }

  public CrfWorkbookBuilder group(String label, String layout) {
    return row("Groups", "GROUP_LABEL", label, "GROUP_LAYOUT", layout);
  }

  /** A text item of type ST in the first section; change it with the returned row. */
  public ItemRow item(String name) {
    Map<String, String> cells = new LinkedHashMap<>();
    sheets.get("Items").rows.add(cells);
    ItemRow row = new ItemRow(cells);
    String section = sheets.get("Sections").rows.isEmpty()
        ? "S1" : sheets.get("Sections").rows.get(0).get("SECTION_LABEL");
    return row.set("ITEM_NAME", name).set("DESCRIPTION_LABEL", "Description of " + name)
        .set("LEFT_ITEM_TEXT", name).set("SECTION_LABEL", section).set("RESPONSE_TYPE", "text")
        .set("DATA_TYPE", "ST");
  }

  /** Sets cells of the last row of a sheet. */
  public CrfWorkbookBuilder setLast(String sheet, String column, String value) {
    List<Map<String, String>> rows = sheets.get(sheet).rows;
    rows.get(rows.size() - 1).put(column, value);
    return this;
  }

  /** Adds a row to a sheet: column, value, column, value... */
  public CrfWorkbookBuilder row(String sheet, String... columnsAndValues) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      if (columnsAndValues[i + 1] != null) {
        cells.put(columnsAndValues[i], columnsAndValues[i + 1]);
      }
    }
    sheets.get(sheet).rows.add(cells);
    return this;
  }

  public CrfWorkbookBuilder withoutSheet(String sheet) {
    sheets.remove(sheet);
    return this;
  }

  public CrfWorkbookBuilder withoutColumn(String sheet, String column) {
    sheets.get(sheet).headers.remove(column);
    return this;
  }

  /** Renames a header cell, e.g. to test spelling tolerance. */
  public CrfWorkbookBuilder renameHeader(String sheet, String column, String header) {
    SheetData data = sheets.get(sheet);
    int i = data.headers.indexOf(column);
    data.headers.set(i, header);
    for (Map<String, String> row : data.rows) {
      if (row.containsKey(column)) {
        row.put(header, row.remove(column));
      }
    }
    return this;
  }

  /** Writes headers as the v3.9 and lc1.0 templates do: required ones end in {@code *}. */
  public CrfWorkbookBuilder starredHeaders() {
    this.starred = true;
    return this;
  }

  public byte[] xlsx() {
    return write(new XSSFWorkbook());
  }

  public byte[] xls() {
    return write(new HSSFWorkbook());
  }

  private byte[] write(Workbook wb) {
    try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (Map.Entry<String, SheetData> e : sheets.entrySet()) {
        Sheet sheet = wb.createSheet(e.getKey());
        SheetData data = e.getValue();
        Row header = sheet.createRow(0);
        for (int c = 0; c < data.headers.size(); c++) {
          String h = data.headers.get(c);
          header.createCell(c).setCellValue(starred && isRequired(h) ? h + "*" : h);
        }
        for (int r = 0; r < data.rows.size(); r++) {
          Row row = sheet.createRow(r + 1);
          for (int c = 0; c < data.headers.size(); c++) {
            String v = data.rows.get(r).get(data.headers.get(c));
            if (v != null) {
              row.createCell(c).setCellValue(v);
            }
          }
        }
      }
      wb.createSheet("Instructions").createRow(0).createCell(0).setCellValue("Written by the tests");
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isRequired(String header) {
    for (TemplateColumn c : TemplateColumn.values()) {
      if (c.header().equals(header) && c.required()) {
        return true;
      }
    }
    return false;
  }

  /** One row of the Items sheet. */
  public final class ItemRow {
    private final Map<String, String> cells;

    private ItemRow(Map<String, String> cells) {
      this.cells = cells;
    }

    public ItemRow set(String column, String value) {
      if (value == null) {
        cells.remove(column);
      } else {
        cells.put(column, value);
      }
      return this;
    }

    public ItemRow section(String label) {
      return set("SECTION_LABEL", label);
    }

    public ItemRow group(String label) {
      return set("GROUP_LABEL", label);
    }

    public ItemRow text(String left) {
      return set("LEFT_ITEM_TEXT", left);
    }

    public ItemRow units(String units) {
      return set("UNITS", units);
    }

    public ItemRow type(String responseType) {
      return set("RESPONSE_TYPE", responseType);
    }

    public ItemRow dataType(String dataType) {
      return set("DATA_TYPE", dataType);
    }

    /** A response set: label, comma-separated option texts and values. */
    public ItemRow options(String type, String label, String texts, String values) {
      return set("RESPONSE_TYPE", type).set("RESPONSE_LABEL", label)
          .set("RESPONSE_OPTIONS_TEXT", texts).set("RESPONSE_VALUES_OR_CALCULATIONS", values);
    }

    public ItemRow calculation(String type, String expression) {
      return set("RESPONSE_TYPE", type).set("RESPONSE_VALUES_OR_CALCULATIONS", expression);
    }

    public ItemRow width(String widthDecimal) {
      return set("WIDTH_DECIMAL", widthDecimal);
    }

    public ItemRow validation(String expression, String message) {
      return set("VALIDATION", expression).set("VALIDATION_ERROR_MESSAGE", message);
    }

    public ItemRow required() {
      return set("REQUIRED", "1");
    }

    public ItemRow hiddenUnless(String item, String value, String message) {
      return set("ITEM_DISPLAY_STATUS", "HIDE")
          .set("SIMPLE_CONDITIONAL_DISPLAY", item + "," + value + "," + message);
    }

    /** Back to the workbook. */
    public CrfWorkbookBuilder done() {
      return CrfWorkbookBuilder.this;
    }
  }
}
