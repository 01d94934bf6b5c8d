package jp.ac.umin.libreclinica.core.crf.template;

/**
 * How large an uploaded spreadsheet may be: bytes, worksheets and non-blank rows per worksheet.
 * Beyond them the file is refused with a message instead of being read.
 */
public record TemplateLimits(long maxBytes, int maxSheets, int maxRowsPerSheet) {

  public static final TemplateLimits DEFAULT = new TemplateLimits(10L * 1024 * 1024, 20, 5000);
}
