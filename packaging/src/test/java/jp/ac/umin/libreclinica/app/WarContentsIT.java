package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.Test;

/**
 * Test-only libraries stay out of the distributed WAR: lists the jars in the built WAR and fails
 * if one of them is a test library (an in-test identity provider, JUnit, Mockito, ...).
 */
public class WarContentsIT {

  private static final Pattern TEST_ONLY =
      Pattern.compile(
          "(mock-oauth2-server|mockwebserver|bcpkix|junit|mockito|hamcrest|assertj|spring-boot-test|spring-test-|"
              + "spring-security-test|archunit|selenium|jsonassert|xmlunit|htmlunit|byte-buddy-agent|"
              + "lc-core-[^/]*-tests)[^/]*\\.jar$");

  @Test
  public void theWarHoldsNoTestOnlyLibrary() throws Exception {
    Path war = Path.of(System.getProperty("lc.it.war", "target/umin-libreclinica.war"));
    assertTrue("WAR missing: " + war, Files.isRegularFile(war));
    List<String> jars;
    try (ZipFile zip = new ZipFile(war.toFile())) {
      jars =
          zip.stream()
              .map(ZipEntry::getName)
              .filter(n -> n.startsWith("WEB-INF/lib") && n.endsWith(".jar"))
              .toList();
    }
    // The listing must have matched something, or this test would prove nothing.
    assertTrue("no lc-umin-extensions jar in " + jars, jars.stream().anyMatch(j -> j.contains("lc-umin-extensions")));
    List<String> forbidden = jars.stream().filter(j -> TEST_ONLY.matcher(j).find()).toList();
    assertTrue("test-only libraries in the WAR: " + forbidden, forbidden.isEmpty());
  }
}
