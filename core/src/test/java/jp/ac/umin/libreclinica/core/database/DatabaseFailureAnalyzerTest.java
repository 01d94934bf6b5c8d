package jp.ac.umin.libreclinica.core.database;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.database.EmbeddedDatabaseException.Problem;
import org.junit.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

public class DatabaseFailureAnalyzerTest {

  private static final String URL = "jdbc:postgresql://db.example.org:5432/lc?password=s3cret";

  private final DatabaseFailureAnalyzer analyzer = new DatabaseFailureAnalyzer();

  private FailureAnalysis analyze(Throwable failure) {
    // as Spring reports it: the cause several levels down
    return analyzer.analyze(
        new BeanCreationException("flywayInitializer", "failed", new RuntimeException(failure)),
        Locale.ENGLISH);
  }

  private static ExternalDatabaseException refused(String sqlState, String message) {
    return ExternalDatabaseException.of(URL, "lc", new SQLException(message, sqlState));
  }

  @Test
  public void wrongPasswordNamesUserAndPasswordSettings() {
    FailureAnalysis a =
        analyze(refused("28P01", "FATAL: password authentication failed for user \"lc\""));
    assertTrue(a.getDescription(), a.getDescription().contains("refused the user \"lc\""));
    assertTrue(a.getDescription().contains("password authentication failed"));
    assertTrue(a.getAction(), a.getAction().contains("LC_DB_USER"));
    assertTrue(a.getAction().contains("LC_DB_PASSWORD"));
  }

  @Test
  public void passwordInUrlIsNeverPrinted() {
    FailureAnalysis a = analyze(refused("28P01", "FATAL: password authentication failed"));
    assertFalse(a.getDescription(), a.getDescription().contains("s3cret"));
    assertTrue(a.getDescription().contains("password=***"));
  }

  @Test
  public void unknownHostNamesUrlSetting() {
    PSQLException e =
        new PSQLException(
            "The connection attempt failed.",
            PSQLState.CONNECTION_UNABLE_TO_CONNECT,
            new UnknownHostException("db.example.org"));
    FailureAnalysis a = analyze(ExternalDatabaseException.of(URL, "lc", e));
    assertTrue(a.getDescription(), a.getDescription().contains("could not be reached"));
    assertTrue(a.getDescription(), a.getDescription().contains("UnknownHostException: db.example.org"));
    assertTrue(a.getAction(), a.getAction().contains("LC_DB_URL"));
  }

  @Test
  public void missingDatabaseNamesUrlSetting() {
    FailureAnalysis a = analyze(refused("3D000", "FATAL: database \"lc\" does not exist"));
    assertTrue(a.getDescription(), a.getDescription().contains("does not exist"));
    assertTrue(a.getAction(), a.getAction().contains("LC_DB_URL"));
  }

  @Test
  public void malformedUrlShowsTheExpectedForm() {
    FailureAnalysis a =
        analyze(
            new ExternalDatabaseException(
                ExternalDatabaseException.Problem.INVALID_URL, "postgres://h/db", "lc", null));
    assertTrue(a.getDescription(), a.getDescription().contains("\"postgres://h/db\""));
    assertTrue(a.getAction(), a.getAction().contains("jdbc:postgresql://<host>:<port>/<database>"));
  }

  @Test
  public void unwritableDirectoryNamesDirectoryAndHomeSettings() {
    Path dir = Path.of("/srv/lc/db");
    FailureAnalysis a =
        analyze(
            new EmbeddedDatabaseException(
                Problem.DIRECTORY_NOT_WRITABLE, dir, new AccessDeniedException("/srv/lc")));
    assertTrue(a.getDescription(), a.getDescription().contains("/srv/lc/db"));
    assertTrue(a.getDescription().contains("AccessDeniedException: /srv/lc"));
    assertTrue(a.getAction(), a.getAction().contains("LC_HOME"));
    assertTrue(a.getAction().contains("lc.home"));
    assertTrue(a.getAction().contains("lc.db.embedded.data-dir"));
  }

  @Test
  public void secondInstanceNamesTheDirectory() {
    FailureAnalysis a =
        analyze(new EmbeddedDatabaseException(Problem.DIRECTORY_IN_USE, Path.of("/srv/lc/db"), null));
    assertTrue(a.getDescription(), a.getDescription().contains("/srv/lc/db"));
    assertTrue(a.getDescription().contains("another running instance"));
    assertTrue(a.getAction(), a.getAction().contains("LC_HOME"));
  }

  @Test
  public void serverLeftRunningNamesItsProcessId() {
    FailureAnalysis a =
        analyze(
            new EmbeddedDatabaseException(
                Problem.SERVER_STILL_RUNNING, Path.of("/srv/lc/db"), 4242, null));
    assertTrue(a.getDescription(), a.getDescription().contains("4242"));
    assertTrue(a.getAction(), a.getAction().contains("kill 4242"));
  }

  @Test
  public void otherFailuresAreLeftToOtherAnalyzers() {
    assertNull(analyze(new IllegalStateException("something else")));
  }

  @Test
  public void englishIsUsedForLanguagesWithoutBundle() {
    FailureAnalysis a =
        analyzer.analyze(
            new EmbeddedDatabaseException(Problem.DIRECTORY_IN_USE, Path.of("/d"), null),
            Locale.forLanguageTag("fr"));
    assertNotNull(a);
    assertTrue(a.getDescription(), a.getDescription().startsWith("The embedded database"));
  }

  @Test
  public void sqlStatesAreClassified() {
    assertEquals(
        ExternalDatabaseException.Problem.AUTHENTICATION,
        refused("28000", "FATAL: no pg_hba.conf entry").getProblem());
    assertEquals(
        ExternalDatabaseException.Problem.UNREACHABLE,
        refused("08001", "Connection refused").getProblem());
    assertEquals(
        ExternalDatabaseException.Problem.OTHER,
        refused("53300", "too many connections").getProblem());
  }
}
