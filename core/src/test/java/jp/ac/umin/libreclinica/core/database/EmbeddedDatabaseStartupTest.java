package jp.ac.umin.libreclinica.core.database;

import jp.ac.umin.libreclinica.coretest.DatabaseTestApplication;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.OutputCaptureRule;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Real starts of an application on the embedded database, and how they fail. */
public class EmbeddedDatabaseStartupTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public OutputCaptureRule output = new OutputCaptureRule();

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

  private FailureAnalysis startFails(String... settings) {
    try (ConfigurableApplicationContext ctx = DatabaseTestApplication.start(settings)) {
      fail("the application should not have started");
      return null;
    } catch (RuntimeException e) {
      FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(e);
      assertNotNull("no analysis for " + e, analysis);
      // what the operator sees: Boot's report with our text, and no stack trace
      String printed = output.toString();
      assertTrue(printed, printed.contains("APPLICATION FAILED TO START"));
      assertTrue(printed, printed.contains(analysis.getAction()));
      assertFalse(printed, printed.contains("\tat "));
      return analysis;
    }
  }

  @Test
  public void unwritableHomeGivesOneMessageNamingIt() throws Exception {
    Path file = tmp.newFile("home-is-a-file").toPath();
    FailureAnalysis a = startFails("--lc.home=" + file);
    assertTrue(a.getDescription(), a.getDescription().contains(file.resolve("db").toString()));
    assertTrue(a.getAction(), a.getAction().contains("LC_HOME"));
  }

  @Test
  public void secondInstanceOnTheSameDirectoryGivesOneMessageNamingIt() throws Exception {
    Path home = tmp.newFolder("home").toPath();
    try (ConfigurableApplicationContext first = DatabaseTestApplication.start("--lc.home=" + home)) {
      FailureAnalysis a = startFails("--lc.home=" + home);
      assertTrue(a.getDescription(), a.getDescription().contains(home.resolve("db").toString()));
      assertTrue(a.getDescription(), a.getDescription().contains("another running instance"));
      // the first instance is unharmed
      assertEquals(
          Integer.valueOf(1),
          first.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class));
    }
  }

  @Test
  public void serverLeftRunningByAKilledRunIsStoppedAndTheNextStartWorks() throws Exception {
    Path home = tmp.newFolder("home").toPath();
    Path db = home.resolve("db");
    Process crashed = ChildProcess.start("server", db.toString());
    crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long orphanPid = Long.parseLong(Files.readAllLines(db.resolve("postmaster.pid")).get(0).strip());
    Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid);
    assertTrue("PostgreSQL outlives a killed JVM", orphan.isPresent() && orphan.get().isAlive());

    try (ConfigurableApplicationContext ctx = DatabaseTestApplication.start("--lc.home=" + home)) {
      assertEquals(
          Integer.valueOf(1),
          ctx.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class));
      assertFalse(orphan.get().isAlive());
    }
  }

  @Test
  public void sigtermStopsTheEmbeddedServer() throws Exception {
    Path home = tmp.newFolder("home").toPath();
    Path pidFile = home.resolve("db/postmaster.pid");
    Process app = ChildProcess.start("app", home.toString());
    long postgresPid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    ProcessHandle postgres = ProcessHandle.of(postgresPid).orElseThrow();

    app.destroy(); // SIGTERM
    assertTrue("the application exits", app.waitFor(60, TimeUnit.SECONDS));
    assertTrue("PostgreSQL stops", postgres.onExit().get(30, TimeUnit.SECONDS) != null);
    assertFalse("a clean stop removes postmaster.pid", Files.exists(pidFile));
  }
}
