package jp.ac.umin.libreclinica.core.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The character encodings a CSV file is offered in. */
public enum CsvEncoding {
  /** UTF-8 with a byte-order mark, which Excel needs to recognise UTF-8. */
  UTF8_BOM(StandardCharsets.UTF_8, true),
  /** UTF-8 without a byte-order mark, for programs. */
  UTF8(StandardCharsets.UTF_8, false),
  /** Windows-31J (Microsoft's Shift_JIS), for older Japanese Excel. */
  WINDOWS_31J(Charset.forName("windows-31j"), false);

  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final Charset charset;
  private final boolean bom;

  CsvEncoding(Charset charset, boolean bom) {
    this.charset = charset;
    this.bom = bom;
  }

  public Charset charset() {
    return charset;
  }

  public boolean writesBom() {
    return bom;
  }

  /** The default for a reader of the given language: Excel-friendly UTF-8 for Japanese. */
  public static CsvEncoding defaultFor(Locale locale) {
    return "ja".equals(locale.getLanguage()) ? UTF8_BOM : UTF8;
  }
}
