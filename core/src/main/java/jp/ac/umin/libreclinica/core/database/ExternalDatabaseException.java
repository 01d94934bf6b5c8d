package jp.ac.umin.libreclinica.core.database;

import java.sql.SQLException;

/**
 * The configured (external) PostgreSQL cannot be used: a malformed URL, a server that cannot be
 * reached, refused credentials or a missing database. Thrown at startup, before any other part
 * of the application asks for a connection.
 */
public class ExternalDatabaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Problem {
    INVALID_URL,
    UNREACHABLE,
    AUTHENTICATION,
    DATABASE_MISSING,
    OTHER
  }

  private final Problem problem;
  private final String location;
  private final String user;

  /**
   * @param location the JDBC URL (passwords in it are masked here) or a JNDI name
   */
  public ExternalDatabaseException(Problem problem, String location, String user, Throwable cause) {
    super(problem + ": " + maskPassword(location) + " as " + user + " (" + summarize(cause) + ")", cause);
    this.problem = problem;
    this.location = maskPassword(location);
    this.user = user;
  }

  /** Classifies a failed connection attempt by the SQLState PostgreSQL or the driver gave. */
  public static ExternalDatabaseException of(String location, String user, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    Problem problem;
    if (state.startsWith("28")) {
      problem = Problem.AUTHENTICATION; // 28P01 wrong password, 28000 refused by pg_hba.conf
    } else if (state.equals("3D000")) {
      problem = Problem.DATABASE_MISSING;
    } else if (state.equals("08001") || state.equals("08006")) {
      problem = Problem.UNREACHABLE;
    } else {
      problem = Problem.OTHER;
    }
    return new ExternalDatabaseException(problem, location, user, e);
  }

  public Problem getProblem() {
    return problem;
  }

  /** The JDBC URL with any password masked, or the JNDI name. */
  public String getLocation() {
    return location;
  }

  public String getUser() {
    return user;
  }

  /** The cause and what caused it, in one line, without stack traces. */
  public String getCauseSummary() {
    return summarize(getCause());
  }

  static String maskPassword(String url) {
    return url == null
        ? null
        : url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
  }

  static String summarize(Throwable cause) {
    if (cause == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(firstLine(cause));
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != cause) {
      text.append(" (").append(firstLine(root)).append(')');
    }
    return text.toString();
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    String line = message.strip().lines().findFirst().orElse("");
    return t instanceof SQLException ? line : t.getClass().getSimpleName() + ": " + line;
  }
}
