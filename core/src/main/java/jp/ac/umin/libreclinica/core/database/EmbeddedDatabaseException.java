package jp.ac.umin.libreclinica.core.database;

import java.nio.file.Path;

/** The embedded PostgreSQL could not start; says why in terms an operator can act on. */
public class EmbeddedDatabaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Problem {
    /** The data directory cannot be created or written. */
    DIRECTORY_NOT_WRITABLE,
    /** Another running instance holds the data directory. */
    DIRECTORY_IN_USE,
    /** A server left by a crashed run still runs on the directory and would not stop. */
    SERVER_STILL_RUNNING,
    /** initdb or the server itself failed. */
    START_FAILED
  }

  private final Problem problem;
  private final transient Path directory;
  private final long pid;

  public EmbeddedDatabaseException(Problem problem, Path directory, Throwable cause) {
    this(problem, directory, -1, cause);
  }

  public EmbeddedDatabaseException(Problem problem, Path directory, long pid, Throwable cause) {
    super(problem + ": " + directory + (cause == null ? "" : " (" + cause + ")"), cause);
    this.problem = problem;
    this.directory = directory;
    this.pid = pid;
  }

  public Problem getProblem() {
    return problem;
  }

  public Path getDirectory() {
    return directory;
  }

  /** The process id of a server left running, or -1. */
  public long getPid() {
    return pid;
  }

  /** The cause in one line, for messages: "NoSuchFileException: /x/y". */
  public String getCauseSummary() {
    return ExternalDatabaseException.summarize(getCause());
  }
}
