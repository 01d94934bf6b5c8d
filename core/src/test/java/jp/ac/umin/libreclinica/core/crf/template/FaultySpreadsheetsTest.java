package jp.ac.umin.libreclinica.core.crf.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import org.junit.Test;

/**
 * Faulty CRF spreadsheets, one fault per file (unless the test says otherwise): each gives
 * exactly the expected problems, as "sheet row column key [arguments]", and no definition.
 */
public class FaultySpreadsheetsTest {

  /** A valid two-item CRF to spoil. */
  private static CrfWorkbookBuilder valid() {
    return CrfWorkbookBuilder.crf("Faulty", "v1")
        .section("S1", "Section one")
        .item("AGE").dataType("INT").done();
  }

  private static List<String> errors(byte[] bytes) {
    return errors(bytes, "crf.xlsx", TemplateLimits.DEFAULT, Optional.empty());
  }

  private static List<String> errors(byte[] bytes, String name, TemplateLimits limits, Optional<PriorCrf> prior) {
    CrfTemplateResult result = CrfTemplateReader.read(bytes, name, limits, n -> prior);
    if (result.hasErrors()) {
      assertNull(result.definition());
    }
    return result.errors().stream().map(FaultySpreadsheetsTest::describe).toList();
  }

  static String describe(TemplateProblem p) {
    String s = p.sheet() + " " + (p.row() == null ? "-" : p.row()) + " "
        + (p.column() == null ? "-" : p.column()) + " " + p.messageKey();
    return p.arguments().isEmpty() ? s : s + " " + p.arguments();
  }

  @Test
  public void validBaseHasNoProblems() {
    assertThat(errors(valid().xlsx())).isEmpty();
    assertThat(errors(valid().xls(), "crf.xls", TemplateLimits.DEFAULT, Optional.empty())).isEmpty();
  }

  @Test
  public void missingItemsSheet() {
    assertThat(errors(valid().withoutSheet("Items").xlsx()))
        .containsExactly("Items - - crf.sheet.missing");
  }

  @Test
  public void missingDataTypeColumn() {
    assertThat(errors(valid().withoutColumn("Items", "DATA_TYPE").xlsx()))
        .containsExactly("Items 1 DATA_TYPE crf.column.missing");
  }

  @Test
  public void noItems() {
    assertThat(errors(CrfWorkbookBuilder.crf("Faulty", "v1").section("S1", "One").xlsx()))
        .containsExactly("Items - - crf.items.none");
  }

  @Test
  public void duplicateItemName() {
    assertThat(errors(valid().item("AGE").done().xlsx()))
        .containsExactly("Items 3 ITEM_NAME crf.item.name.duplicate [2]");
  }

  @Test
  public void itemNameWithSpace() {
    assertThat(errors(valid().item("BODY WEIGHT").done().xlsx()))
        .containsExactly("Items 3 ITEM_NAME crf.item.name.invalid");
  }

  @Test
  public void optionTextsAndValuesOfDifferentCounts() {
    assertThat(errors(valid().item("SEX").options("radio", "sex", "Male,Female", "1,2,3").dataType("INT").done().xlsx()))
        .containsExactly("Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.options.countMismatch [2, 3]");
  }

  @Test
  public void responseLabelReusedWithOtherOptions() {
    byte[] file = valid()
        .item("Q1").options("radio", "yn", "Yes,No", "1,0").dataType("INT").done()
        .item("Q2").options("radio", "yn", "Yes,No,Unknown", "1,0,9").dataType("INT").done()
        .xlsx();
    assertThat(errors(file))
        .containsExactly("Items 4 RESPONSE_OPTIONS_TEXT crf.item.responseSet.conflict [yn, 3]");
  }

  @Test
  public void duplicateOptionValue() {
    assertThat(errors(valid().item("Q1").options("single-select", "q", "A,B", "1,1").dataType("INT").done().xlsx()))
        .containsExactly("Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.options.duplicateValue");
  }

  @Test
  public void unknownResponseType() {
    assertThat(errors(valid().item("Q1").type("dropdown").done().xlsx()))
        .containsExactly("Items 3 RESPONSE_TYPE crf.item.responseType.unknown");
  }

  @Test
  public void unknownDataType() {
    assertThat(errors(valid().item("Q1").dataType("INTEGER").done().xlsx()))
        .containsExactly("Items 3 DATA_TYPE crf.item.dataType.unknown");
  }

