package jp.ac.umin.libreclinica.core.database;

import jp.ac.umin.libreclinica.coretest.DatabaseTestApplication;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.database.ExternalDatabaseException.Problem;
import jp.ac.umin.libreclinica.core.testsupport.PasswordProtectedPostgres;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.OutputCaptureRule;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Real starts against a separate, password-protected PostgreSQL, and how they fail. */
public class ExternalDatabaseStartupTest {

  private static PasswordProtectedPostgres server;

  @Rule public OutputCaptureRule output = new OutputCaptureRule();

  private Locale saved;

  @BeforeClass
  public static void startServer() {
    server = PasswordProtectedPostgres.start();
  }

  @AfterClass
  public static void stopServer() {
    server.close();
  }

  @Before
  public void english() {
    saved = Locale.getDefault();
    Locale.setDefault(Locale.ENGLISH);
  }

  @After
  public void restore() {
    Locale.setDefault(saved);
  }

  private ExternalDatabaseException startFails(String... settings) {
    try (ConfigurableApplicationContext ctx = DatabaseTestApplication.start(settings)) {
      fail("the application should not have started");
      return null;
    } catch (RuntimeException e) {
      FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(e);
      assertNotNull("no analysis for " + e, analysis);
      String printed = output.toString();
      assertTrue(printed, printed.contains("APPLICATION FAILED TO START"));
      assertTrue(printed, printed.contains(analysis.getAction()));
      assertFalse("no stack trace: " + printed, printed.contains("\tat "));
      Throwable t = e;
      while (!(t instanceof ExternalDatabaseException)) {
        t = t.getCause();
      }
      return (ExternalDatabaseException) t;
    }
  }

  @Test
  public void shortSettingsConnectToTheExternalServer() throws Exception {
    try (ConfigurableApplicationContext ctx =
        DatabaseTestApplication.start(
            "--LC_DB_URL=" + server.jdbcUrl(),
            "--LC_DB_USER=" + PasswordProtectedPostgres.USER,
            "--LC_DB_PASSWORD=" + server.password())) {
      assertEquals("external", ctx.getEnvironment().getProperty("lc.db.mode"));
      assertEquals(
          PasswordProtectedPostgres.DATABASE,
          ctx.getBean(JdbcTemplate.class).queryForObject("select current_database()", String.class));
    }
    // Flyway created the schema there
    try (Connection c = server.superuserConnection(PasswordProtectedPostgres.DATABASE);
        ResultSet rs =
            c.createStatement().executeQuery("select count(*) from flyway_schema_history")) {
      rs.next();
      assertTrue(rs.getInt(1) > 0);
    }
  }

  @Test
  public void standardSpringSettingsConnectToTheExternalServer() {
    try (ConfigurableApplicationContext ctx =
        DatabaseTestApplication.start(
            "--spring.datasource.url=" + server.jdbcUrl(),
            "--spring.datasource.username=" + PasswordProtectedPostgres.USER,
            "--spring.datasource.password=" + server.password())) {
      assertEquals(
          PasswordProtectedPostgres.USER,
          ctx.getBean(JdbcTemplate.class).queryForObject("select current_user", String.class));
    }
  }

  @Test
  public void wrongPasswordIsReportedAsSuch() {
    ExternalDatabaseException e =
        startFails(
            "--LC_DB_URL=" + server.jdbcUrl(),
            "--LC_DB_USER=" + PasswordProtectedPostgres.USER,
            "--LC_DB_PASSWORD=wrong");
    assertEquals(Problem.AUTHENTICATION, e.getProblem());
    assertFalse(output.toString().contains(server.password()));
  }

  @Test
  public void unknownUserIsReportedAsRefused() {
    ExternalDatabaseException e =
        startFails(
            "--LC_DB_URL=" + server.jdbcUrl(), "--LC_DB_USER=nobody_here", "--LC_DB_PASSWORD=x");
    assertEquals(Problem.AUTHENTICATION, e.getProblem());
  }

  @Test
  public void missingDatabaseIsReportedAsSuch() {
    ExternalDatabaseException e =
        startFails(
            "--LC_DB_URL=" + server.jdbcUrl("no_such_db"),
            "--LC_DB_USER=postgres",
            "--LC_DB_PASSWORD=x");
    assertEquals(Problem.DATABASE_MISSING, e.getProblem());
  }

  @Test
  public void closedPortIsReportedAsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    ExternalDatabaseException e =
        startFails("--LC_DB_URL=jdbc:postgresql://localhost:" + closed + "/lc", "--LC_DB_USER=lc");
    assertEquals(Problem.UNREACHABLE, e.getProblem());
  }

  @Test
  public void unknownHostIsReportedAsUnreachable() {
    ExternalDatabaseException e =
        startFails("--LC_DB_URL=jdbc:postgresql://no-such-host.invalid:5432/lc", "--LC_DB_USER=lc");
    assertEquals(Problem.UNREACHABLE, e.getProblem());
  }

  @Test
  public void urlOfAnotherFormIsReportedAsInvalid() {
    ExternalDatabaseException e =
        startFails("--LC_DB_URL=postgres://lc:secret@localhost/lc", "--LC_DB_USER=lc");
    assertEquals(Problem.INVALID_URL, e.getProblem());
    assertFalse(output.toString().contains("secret"));
  }
}
