package jp.ac.umin.libreclinica.core.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.ac.umin.libreclinica.core.database.EmbeddedDatabaseException.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a data directory of the embedded PostgreSQL ready to start on: writable, not held by
 * another running instance, and free of what a crashed run left behind.
 *
 * <p>The embedded server (io.zonky) holds a lock on {@value #LOCK_FILE} in the directory while
 * it runs. When the JVM that held it died without stopping PostgreSQL (kill -9, power loss of a
 * container), the server process can still be running as an orphan, or its {@value #PID_FILE}
 * can name a process id that now belongs to something else; either would make the next start
 * fail. Both are cleared here, but only while holding that lock, so a live instance is never
 * touched.
 */
final class EmbeddedDataDirectory {

  static final String LOCK_FILE = "epg-lock";
  static final String PID_FILE = "postmaster.pid";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDataDirectory.class);

  /** Directories used by embedded servers of this JVM (several application contexts may run). */
  private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final long stopWaitSeconds;

  EmbeddedDataDirectory(Path dir, long stopWaitSeconds) {
    this.dir = dir.toAbsolutePath().normalize();
    this.stopWaitSeconds = stopWaitSeconds;
  }

  Path path() {
    return dir;
  }

  /**
   * Checks the directory and claims it for this JVM until {@link #release()}.
   *
   * @throws EmbeddedDatabaseException naming the directory when it cannot be used
   */
  void claim() {
    ensureWritable();
    if (!IN_USE.add(dir)) {
      throw new EmbeddedDatabaseException(Problem.DIRECTORY_IN_USE, dir, null);
    }
    try {
      if (Files.exists(dir.resolve("PG_VERSION"))) {
        clearLeftoversOfCrashedRun();
      }
    } catch (RuntimeException e) {
      IN_USE.remove(dir);
      throw e;
    }
  }

  /** Gives the directory back (after the server stopped). */
  void release() {
    IN_USE.remove(dir);
  }

  private void ensureWritable() {
    try {
      Files.createDirectories(dir);
      if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
        throw new EmbeddedDatabaseException(
            Problem.DIRECTORY_NOT_WRITABLE, dir, new AccessDeniedException(dir.toString()));
      }
      // isWritable answers from permission bits; a read-only mount or a full disk only shows
      // when writing
      Path probe = Files.createTempFile(dir, ".lc-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new EmbeddedDatabaseException(Problem.DIRECTORY_NOT_WRITABLE, dir, e);
    }
  }

  private void clearLeftoversOfCrashedRun() {
    Path lockFile = dir.resolve(LOCK_FILE);
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another embedded server of this JVM, not started by us
      }
      if (lock == null) {
        throw new EmbeddedDatabaseException(Problem.DIRECTORY_IN_USE, dir, null);
      }
      try {
        clearStaleServer();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new EmbeddedDatabaseException(Problem.DIRECTORY_NOT_WRITABLE, dir, e);
    }
  }

  /** Called while holding the lock: nobody alive owns the directory. */
  private void clearStaleServer() throws IOException {
    Path pidFile = dir.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = readPid(pidFile);
    Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    if (process.isEmpty() || !process.get().isAlive()) {
      log.info("Removing {} of a PostgreSQL server that is no longer running", pidFile);
      Files.deleteIfExists(pidFile);
      return;
    }
    switch (classify(process.get())) {
      case OTHER_PROGRAM -> {
        // the process id was reused after a crash; PostgreSQL would refuse to start
        log.info("Removing stale {}: process {} is not a PostgreSQL server", pidFile, pid);
        Files.deleteIfExists(pidFile);
      }
      case OUR_SERVER -> stopOrphan(process.get());
      case UNKNOWN ->
          throw new EmbeddedDatabaseException(Problem.SERVER_STILL_RUNNING, dir, pid, null);
    }
  }

  private enum Owner {
    OUR_SERVER,
    OTHER_PROGRAM,
    UNKNOWN
  }

  private Owner classify(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    Optional<String> command = info.command();
    if (command.isEmpty()) {
      return Owner.UNKNOWN; // another user's process: we cannot tell, so we do not touch it
    }
    String program = Path.of(command.get()).getFileName().toString();
    if (!program.startsWith("postgres")) {
      return Owner.OTHER_PROGRAM;
    }
    Optional<String[]> arguments = info.arguments();
    if (arguments.isEmpty()) {
      return Owner.UNKNOWN;
    }
    List<String> args = List.of(arguments.get());
    int d = args.indexOf("-D");
    if (d >= 0 && d + 1 < args.size() && sameDirectory(args.get(d + 1))) {
      return Owner.OUR_SERVER;
    }
    // a PostgreSQL server of some other data directory got the process id
    return Owner.OTHER_PROGRAM;
  }

  private boolean sameDirectory(String arg) {
    try {
      return Path.of(arg).toAbsolutePath().normalize().equals(dir);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void stopOrphan(ProcessHandle process) {
    log.warn(
        "A PostgreSQL server (PID {}) left by an earlier run that did not shut down cleanly is"
            + " still running on {}; stopping it",
        process.pid(),
        dir);
    // SIGTERM is PostgreSQL's "smart" shutdown; its clients died with the earlier run
    process.destroy();
    try {
      process.onExit().get(stopWaitSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new EmbeddedDatabaseException(Problem.SERVER_STILL_RUNNING, dir, process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedDatabaseException(Problem.SERVER_STILL_RUNNING, dir, process.pid(), e);
    }
  }

  private static long readPid(Path pidFile) {
    try {
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
      return Long.parseLong(first);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
