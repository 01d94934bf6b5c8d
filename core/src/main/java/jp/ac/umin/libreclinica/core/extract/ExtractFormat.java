package jp.ac.umin.libreclinica.core.extract;

/** The formats a dataset can be extracted in; each extract is delivered as one zip. */
public enum ExtractFormat {
  /** ODM 1.3 with the OpenClinica extensions, audit logs and discrepancy notes. */
  ODM_FULL,
  /** ODM 1.3 clinical data with the OpenClinica extensions, no audits or notes. */
  ODM_CLINICAL,
  /** Tab-delimited text, UTF-8. */
  TAB,
  /** Comma-separated values, UTF-8 with a byte order mark (Excel opens it as UTF-8). */
  CSV_UTF8_BOM,
  /** Comma-separated values in Windows-31J (Japanese Excel's own encoding). */
  CSV_WINDOWS_31J,
  /** SPSS: a tab-delimited data file plus a syntax (.sps) file that reads it. */
  SPSS,
  /** Excel workbook (.xlsx), written with POI's streaming workbook. */
  XLSX
}
