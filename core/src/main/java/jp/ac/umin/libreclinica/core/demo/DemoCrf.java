package jp.ac.umin.libreclinica.core.demo;

import static jp.ac.umin.libreclinica.core.crf.template.TemplateColumn.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.ac.umin.libreclinica.core.crf.template.CrfSpreadsheetWriter;
import jp.ac.umin.libreclinica.core.crf.template.TemplateColumn;
import jp.ac.umin.libreclinica.core.crf.template.TemplateSheet;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;

/**
 * The demo CRF: one design spreadsheet with every response type (text of each data type,
 * textarea, single-select, radio, multi-select, checkbox, calculation, group-calculation,
 * instant-calculation, file), a repeating grid, units, checks and Japanese labels; and the
 * realistic values a CRC would type into it.
 */
final class DemoCrf {

  static final String FILE_ITEM = "ATTACH";

  private static final String[] COMMENTS = {
    "特記事項なし。",
    "軽度の頭痛あり。経過観察とする。",
    "𠮷田医師に相談済み。次回来院時に再評価する。",
    "服薬遵守は良好。",
    "前回来院時より体重が 1.5 kg 減少。食欲低下の訴えあり。",
    "No change since the last visit.",
    "検査値に異常なし。患者さんの希望により次回は午前に来院予定。",
    "髙橋看護師が血圧を再測定（座位 5 分安静後）。",
  };

  private static final String[] DRUGS = {
    "アムロジピン", "メトホルミン", "ロスバスタチン", "ランソプラゾール", "アセトアミノフェン", "酸化マグネシウム",
  };

  private DemoCrf() {}

  /** The design spreadsheet of demo CRF number {@code n}, named {@code name}. */
  static byte[] spreadsheet(String name, int n) {
    CrfSpreadsheetWriter w = new CrfSpreadsheetWriter();
    w.row(TemplateSheet.CRF, CRF_NAME, name, VERSION, "v1.0", VERSION_DESCRIPTION, "デモ用 初版 (demo " + n + ")",
        REVISION_NOTES, "demo-data で生成");
    w.row(TemplateSheet.SECTIONS, SECTION_LABEL, "VS", SECTION_TITLE, "診察所見 / Examination",
        INSTRUCTIONS, "<b>来院日</b>の所見を記入してください。");
    w.row(TemplateSheet.SECTIONS, SECTION_LABEL, "CM", SECTION_TITLE, "併用薬 / Concomitant medication");
    w.row(TemplateSheet.GROUPS, GROUP_LABEL, "CM_LOG", GROUP_LAYOUT, "GRID", GROUP_HEADER, "併用薬",
        GROUP_REPEAT_NUMBER, "1", GROUP_REPEAT_MAX, "10");
    item(w, "VISDAT", "VS", null, "来院日 / Visit date", "text", "DATE").required();
    item(w, "HEIGHT", "VS", null, "身長 / Height", "text", "REAL").units("cm").width("5(1)")
        .check("func: range(50, 250)", "身長は 50～250 cm で入力してください");
    item(w, "WEIGHT", "VS", null, "体重 / Weight", "text", "REAL").units("kg").width("5(1)")
        .check("func: range(2, 300)", "体重は 2～300 kg で入力してください");
    item(w, "BMI", "VS", null, "BMI", "calculation", "REAL").units("kg/m2").width("w(1)")
        .values("func: WEIGHT/pow(HEIGHT/100, 2)");
    item(w, "SYSBP", "VS", null, "収縮期血圧 / Systolic BP", "text", "INT").units("mmHg")
        .check("func: range(50, 260)", "50～260 mmHg");
    item(w, "ONSET", "VS", null, "発症年月 / Onset (year or year-month)", "text", "PDATE");
    item(w, "SMOKE", "VS", null, "喫煙 / Smoking", "radio", "INT").options("喫煙", "なし,過去,現在", "0,1,2")
        .layout("Horizontal");
    item(w, "SEVERITY", "VS", null, "重症度 / Severity", "single-select", "INT")
        .options("重症度", "軽度,中等度,重度", "1,2,3");
    item(w, "SYMPTOMS", "VS", null, "症状 / Symptoms", "multi-select", "ST")
        .options("症状", "頭痛,発熱,咳\\, 痰,倦怠感", "HA,FE,CO,FA");
    item(w, "HISTORY", "VS", null, "既往歴 / Medical history", "checkbox", "ST")
        .options("既往歴", "高血圧,糖尿病,脂質異常症", "HT,DM,DL").layout("Vertical");
    item(w, "SMOKER", "VS", null, "喫煙歴の確認 / Smoking recorded", "instant-calculation", "ST")
        .values("func: onchange(SMOKE, recorded)");
    item(w, "COMMENT", "VS", null, "所見 / Comment", "textarea", "ST").width("2000(d)");
    item(w, FILE_ITEM, "VS", null, "添付ファイル / Attachment", "file", "FILE");
    item(w, "CMNAME", "CM", "CM_LOG", "薬剤名 / Drug", "text", "ST").width("100(d)");
    item(w, "CMDOSE", "CM", "CM_LOG", "1日量 / Daily dose", "text", "REAL").units("mg").width("7(1)");
    item(w, "CMTOTAL", "CM", null, "1日量の合計 / Total daily dose", "group-calculation", "REAL").units("mg")
        .values("func: sum(CMDOSE)");
    return w.xlsx();
  }

