package jp.ac.umin.libreclinica.core.startup;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.database.DatabaseFailureAnalyzer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.io.support.SpringFactoriesLoader;

public class PortInUseFailureAnalyzerTest {

  private Locale saved;

  @Before
  public void english() {
    saved = Locale.getDefault();
    Locale.setDefault(Locale.ENGLISH);
  }

  @After
  public void restore() {
    Locale.setDefault(saved);
  }

  @Test
  public void occupiedPortNamesThePortAndTheSettingsThatChangeIt() {
    FailureAnalysis a =
        new PortInUseFailureAnalyzer()
            .analyze(new RuntimeException(new PortInUseException(8080)));
    assertTrue(a.getDescription(), a.getDescription().contains("Port 8080 is already in use"));
    assertTrue(a.getAction(), a.getAction().contains("SERVER_PORT"));
    assertTrue(a.getAction(), a.getAction().contains("PORT"));
    assertTrue(a.getAction(), a.getAction().contains("--server.port="));
  }

  @Test
  public void analyzersAreRegisteredAndComeBeforeSpringBootsOwn() {
    List<String> names =
        SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader());
    assertTrue(names.toString(), names.contains(PortInUseFailureAnalyzer.class.getName()));
    assertTrue(names.toString(), names.contains(DatabaseFailureAnalyzer.class.getName()));
    // Boot's analyzers carry no order (lowest precedence); ours must win the tie
    assertTrue(new PortInUseFailureAnalyzer().getOrder() < Ordered.LOWEST_PRECEDENCE);
    assertTrue(new DatabaseFailureAnalyzer().getOrder() < Ordered.LOWEST_PRECEDENCE);
  }

  @Test
  public void missingKeyIsShownAsItsName() {
    assertTrue(StartupMessages.get(Locale.ENGLISH, "startup.no.such.key").equals("startup.no.such.key"));
  }
}
