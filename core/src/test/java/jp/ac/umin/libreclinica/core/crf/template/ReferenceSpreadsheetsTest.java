package jp.ac.umin.libreclinica.core.crf.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupLayout;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import org.junit.Test;

/** The CRF templates and example CRFs of ../shared/reference read as LibreClinica reads them. */
public class ReferenceSpreadsheetsTest {

  static CrfTemplateResult readTemplate(String name) {
    return read(SharedReference.template(name).getFileName().toString(),
        SharedReference.bytes(SharedReference.template(name)));
  }

  static CrfTemplateResult readExample(String name) {
    return read(name, SharedReference.bytes(SharedReference.example(name)));
  }

  static CrfTemplateResult read(String name, byte[] bytes) {
    return CrfTemplateReader.read(bytes, name, TemplateLimits.DEFAULT, n -> Optional.empty());
  }

  private static CrfDefinition definition(CrfTemplateResult result) {
    assertFalse("unexpected errors: " + result.errors(), result.hasErrors());
    assertNotNull(result.definition());
    return result.definition();
  }

  private static ItemDefinition item(CrfDefinition crf, String name) {
    return crf.items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  public void emptyTemplatesSayTheyHoldNoItems() {
    for (String name :
        List.of("CRF_Design_Template_v3.1.xls", "CRF_Design_Template_v3.9.xls", "CRF_Template_lc_v1.0.xls")) {
      CrfTemplateResult result = readTemplate(name);
      assertTrue(name, result.hasErrors());
      assertNull(result.definition());
      assertThat(result.errors())
          .as(name)
          .extracting(TemplateProblem::messageKey)
          .containsExactly("crf.crf.noRow", "crf.sections.none", "crf.items.none");
      TemplateProblem noItems = result.errors().get(2);
      assertEquals("Items", noItems.sheet());
      assertNull(noItems.row());
    }
  }

  @Test
  public void performanceTemplateReadsWithAllFiftyItems() {
    CrfTemplateResult result = readTemplate("TEST_PERFORMANCE_V_001.xls");
    CrfDefinition crf = definition(result);
    assertEquals("Test-Performance-CRF", crf.name());
    assertEquals("0,01", crf.versionName());
    assertEquals(50, crf.items().size());
    assertEquals(3, crf.sections().size());
    ItemDefinition zwanger = item(crf, "TEST_PERF_Zwanger");
    assertTrue(zwanger.hidden());
    assertEquals("TEST_PERF_Geslacht", zwanger.conditionalDisplay().controlItem());
    assertEquals("2", zwanger.conditionalDisplay().optionValue());
    ItemDefinition lengte = item(crf, "TEST_PERF_Lengte");
    assertEquals(Integer.valueOf(3), lengte.width());
    assertEquals(Integer.valueOf(0), lengte.decimals());
    assertEquals("func:range(110,240)", lengte.validation().expression());
    ItemDefinition reden = item(crf, "TEST_PERF_REDEN_VAN_OPNAME_VG");
    assertThat(reden.rightText()).doesNotContainIgnoringCase("<script").doesNotContain("jQuery(document)");
    assertThat(reden.rightText()).contains("characters left");
    assertThat(result.warnings()).extracting(TemplateProblem::messageKey).contains("crf.markup.removed");
    assertEquals("<b><u>of</u></b>", item(crf, "TEST_PERF_LDH_umol").leftText());
    // The GRID group is defined but no item uses it; items without a group are UNGROUPED.
    assertEquals("UNGROUPED", item(crf, "TEST_PERF_HB").groupLabel());
  }

  @Test
  public void sampleCrfHasAGridWithRepeatSettings() {
    CrfDefinition crf = definition(readExample("SampleCRF31.xls"));
    assertEquals("1", crf.versionName());
    var group = crf.group("Group01");
    assertEquals(GroupLayout.GRID, group.layout());
    assertEquals(4, group.repeatNumber());
    assertEquals(100, group.repeatMax());
    assertEquals("Group01", item(crf, "SC_REPEATING_ITEM_02").groupLabel());
    assertEquals("1b", item(crf, "SC_ITEM_02").questionNumber());
    assertTrue(item(crf, "SC_ITEM_02").required());
    assertEquals("And this of a <b>text</b> area", item(crf, "SC_ITEM_02").leftText());
  }

  @Test
  public void bmiCalculationReferencesWeightAndLength() {
    CrfDefinition crf = definition(readExample("SimpleCRFWithBMI31.xls"));
    ItemDefinition bmi = item(crf, "BMI");
    assertEquals(ResponseType.CALCULATION, bmi.responseType());
    assertEquals("func: ((Weight/pow(Length,2))*10000)", bmi.calculation());
    assertNull(bmi.width());
    assertEquals(Integer.valueOf(2), bmi.decimals());
    assertTrue(item(crf, "Weight").phi());
  }

  @Test
  public void conditionalDisplayAndEscapedCommasRead() {
    CrfDefinition crf = definition(readExample("SimpleConditionalCRF.xls"));
    ItemDefinition allergies = item(crf, "AllergicForAnimals");
    assertEquals(
        List.of(
            new ResponseOption("None", "n"),
            new ResponseOption("Cats", "1"),
            new ResponseOption("Dogs", "2"),
            new ResponseOption("Other, please specify", "3")),
        allergies.responseSet().options());
    ItemDefinition prostate = item(crf, "Prostate");
    assertEquals("YesNoNotSure", prostate.responseSet().label());
    assertEquals(3, prostate.responseSet().options().size());
    assertEquals("Only provide answer if Subject is male", prostate.conditionalDisplay().message());
    assertEquals(2, crf.sections().size());
  }

  @Test
  public void repeatingItemsKeepAnEmptyFirstOption() {
    CrfDefinition crf = definition(readExample("TDSRepeatingItems.xls"));
    ItemDefinition type = item(crf, "TestType");
    assertEquals(new ResponseOption("", ""), type.responseSet().options().get(0));
    assertEquals(GroupLayout.GRID, crf.group("ListOfMeasurements").layout());
    assertEquals(10, crf.group("ListOfMeasurements").repeatMax());
    assertEquals(ItemDataType.DATE, item(crf, "VisitDate").dataType());
  }

  @Test
  public void twoColumnLayoutAndWarningsRead() {
    CrfDefinition two = definition(readExample("TwoColumnLayout.xls"));
    assertEquals(Integer.valueOf(2), item(two, "Item1b").columnNumber());
    assertEquals("<span class=\"twocolumns\"></span>", item(two, "Item1a").rightText());
    assertThat(two.sections().get(0).instructions()).doesNotContainIgnoringCase("script");
    CrfDefinition warnings = definition(readExample("CRFWithWarnings.xls"));
    assertThat(item(warnings, "ITEM_01").rightText())
        .startsWith("<div>")
        .doesNotContainIgnoringCase("<script")
        .doesNotContain("noConflict");
    assertEquals("0", item(warnings, "ITEM_02").responseSet().options().get(1).value());
  }
}
