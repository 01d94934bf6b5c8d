package jp.ac.umin.libreclinica.core.crf.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of each worksheet. A header cell matches a column when both read the same after
 * dropping case, {@code *}, spaces and underscores ({@code "Item Name"}, {@code ITEM_NAME*} and
 * {@code item_name} all match {@link #ITEM_NAME}); some columns have older spellings as well.
 */
public enum TemplateColumn {
  CRF_NAME(TemplateSheet.CRF, true),
  VERSION(TemplateSheet.CRF, true),
  VERSION_DESCRIPTION(TemplateSheet.CRF, true),
  REVISION_NOTES(TemplateSheet.CRF, true),

  SECTION_LABEL(TemplateSheet.SECTIONS, true),
  SECTION_TITLE(TemplateSheet.SECTIONS, true),
  SUBTITLE(TemplateSheet.SECTIONS, false),
  INSTRUCTIONS(TemplateSheet.SECTIONS, false),
  SECTION_PAGE_NUMBER(TemplateSheet.SECTIONS, false, "PAGE_NUMBER"),
  PARENT_SECTION(TemplateSheet.SECTIONS, false),
  BORDERS(TemplateSheet.SECTIONS, false),

  GROUP_LABEL(TemplateSheet.GROUPS, true),
  GROUP_LAYOUT(TemplateSheet.GROUPS, false),
  GROUP_HEADER(TemplateSheet.GROUPS, false),
  GROUP_REPEAT_NUMBER(TemplateSheet.GROUPS, false, "GROUP_REPEAT_NUMBER", "GROUP_REPEAT_NUM"),
  GROUP_REPEAT_MAX(TemplateSheet.GROUPS, false),
  GROUP_DISPLAY_STATUS(TemplateSheet.GROUPS, false),

  ITEM_NAME(TemplateSheet.ITEMS, true),
  DESCRIPTION_LABEL(TemplateSheet.ITEMS, true),
  LEFT_ITEM_TEXT(TemplateSheet.ITEMS, false),
  UNITS(TemplateSheet.ITEMS, false),
  RIGHT_ITEM_TEXT(TemplateSheet.ITEMS, false),
  ITEM_SECTION_LABEL(TemplateSheet.ITEMS, true, "SECTION_LABEL"),
  ITEM_GROUP_LABEL(TemplateSheet.ITEMS, false, "GROUP_LABEL"),
  HEADER(TemplateSheet.ITEMS, false),
  SUBHEADER(TemplateSheet.ITEMS, false),
  PARENT_ITEM(TemplateSheet.ITEMS, false),
  COLUMN_NUMBER(TemplateSheet.ITEMS, false),
  ITEM_PAGE_NUMBER(TemplateSheet.ITEMS, false, "PAGE_NUMBER"),
  QUESTION_NUMBER(TemplateSheet.ITEMS, false),
  RESPONSE_TYPE(TemplateSheet.ITEMS, true),
  RESPONSE_LABEL(TemplateSheet.ITEMS, false),
  RESPONSE_OPTIONS_TEXT(TemplateSheet.ITEMS, false),
  RESPONSE_VALUES_OR_CALCULATIONS(
      TemplateSheet.ITEMS, false, "RESPONSE_VALUES_OR_CALCULATIONS", "RESPONSE_VALUES"),
  RESPONSE_LAYOUT(TemplateSheet.ITEMS, false),
  DEFAULT_VALUE(TemplateSheet.ITEMS, false),
  DATA_TYPE(TemplateSheet.ITEMS, true),
  WIDTH_DECIMAL(TemplateSheet.ITEMS, false),
  VALIDATION(TemplateSheet.ITEMS, false),
  VALIDATION_ERROR_MESSAGE(TemplateSheet.ITEMS, false),
  PHI(TemplateSheet.ITEMS, false),
  REQUIRED(TemplateSheet.ITEMS, false),
  ITEM_DISPLAY_STATUS(TemplateSheet.ITEMS, false),
  SIMPLE_CONDITIONAL_DISPLAY(TemplateSheet.ITEMS, false);

  private final TemplateSheet sheet;
  private final boolean required;
  private final List<String> headers;

  TemplateColumn(TemplateSheet sheet, boolean required, String... headers) {
    this.sheet = sheet;
    this.required = required;
    List<String> h = new ArrayList<>();
    if (headers.length == 0) {
      h.add(name());
    } else {
      h.addAll(List.of(headers));
    }
    this.headers = List.copyOf(h);
  }

  public TemplateSheet sheet() {
    return sheet;
  }

  /** Whether the header must be present in its sheet. */
  public boolean required() {
    return required;
  }

  /** The header as the current templates spell it (without {@code *}), e.g. {@code DATA_TYPE}. */
  public String header() {
    return headers.get(0);
  }

  boolean matches(String headerCell) {
    String key = key(headerCell);
    return !key.isEmpty() && headers.stream().anyMatch(h -> key(h).equals(key));
  }

  static String key(String header) {
    return header == null
        ? ""
        : header.toUpperCase(Locale.ROOT).replaceAll("[\\s*_\\-]+", "");
  }

  static List<TemplateColumn> of(TemplateSheet sheet) {
    List<TemplateColumn> result = new ArrayList<>();
    for (TemplateColumn c : values()) {
      if (c.sheet == sheet) {
        result.add(c);
      }
    }
    return result;
  }
}
