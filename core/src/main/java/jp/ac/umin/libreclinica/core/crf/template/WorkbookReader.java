package jp.ac.umin.libreclinica.core.crf.template;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Turns .xls/.xlsx bytes into text cells with Apache POI. Cells read as Excel shows them
 * (numbers without a trailing ".0", formulas by their cached result, never evaluated); text is
 * NFC-normalised. POI parses .xlsx XML without DTDs or external entities; the zip limits below
 * refuse zip bombs.
 */
final class WorkbookReader {

  static {
    // A sheet's XML may not inflate more than 100-fold, nor any entry beyond 200 MB.
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(200L * 1024 * 1024);
    ZipSecureFile.setMaxTextSize(50L * 1024 * 1024);
  }

  private final TemplateLimits limits;
  private final List<TemplateProblem> problems;

  WorkbookReader(TemplateLimits limits, List<TemplateProblem> problems) {
    this.limits = limits;
    this.problems = problems;
  }

  /** The workbook's sheets, or null when the file cannot be read at all (a problem is added). */
  RawWorkbook read(byte[] bytes) {
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
      if (workbook.getNumberOfSheets() > limits.maxSheets()) {
        fileError(
            "crf.file.tooManySheets",
            String.valueOf(workbook.getNumberOfSheets()),
            String.valueOf(limits.maxSheets()));
        return null;
      }
      DataFormatter formatter = new DataFormatter(Locale.US);
      formatter.setUseCachedValuesForFormulaCells(true);
      Map<TemplateSheet, RawSheet> sheets = new EnumMap<>(TemplateSheet.class);
      for (Sheet sheet : workbook) {
        TemplateSheet kind = kindOf(sheet.getSheetName());
        if (kind != null && !sheets.containsKey(kind)) {
          RawSheet raw = readSheet(kind, sheet, formatter);
          if (raw != null) {
            sheets.put(kind, raw);
          }
        }
      }
      return new RawWorkbook(sheets);
    } catch (EncryptedDocumentException e) {
      fileError("crf.file.encrypted");
      return null;
    } catch (IOException | RuntimeException e) {
      // Not a workbook, damaged, or refused by POI's safety limits.
      fileError("crf.file.unreadable");
      return null;
    }
  }

  private RawSheet readSheet(TemplateSheet kind, Sheet sheet, DataFormatter formatter) {
    List<TemplateColumn> known = TemplateColumn.of(kind);
    Map<Integer, TemplateColumn> byIndex = new HashMap<>();
    Set<TemplateColumn> present = EnumSet.noneOf(TemplateColumn.class);
    Row header = sheet.getRow(0);
    if (header != null) {
      for (Cell cell : header) {
        String text = formatter.formatCellValue(cell);
        for (TemplateColumn column : known) {
          if (!present.contains(column) && column.matches(text)) {
            byIndex.put(cell.getColumnIndex(), column);
            present.add(column);
            break;
          }
        }
      }
    }
    List<RawSheet.RawRow> rows = new ArrayList<>();
    for (Row row : sheet) {
      if (row.getRowNum() == 0) {
        continue;
      }
      Map<TemplateColumn, String> cells = new EnumMap<>(TemplateColumn.class);
      for (Cell cell : row) {
        TemplateColumn column = byIndex.get(cell.getColumnIndex());
        if (column == null) {
          continue;
        }
        String text = formatter.formatCellValue(cell);
        if (!text.isBlank()) {
          cells.put(column, Normalizer.normalize(text, Normalizer.Form.NFC));
        }
      }
      if (cells.isEmpty()) {
        continue;
      }
      if (rows.size() >= limits.maxRowsPerSheet()) {
        problems.add(
            new TemplateProblem(
                TemplateProblem.Severity.ERROR,
                kind.sheetName(),
                null,
                null,
                null,
                "crf.sheet.tooManyRows",
                List.of(String.valueOf(limits.maxRowsPerSheet()))));
        return null;
      }
      rows.add(new RawSheet.RawRow(row.getRowNum() + 1, cells));
    }
    return new RawSheet(kind, present, rows);
  }

  private static TemplateSheet kindOf(String sheetName) {
    String name = sheetName == null ? "" : sheetName.strip();
    for (TemplateSheet s : TemplateSheet.values()) {
      if (s.sheetName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    return null;
  }

  private void fileError(String key, String... args) {
    problems.add(
        new TemplateProblem(
            TemplateProblem.Severity.ERROR, null, null, null, null, key, List.of(args)));
  }
}
