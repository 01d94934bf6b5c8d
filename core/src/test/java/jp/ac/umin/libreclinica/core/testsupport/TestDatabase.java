package jp.ac.umin.libreclinica.core.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL server per test JVM, shared by every Spring context of the run.
 * Tests must therefore not depend on an empty database: they create what they need with
 * unique names.
 */
public final class TestDatabase {

  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /** Starts the server on first use and returns its JDBC URL. */
  public static synchronized String jdbcUrl() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded test database", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop, "test-db-stop"));
    }
    return server.getJdbcUrl("postgres", "postgres");
  }

  private static synchronized void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // the JVM is going away; the temporary data directory is removed by the library
    }
  }
}
