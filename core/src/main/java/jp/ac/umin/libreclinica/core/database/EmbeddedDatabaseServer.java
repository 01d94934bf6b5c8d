package jp.ac.umin.libreclinica.core.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import jp.ac.umin.libreclinica.core.database.EmbeddedDatabaseException.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server of this application: started on a checked data directory,
 * stopped (fast shutdown, then the directory released) when the Spring context closes, which
 * Spring Boot does on SIGTERM and Ctrl-C.
 */
public final class EmbeddedDatabaseServer implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);

  private final EmbeddedDataDirectory directory;
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabaseServer(EmbeddedDataDirectory directory, EmbeddedPostgres postgres) {
    this.directory = directory;
    this.postgres = postgres;
  }

  /**
   * Starts a server on {@code dataDir}, creating and initialising it when empty.
   *
   * @param port a fixed port, or 0 for a free one
   * @throws EmbeddedDatabaseException naming the directory when the server cannot start
   */
  public static EmbeddedDatabaseServer start(Path dataDir, int port) {
    EmbeddedDataDirectory directory = new EmbeddedDataDirectory(dataDir, 30);
    directory.claim();
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory.path().toFile())
              .setCleanDataDirectory(false);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      log.info(
          "Embedded PostgreSQL started on port {} with data in {}",
          postgres.getPort(),
          directory.path());
      return new EmbeddedDatabaseServer(directory, postgres);
    } catch (IllegalStateException e) {
      directory.release();
      String message = String.valueOf(e.getMessage());
      // another process took the directory between our check and the library's lock
      Problem problem =
          message.startsWith("could not lock") ? Problem.DIRECTORY_IN_USE : Problem.START_FAILED;
      throw new EmbeddedDatabaseException(problem, directory.path(), e);
    } catch (IOException | RuntimeException e) {
      directory.release();
      throw new EmbeddedDatabaseException(Problem.START_FAILED, directory.path(), e);
    }
  }

  /** The JDBC URL of the {@code postgres} database, for the superuser {@code postgres}. */
  public String getJdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public int getPort() {
    return postgres.getPort();
  }

  public Path getDataDirectory() {
    return directory.path();
  }

  /** Stops the server (fast shutdown: open sessions are ended, committed data is on disk). */
  @Override
  public void close() throws IOException {
    try {
      postgres.close();
      log.info("Embedded PostgreSQL stopped ({})", directory.path());
    } finally {
      directory.release();
    }
  }
}
