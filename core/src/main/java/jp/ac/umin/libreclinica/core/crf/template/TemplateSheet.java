package jp.ac.umin.libreclinica.core.crf.template;

/** The worksheets of a CRF design spreadsheet, under the names the templates give them. */
public enum TemplateSheet {
  CRF("CRF", true),
  SECTIONS("Sections", true),
  GROUPS("Groups", false),
  ITEMS("Items", true);

  private final String sheetName;
  private final boolean required;

  TemplateSheet(String sheetName, boolean required) {
    this.sheetName = sheetName;
    this.required = required;
  }

  /** The name as the templates spell it (matching ignores case and surrounding spaces). */
  public String sheetName() {
    return sheetName;
  }

  /** Groups may be missing altogether (older templates); the other three may not. */
  public boolean required() {
    return required;
  }
}
