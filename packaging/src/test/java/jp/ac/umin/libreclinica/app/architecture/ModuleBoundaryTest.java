package jp.ac.umin.libreclinica.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.Assert.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The module rules of DESIGN.md: core, web and ws never name the optional modules (umin-extensions,
 * i18n-ja), core names neither web nor ws, and core is packaged by feature, not by layer. Each rule
 * is also checked to have matched classes, so that a renamed package cannot make it pass vacuously.
 */
public class ModuleBoundaryTest {

  private static final String BASE = "jp.ac.umin.libreclinica";
  private static JavaClasses classes;

  @BeforeClass
  public static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
  }

  @Test
  public void everyModuleIsOnTheClasspath() {
    for (String pkg : new String[] {"core", "web", "ws", "i18n.ja", "umin.sso", "app"}) {
      String prefix = BASE + "." + pkg + ".";
      assertTrue(
          "no classes found in " + prefix + " — the boundary rules would match nothing",
          classes.stream().anyMatch(c -> c.getName().startsWith(prefix)));
    }
  }

  @Test
  public void coreWebAndWsNeverNameTheOptionalModules() {
    noClasses()
        .that()
        .resideInAnyPackage(BASE + ".core..", BASE + ".web..", BASE + ".ws..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BASE + ".umin..", BASE + ".i18n..")
        .check(classes);
  }

  @Test
  public void coreNamesNeitherWebNorWs() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BASE + ".web..", BASE + ".ws..", BASE + ".app..")
        .check(classes);
  }

  @Test
  public void webAndWsDoNotNameEachOther() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BASE + ".ws..", BASE + ".app..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(BASE + ".ws..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BASE + ".web..", BASE + ".app..")
        .check(classes);
  }

  @Test
  public void coreIsPackagedByFeatureNotByLayer() {
    noClasses()
        .should()
        .resideInAnyPackage(
            BASE + ".core.service..",
            BASE + ".core.dao..",
            BASE + ".core.model..",
            BASE + ".core.repository..",
            BASE + ".core.entity..")
        .check(classes);
  }

  /** DESIGN.md: only core.odm (and ws) use StAX or JAXB; the domain never takes an XML shape. */
  @Test
  public void onlyOdmAndWsUseStaxOrJaxb() {
    String[] xmlApis = {"javax.xml.stream..", "jakarta.xml.bind..", "javax.xml.bind.."};
    noClasses()
        .that()
        .resideOutsideOfPackages(BASE + ".core.odm..", BASE + ".ws..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(xmlApis)
        .check(classes);
    assertTrue(
        "neither core.odm nor ws uses StAX — the rule would match nothing",
        classes.stream()
            .filter(c -> c.getPackageName().startsWith(BASE + ".core.odm") || c.getPackageName().startsWith(BASE + ".ws"))
            .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
            .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("javax.xml.stream")));
  }
}
