package jp.ac.umin.libreclinica.core.crf.template;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.Assert.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.Test;

/**
 * Only crf.template (CRF spreadsheets) and extract (the streaming .xlsx extract) name Apache POI
 * (and the OWASP sanitiser stays in core.markup).
 */
public class PoiBoundaryTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.ac.umin.libreclinica.core");

  @Test
  public void onlyTheTemplateAndExtractPackagesUsePoi() {
    for (String allowed : new String[] {"crf.template", "core.extract"}) {
      assertTrue("the " + allowed + " package must use POI, or this rule proves nothing",
          CORE.stream().anyMatch(c -> c.getPackageName().endsWith(allowed)
              && c.getDirectDependenciesFromSelf().stream()
                  .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.apache.poi"))));
    }
    noClasses()
        .that().resideOutsideOfPackages("jp.ac.umin.libreclinica.core.crf.template",
            "jp.ac.umin.libreclinica.core.extract")
        .should().dependOnClassesThat().resideInAPackage("org.apache.poi..")
        .check(CORE);
  }

  @Test
  public void onlyTheMarkupPackageUsesTheSanitiser() {
    noClasses()
        .that().resideOutsideOfPackage("jp.ac.umin.libreclinica.core.markup")
        .should().dependOnClassesThat().resideInAPackage("org.owasp.html..")
        .check(CORE);
  }
}