  @Test
  public void fileDataTypeNeedsFileResponseType() {
    assertThat(errors(valid().item("SCAN").dataType("FILE").done().xlsx()))
        .containsExactly("Items 3 DATA_TYPE crf.item.file.mismatch [text]");
  }

  @Test
  public void widthNotInTheFormWD() {
    assertThat(errors(valid().item("Q1").width("five").done().xlsx()))
        .containsExactly("Items 3 WIDTH_DECIMAL crf.item.width.format");
  }

  @Test
  public void widthTooLargeForInt() {
    assertThat(errors(valid().item("Q1").dataType("INT").width("30(0)").done().xlsx()))
        .containsExactly("Items 3 WIDTH_DECIMAL crf.item.width.range [26]");
  }

  @Test
  public void decimalsOnIntAndMoreDecimalsThanWidth() {
    byte[] file = valid()
        .item("Q1").dataType("INT").width("5(2)").done()
        .item("Q2").dataType("REAL").width("3(4)").done()
        .xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 3 WIDTH_DECIMAL crf.item.width.decimals",
        "Items 4 WIDTH_DECIMAL crf.item.width.decimals");
  }

  @Test
  public void widthForADate() {
    assertThat(errors(valid().item("VISIT").dataType("DATE").width("10(d)").done().xlsx()))
        .containsExactly("Items 3 WIDTH_DECIMAL crf.item.width.notAllowed [DATE]");
  }

  @Test
  public void defaultValueThatIsNotAnInteger() {
    assertThat(errors(valid().item("Q1").dataType("INT").set("DEFAULT_VALUE", "ten").done().xlsx()))
        .containsExactly("Items 3 DEFAULT_VALUE crf.item.default.type [INT]");
  }

  @Test
  public void defaultValueOnARadio() {
    byte[] file = valid().item("Q1").options("radio", "yn", "Yes,No", "1,0").dataType("INT")
        .set("DEFAULT_VALUE", "1").done().xlsx();
    assertThat(errors(file)).containsExactly("Items 3 DEFAULT_VALUE crf.item.default.notAllowed [radio]");
  }

  @Test
  public void optionValueThatDoesNotFitTheDataType() {
    byte[] file = valid().item("Q1").options("radio", "yn", "Yes,No", "Y,N").dataType("INT").done().xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.options.valueType [INT]",
        "Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.options.valueType [INT]");
  }

  @Test
  public void calculationReferringToAMissingItem() {
    byte[] file = valid().item("BMI").calculation("calculation", "func: WEIGHT/pow(AGE,2)").dataType("REAL").done().xlsx();
    assertThat(errors(file))
        .containsExactly("Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.calculation.unknownItem [WEIGHT]");
  }

  @Test
  public void calculationWithUnbalancedBrackets() {
    byte[] file = valid().item("DOUBLE").calculation("calculation", "func: (AGE*2").dataType("INT").done().xlsx();
    assertThat(errors(file))
        .containsExactly("Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.calculation.syntax");
  }

  @Test
  public void calculationOnATextItemAndIntoAText() {
    byte[] file = valid()
        .item("NAME").done()
        .item("CALC").calculation("calculation", "func: NAME + 1").dataType("ST").done()
        .xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 4 RESPONSE_VALUES_OR_CALCULATIONS crf.item.calculation.notNumeric [NAME]",
        "Items 4 DATA_TYPE crf.item.calculation.dataType");
  }

  @Test
  public void groupCalculationOverItemsOutsideAGrid() {
    byte[] file = valid().item("TOTAL").calculation("group-calculation", "func: sum(AGE)").dataType("INT").done().xlsx();
    assertThat(errors(file))
        .containsExactly("Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.groupCalculation.notRepeating [AGE]");
  }

  @Test
  public void instantCalculationWithUnknownTrigger() {
    byte[] file = valid().item("WHEN").calculation("instant-calculation", "func: onchange(NOPE, _CURRENT_DATE)").done().xlsx();
    assertThat(errors(file))
        .containsExactly("Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.calculation.unknownItem [NOPE]");
  }

  @Test
  public void invalidRegularExpression() {
    byte[] file = valid().item("CODE").validation("regexp: /[A-Z{3/", "Three capitals").done().xlsx();
    assertThat(errors(file)).containsExactly("Items 3 VALIDATION crf.item.validation.regexp");
  }

  @Test
  public void unknownValidationFunctionAndReversedRange() {
    byte[] file = valid()
        .item("Q1").dataType("INT").validation("func: between(1, 10)", "1 to 10").done()
        .item("Q2").dataType("INT").validation("func: range(10, 1)", "1 to 10").done()
        .item("Q3").dataType("INT").validation("func: gt(a)", "positive").done()
        .xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 3 VALIDATION crf.item.validation.invalid",
        "Items 4 VALIDATION crf.item.validation.rangeOrder",
        "Items 5 VALIDATION crf.item.validation.invalid");
  }

  @Test
  public void validationWithoutMessage() {
    byte[] file = valid().item("Q1").dataType("INT").validation("func: gte(0)", null).done().xlsx();
    assertThat(errors(file))
        .containsExactly("Items 3 VALIDATION_ERROR_MESSAGE crf.item.validation.messageRequired");
  }

  @Test
  public void gridGroupUsedInTwoSections() {
    byte[] file = valid().section("S2", "Section two").grid("AE", "Adverse events", "1", "5")
        .item("AETERM").group("AE").done()
        .item("AESEV").group("AE").section("S2").done()
        .xlsx();
    assertThat(errors(file))
        .containsExactly("Items 4 GROUP_LABEL crf.group.grid.sections [S1, 3]");
  }

  @Test
  public void gridItemsNotTogether() {
    byte[] file = valid().grid("AE", null, null, null)
        .item("AETERM").group("AE").done()
        .item("OTHER").done()
        .item("AESEV").group("AE").done()
        .xlsx();
    assertThat(errors(file)).containsExactly("Items 5 GROUP_LABEL crf.group.grid.notConsecutive");
  }

  @Test
  public void unknownSectionAndGroup() {
    byte[] file = valid().item("Q1").section("S9").group("G9").done().xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 3 SECTION_LABEL crf.item.section.unknown",
        "Items 3 GROUP_LABEL crf.item.group.unknown");
  }

  @Test
  public void invalidRepeatSettings() {
    byte[] file = valid().grid("AE", null, "0", "many").item("AETERM").group("AE").done().xlsx();
    assertThat(errors(file)).containsExactly(
        "Groups 2 GROUP_REPEAT_NUMBER crf.group.repeatNumber.invalid",
        "Groups 2 GROUP_REPEAT_MAX crf.group.repeatMax.invalid");
  }

  @Test
  public void duplicateSpacedAndUnknownLayoutGroups() {
    byte[] file = valid().group("G1", "GRID").group("G1", "GRID").group("G 2", "TABLE").xlsx();
    assertThat(errors(file)).containsExactly(
        "Groups 3 GROUP_LABEL crf.group.duplicate [2]",
        "Groups 4 GROUP_LABEL crf.group.label.spaces",
        "Groups 4 GROUP_LAYOUT crf.group.layout.unknown");
  }

  @Test
  public void duplicateSectionLabel() {
    assertThat(errors(valid().section("S1", "Again").xlsx()))
        .containsExactly("Sections 3 SECTION_LABEL crf.section.duplicate [2]");
  }

  @Test
  public void conditionalDisplayOnUnknownItemValueAndItemWithoutOptions() {
    byte[] file = valid()
        .item("SEX").options("radio", "sex", "Male,Female", "1,2").dataType("INT").done()
        .item("PREG").hiddenUnless("GENDER", "2", "Female only").done()
        .item("PROST").hiddenUnless("SEX", "3", "Male only").done()
        .item("OLD").hiddenUnless("AGE", "1", "Old").done()
        .item("BAD").set("ITEM_DISPLAY_STATUS", "HIDE").set("SIMPLE_CONDITIONAL_DISPLAY", "SEX").done()
        .xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 4 SIMPLE_CONDITIONAL_DISPLAY crf.item.scd.itemUnknown [GENDER]",
        "Items 5 SIMPLE_CONDITIONAL_DISPLAY crf.item.scd.valueUnknown [3, SEX]",
        "Items 6 SIMPLE_CONDITIONAL_DISPLAY crf.item.scd.noOptions [AGE]",
        "Items 7 SIMPLE_CONDITIONAL_DISPLAY crf.item.scd.format");
  }

  @Test
  public void conditionalDisplayAcrossSections() {
    byte[] file = valid().section("S2", "Two")
        .item("SEX").options("radio", "sex", "Male,Female", "1,2").dataType("INT").done()
        .item("PREG").section("S2").hiddenUnless("SEX", "2", "Female only").done()
        .xlsx();
    assertThat(errors(file))
        .containsExactly("Items 4 SIMPLE_CONDITIONAL_DISPLAY crf.item.scd.otherSection [SEX]");
  }

  @Test
  public void invalidFlagsAndDisplayStatus() {
    byte[] file = valid().item("Q1").set("PHI", "yes").set("REQUIRED", "2")
        .set("ITEM_DISPLAY_STATUS", "INVISIBLE").done().xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 3 PHI crf.item.flag.invalid",
        "Items 3 REQUIRED crf.item.flag.invalid",
        "Items 3 ITEM_DISPLAY_STATUS crf.value.displayStatus.unknown");
  }

  @Test
  public void unknownParentItem() {
    byte[] file = valid().item("CHILD").set("PARENT_ITEM", "LATER").done().item("LATER").done().xlsx();
    assertThat(errors(file)).containsExactly("Items 3 PARENT_ITEM crf.item.parent.unknown");
  }

  @Test
  public void overLongNameAndUnits() {
    byte[] file = valid().item("X".repeat(256)).done().item("Q2").units("u".repeat(65)).done().xlsx();
    assertThat(errors(file)).containsExactly(
        "Items 3 ITEM_NAME crf.value.tooLong [255]",
        "Items 4 UNITS crf.value.tooLong [64]");
  }

  @Test
  public void hostileCrfNameAndControlCharacters() {
    byte[] file = CrfWorkbookBuilder.crf("<script>alert(1)</script>", "v1").section("S1", "One")
        .item("Q1").set("DESCRIPTION_LABEL", "bell\u0007").done().xls();
    assertThat(errors(file, "hostile.xls", TemplateLimits.DEFAULT, Optional.empty())).containsExactly(
        "CRF 2 CRF_NAME crf.value.markup",
        "Items 2 DESCRIPTION_LABEL crf.value.controlCharacters");
  }

  @Test
  public void missingNameVersionAndSectionTitle() {
    byte[] file = CrfWorkbookBuilder.crf(null, null).section("S1", null).item("Q1").done().xlsx();
    assertThat(errors(file)).containsExactly(
        "CRF 2 CRF_NAME crf.value.required",
        "CRF 2 VERSION crf.value.required",
        "Sections 2 SECTION_TITLE crf.value.required");
  }

  @Test
  public void twoCrfRows() {
    byte[] file = valid().row("CRF", "CRF_NAME", "Other", "VERSION", "v2").xlsx();
    assertThat(errors(file)).containsExactly("CRF 3 - crf.crf.extraRow");
  }

  @Test
  public void unknownResponseLayout() {
    byte[] file = valid().item("Q1").options("radio", "yn", "Yes,No", "1,0").dataType("INT")
        .set("RESPONSE_LAYOUT", "diagonal").done().xlsx();
    assertThat(errors(file)).containsExactly("Items 3 RESPONSE_LAYOUT crf.item.responseLayout.unknown");
  }

  @Test
  public void notAWorkbook() {
    byte[] csv = "CRF_NAME,VERSION\nx,1\n".getBytes(StandardCharsets.UTF_8);
    assertThat(errors(csv, "crf.xls", TemplateLimits.DEFAULT, Optional.empty()))
        .containsExactly("null - - crf.file.unreadable");
    assertThat(errors(csv, "crf.csv", TemplateLimits.DEFAULT, Optional.empty()))
        .containsExactly("null - - crf.file.type");
  }

  @Test
  public void fileTooLargeTooManySheetsTooManyRows() {
    byte[] file = valid().item("Q2").done().item("Q3").done().xlsx();
    assertThat(errors(file, "crf.xlsx", new TemplateLimits(100, 20, 100), Optional.empty()))
        .containsExactly("null - - crf.file.tooLarge [100 bytes]");
    assertThat(errors(file, "crf.xlsx", new TemplateLimits(1 << 20, 3, 100), Optional.empty()))
        .containsExactly("null - - crf.file.tooManySheets [5, 3]");
    assertThat(errors(file, "crf.xlsx", new TemplateLimits(1 << 20, 20, 2), Optional.empty()))
        .containsExactly("Items - - crf.sheet.tooManyRows [2]");
  }

  @Test
  public void everyErrorIsListedAtOnceInSheetRowColumnOrder() {
    byte[] file = CrfWorkbookBuilder.crf("Many", null).section("S1", "One")
        .item("Q1").dataType("TEXT").type("box").done()
        .item("Q1").set("PHI", "x").done()
        .item("Q3").section("NOPE").done()
        .xls();
    assertThat(errors(file, "many.xls", TemplateLimits.DEFAULT, Optional.empty())).containsExactly(
        "CRF 2 VERSION crf.value.required",
        "Items 2 RESPONSE_TYPE crf.item.responseType.unknown",
        "Items 2 DATA_TYPE crf.item.dataType.unknown",
        "Items 3 ITEM_NAME crf.item.name.duplicate [2]",
        "Items 3 PHI crf.item.flag.invalid",
        "Items 4 SECTION_LABEL crf.item.section.unknown");
  }

  // ------------------------------------------------------------ rules against earlier versions

  private static final PriorCrf PRIOR = new PriorCrf(
      "Faulty",
      Set.of("v1"),
      Map.of(
          "AGE", new PriorCrf.PriorItem("AGE", ItemDataType.INT, "years", "UNGROUPED", Map.of()),
          "SEX", new PriorCrf.PriorItem("SEX", ItemDataType.INT, null, "UNGROUPED",
              Map.of("1", "Male", "2", "Female"))));

  private static List<String> errorsAgainstPrior(CrfWorkbookBuilder b) {
    return errors(b.xlsx(), "crf.xlsx", TemplateLimits.DEFAULT, Optional.of(PRIOR));
  }

  @Test
  public void versionNameAlreadyUsed() {
    assertThat(errorsAgainstPrior(CrfWorkbookBuilder.crf("Faulty", "V1").section("S1", "One")
        .item("AGE").dataType("INT").units("years").done()))
        .containsExactly("CRF 2 VERSION crf.version.exists [Faulty]");
  }

  @Test
  public void dataTypeUnitsAndGroupMayNotChangeBetweenVersions() {
    assertThat(errorsAgainstPrior(CrfWorkbookBuilder.crf("Faulty", "v2").section("S1", "One")
        .group("G", "NON-REPEATING")
        .item("AGE").dataType("REAL").units("months").group("G").done()))
        .containsExactly(
            "Items 2 UNITS crf.item.units.changed [AGE, years]",
            "Items 2 GROUP_LABEL crf.item.group.changed [AGE, UNGROUPED]",
            "Items 2 DATA_TYPE crf.item.dataType.changed [AGE, INT]");
  }

  @Test
  public void changedOptionMeaningAndValueAreRefused() {
    assertThat(errorsAgainstPrior(CrfWorkbookBuilder.crf("Faulty", "v2").section("S1", "One")
        .item("AGE").dataType("INT").units("years").done()
        .item("SEX").options("radio", "sex2", "Female,Male,Other", "1,3,9").dataType("INT").done()))
        .containsExactly(
            "Items 3 RESPONSE_OPTIONS_TEXT crf.item.option.meaningChanged [SEX, 1, Male]",
            "Items 3 RESPONSE_VALUES_OR_CALCULATIONS crf.item.option.valueChanged [SEX, Male, 1]");
  }

  @Test
  public void addedOptionsAndDateToPartialDateAreAccepted() {
    PriorCrf prior = new PriorCrf("Faulty", Set.of("v1"), Map.of(
        "SEX", new PriorCrf.PriorItem("SEX", ItemDataType.INT, null, "UNGROUPED", Map.of("1", "Male", "2", "Female")),
        "ONSET", new PriorCrf.PriorItem("ONSET", ItemDataType.DATE, null, "UNGROUPED", Map.of())));
    byte[] file = CrfWorkbookBuilder.crf("Faulty", "v2").section("S1", "One")
        .item("SEX").options("radio", "sex", "Male,Female,Other", "1,2,3").dataType("INT").done()
        .item("ONSET").dataType("PDATE").done()
        .xlsx();
    assertEquals(List.of(), errors(file, "v2.xlsx", TemplateLimits.DEFAULT, Optional.of(prior)));
  }
}