  private static ItemRow item(
      CrfSpreadsheetWriter w, String name, String section, String group, String text, String type, String dataType) {
    return new ItemRow(w, name, section, group, text, type, dataType);
  }

  /** The last row of the Items sheet, being filled in. */
  private static final class ItemRow {
    private final CrfSpreadsheetWriter w;

    ItemRow(CrfSpreadsheetWriter w, String name, String section, String group, String text, String type, String dataType) {
      this.w = w;
      w.row(TemplateSheet.ITEMS, ITEM_NAME, name, DESCRIPTION_LABEL, text, LEFT_ITEM_TEXT, text,
          ITEM_SECTION_LABEL, section, ITEM_GROUP_LABEL, group, RESPONSE_TYPE, type, DATA_TYPE, dataType);
    }

    private ItemRow set(TemplateColumn column, String value) {
      w.setLast(TemplateSheet.ITEMS, column, value);
      return this;
    }

    ItemRow required() {
      return set(REQUIRED, "1");
    }

    ItemRow units(String u) {
      return set(UNITS, u);
    }

    ItemRow width(String wd) {
      return set(WIDTH_DECIMAL, wd);
    }

    ItemRow check(String expression, String message) {
      return set(VALIDATION, expression).set(VALIDATION_ERROR_MESSAGE, message);
    }

    ItemRow values(String v) {
      return set(RESPONSE_VALUES_OR_CALCULATIONS, v);
    }

    ItemRow options(String label, String texts, String values) {
      return set(RESPONSE_LABEL, label).set(RESPONSE_OPTIONS_TEXT, texts).set(RESPONSE_VALUES_OR_CALCULATIONS, values);
    }

    ItemRow layout(String l) {
      return set(RESPONSE_LAYOUT, l);
    }
  }

  /**
   * The values typed into one event CRF (calculated and file items excepted): visit date from
   * the enrollment date and the visit number, numbers in their ranges, option values from the
   * code lists, Japanese free text, 0 to 3 rows of concomitant medication.
   */
  static Map<ItemKey, String> values(Random r, LocalDate enrolled, int visit) {
    Map<ItemKey, String> v = new LinkedHashMap<>();
    v.put(ItemKey.of("VISDAT"), enrolled.plusDays(28L * (visit - 1) + r.nextInt(5)).toString());
    double height = 145 + r.nextInt(400) / 10.0;
    v.put(ItemKey.of("HEIGHT"), String.format(java.util.Locale.ROOT, "%.1f", height));
    double bmi = 18 + r.nextInt(120) / 10.0;
    v.put(ItemKey.of("WEIGHT"), String.format(java.util.Locale.ROOT, "%.1f", bmi * height * height / 10000));
    v.put(ItemKey.of("SYSBP"), String.valueOf(100 + r.nextInt(70)));
    if (r.nextInt(4) > 0) {
      v.put(ItemKey.of("ONSET"), r.nextBoolean()
          ? String.format("%d-%02d", 2020 + r.nextInt(6), 1 + r.nextInt(12)) : String.valueOf(2015 + r.nextInt(10)));
    }
    v.put(ItemKey.of("SMOKE"), String.valueOf(r.nextInt(3)));
    v.put(ItemKey.of("SEVERITY"), String.valueOf(1 + r.nextInt(3)));
    v.put(ItemKey.of("SYMPTOMS"), subset(r, "HA", "FE", "CO", "FA"));
    v.put(ItemKey.of("HISTORY"), subset(r, "HT", "DM", "DL"));
    v.put(ItemKey.of("COMMENT"), COMMENTS[r.nextInt(COMMENTS.length)]);
    int rows = r.nextInt(4);
    for (int row = 1; row <= rows; row++) {
      v.put(new ItemKey("CMNAME", row), DRUGS[r.nextInt(DRUGS.length)]);
      v.put(new ItemKey("CMDOSE", row), String.valueOf(5 * (1 + r.nextInt(100))));
    }
    return v;
  }

  private static String subset(Random r, String... values) {
    List<String> chosen = new ArrayList<>();
    for (String s : values) {
      if (r.nextInt(3) == 0) {
        chosen.add(s);
      }
    }
    return String.join(",", chosen);
  }
}
