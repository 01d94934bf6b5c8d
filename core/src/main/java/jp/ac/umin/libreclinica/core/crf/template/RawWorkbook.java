package jp.ac.umin.libreclinica.core.crf.template;

import java.util.EnumMap;
import java.util.Map;

/** The worksheets of a CRF spreadsheet that were found (a missing sheet has no entry). */
record RawWorkbook(Map<TemplateSheet, RawSheet> sheets) {

  RawWorkbook {
    sheets = sheets.isEmpty() ? Map.of() : new EnumMap<>(sheets);
  }

  RawSheet sheet(TemplateSheet sheet) {
    return sheets.get(sheet);
  }
}
