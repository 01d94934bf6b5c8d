package jp.ac.umin.libreclinica.core.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server standing in for a contractor's external one: a separate server (not the
 * application's embedded one), an application role with a password that is really checked
 * (scram-sha-256 in pg_hba.conf), and its own database. Close it at the end of the test.
 */
public final class PasswordProtectedPostgres implements Closeable {

  public static final String USER = "lc_app";
  public static final String DATABASE = "lc_app";

  private final EmbeddedPostgres server;
  private final String password;

  private PasswordProtectedPostgres(EmbeddedPostgres server, String password) {
    this.server = server;
    this.password = password;
  }

  /** Starts the server with a fresh data directory and a random password for {@link #USER}. */
  public static PasswordProtectedPostgres start() {
    String password = "pw-" + java.util.UUID.randomUUID();
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder().start();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        String hbaFile;
        try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
          rs.next();
          hbaFile = rs.getString(1);
        }
        Files.writeString(
            Path.of(hbaFile),
            String.join(
                "\n",
                "local all postgres trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "local all all scram-sha-256",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256",
                ""));
        s.execute("SELECT pg_reload_conf()");
      }
      return new PasswordProtectedPostgres(server, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
  }

  public int port() {
    return server.getPort();
  }

  public String password() {
    return password;
  }

  /** A connection as the superuser to {@code database}, for checking what the application did. */
  public Connection superuserConnection(String database) throws SQLException {
    return server.getDatabase("postgres", database).getConnection();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
