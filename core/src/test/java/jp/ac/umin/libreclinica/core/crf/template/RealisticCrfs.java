package jp.ac.umin.libreclinica.core.crf.template;

/** CRFs a data manager would write, built as spreadsheets for tests and the benchmark. */
public final class RealisticCrfs {

  private RealisticCrfs() {}

  /** Adverse events: a repeating grid of terms, dates, severity and seriousness. */
  public static CrfWorkbookBuilder adverseEvents(String name, String version) {
    return CrfWorkbookBuilder.crf(name, version)
        .section("AE", "Adverse events")
        .setLast("Sections", "INSTRUCTIONS", "Record <b>every</b> adverse event.<br>One row per event.")
        .grid("AE_LOG", "<i>Adverse event log</i>", "3", "50")
        .item("AEYN").text("Any adverse events?").options("radio", "YN", "Yes,No", "1,0")
            .dataType("INT").required().done()
        .item("AETERM").group("AE_LOG").text("Term").width("200(d)").required().done()
        .item("AESTDT").group("AE_LOG").text("Start date").dataType("DATE").done()
        .item("AEENDT").group("AE_LOG").text("End date").dataType("PDATE").done()
        .item("AESEV").group("AE_LOG").text("Severity")
            .options("single-select", "SEV", "Mild,Moderate,Severe", "1,2,3").dataType("INT")
            .set("DEFAULT_VALUE", "Select one").done()
        .item("AESER").group("AE_LOG").text("Serious").options("radio", "YN", "", "").dataType("INT").done()
        .item("AEREL").group("AE_LOG").text("Related to study drug")
            .options("checkbox", "REL", "Drug A,Drug B,Procedure\\, other", "A,B,P").done()
        .item("AECOUNT").text("Number of events").calculation("group-calculation", "func: sum(AESEV)")
            .dataType("INT").done();
  }

  /** Vital signs: numbers with checks, a BMI calculation, a shown-on-answer pregnancy question. */
  public static CrfWorkbookBuilder vitalSigns(String name, String version) {
    return CrfWorkbookBuilder.crf(name, version)
        .section("VS", "Vital signs")
        .group("VS_MAIN", "NON-REPEATING")
        .item("VSDAT").group("VS_MAIN").text("Date of measurement").dataType("DATE").required().done()
        .item("HEIGHT").group("VS_MAIN").text("Height").units("cm").dataType("REAL").width("5(1)")
            .validation("func: range(50, 250)", "Height must be between 50 and 250 cm").done()
        .item("WEIGHT").group("VS_MAIN").text("Weight").units("kg").dataType("REAL").width("5(1)")
            .validation("func: range(2, 300)", "Weight must be between 2 and 300 kg").set("COLUMN_NUMBER", "2").done()
        .item("BMI").group("VS_MAIN").text("BMI").units("kg/m2")
            .calculation("calculation", "func: WEIGHT/pow(HEIGHT/100, 2)").dataType("REAL").width("w(1)").done()
        .item("SYSBP").group("VS_MAIN").text("Systolic blood pressure").units("mmHg").dataType("INT")
            .validation("func: gt(0)", "Must be positive").set("QUESTION_NUMBER", "3a").done()
        .item("DIABP").group("VS_MAIN").text("Diastolic blood pressure").units("mmHg").dataType("INT")
            .validation("func: lt(200)", "Must be below 200").set("QUESTION_NUMBER", "3b").done()
        .item("TIME").group("VS_MAIN").text("Time").validation("regexp: /([01]\\d|2[0-3]):[0-5]\\d/", "Use hh:mm").done()
        .item("SEX").group("VS_MAIN").text("Sex").options("radio", "SEX", "Male,Female", "1,2")
            .dataType("INT").set("RESPONSE_LAYOUT", "Horizontal").done()
        .item("PREG").group("VS_MAIN").text("Pregnant?").options("radio", "YN", "Yes,No", "1,0")
            .dataType("INT").hiddenUnless("SEX", "2", "Only for female subjects").done()
        .item("COMMENT").group("VS_MAIN").text("Comment").type("textarea").set("PHI", "1").done();
  }

  /** A Japanese form: Japanese sections, texts, options and a non-BMP character (𠮷). */
  public static CrfWorkbookBuilder japanese(String name, String version) {
    return CrfWorkbookBuilder.crf(name, version)
        .setLast("CRF", "VERSION_DESCRIPTION", "初版")
        .setLast("CRF", "REVISION_NOTES", "新規作成")
        .section("背景", "患者背景")
        .setLast("Sections", "INSTRUCTIONS", "<b>同意取得後</b>に記入してください。")
        .item("KANJA_SEI").text("氏（𠮷野家の「𠮷」も可）").set("DESCRIPTION_LABEL", "患者の姓").done()
        .item("SEIBETSU").text("性別").options("radio", "性別", "男性,女性,回答しない", "1,2,9").dataType("INT").done()
        .item("TAIJU").text("体重").units("kg").dataType("REAL").width("5(1)")
            .validation("func: range(1, 300)", "1～300 kg の範囲で入力してください").done()
        .item("KIOREKI").text("既往歴").options("checkbox", "既往歴", "高血圧,糖尿病,脂質異常症\\, その他", "HT,DM,DL")
            .done()
        .item("NINSHIN").text("妊娠の有無").options("radio", "有無", "あり,なし", "1,0").dataType("INT")
            .hiddenUnless("SEIBETSU", "2", "女性の場合のみ入力してください").done();
  }

  /** A long form of {@code count} items over ten sections, with a mix of response types. */
  public static CrfWorkbookBuilder large(String name, String version, int count) {
    CrfWorkbookBuilder b = CrfWorkbookBuilder.crf(name, version);
    for (int s = 1; s <= 10; s++) {
      b.section("S" + s, "Section " + s);
    }
    b.grid("LAB", "Laboratory", "2", "20");
    for (int i = 1; i <= count; i++) {
      String section = "S" + (1 + (i - 1) * 10 / count);
      String name2 = String.format("Q%04d", i);
      var row = b.item(name2).section(section).text("Question " + i + " <b>text</b>")
          .set("QUESTION_NUMBER", String.valueOf(i));
      switch (i % 5) {
        case 0 -> row.options("radio", "YN", "Yes,No,Unknown", "1,0,9").dataType("INT");
        case 1 -> row.dataType("INT").validation("func: range(0, 999)", "0 to 999");
        case 2 -> row.dataType("REAL").width("6(2)").units("mg/dL");
        case 3 -> row.dataType("DATE");
        default -> row.type("textarea");
      }
    }
    return b;
  }
}
