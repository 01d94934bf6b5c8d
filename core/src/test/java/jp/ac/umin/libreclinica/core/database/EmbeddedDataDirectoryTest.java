package jp.ac.umin.libreclinica.core.database;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jp.ac.umin.libreclinica.core.database.EmbeddedDatabaseException.Problem;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EmbeddedDataDirectoryTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static EmbeddedDatabaseException claimFails(EmbeddedDataDirectory dir) {
    try {
      dir.claim();
    } catch (EmbeddedDatabaseException e) {
      return e;
    }
    fail("claim should have failed");
    return null;
  }

  /** A directory that looks like an initialised PostgreSQL data directory. */
  private Path initialised() throws Exception {
    Path dir = tmp.newFolder("db").toPath();
    Files.writeString(dir.resolve("PG_VERSION"), "14\n");
    return dir;
  }

  @Test
  public void directoryBelowAFileIsNotWritable() throws Exception {
    Path file = tmp.newFile("not-a-directory").toPath();
    EmbeddedDatabaseException e = claimFails(new EmbeddedDataDirectory(file.resolve("db"), 1));
    assertEquals(Problem.DIRECTORY_NOT_WRITABLE, e.getProblem());
    assertEquals(file.resolve("db"), e.getDirectory());
  }

  @Test
  public void directoryIsCreatedWhenMissing() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("home/db");
    EmbeddedDataDirectory d = new EmbeddedDataDirectory(dir, 1);
    d.claim();
    d.release();
    assertTrue(Files.isDirectory(dir));
    try (var files = Files.list(dir)) {
      // initdb needs an empty directory: the write check leaves nothing behind
      assertEquals(0, files.count());
    }
  }

  @Test
  public void secondClaimInTheSameJvmIsRefused() throws Exception {
    Path dir = tmp.newFolder("db").toPath();
    EmbeddedDataDirectory first = new EmbeddedDataDirectory(dir, 1);
    first.claim();
    try {
      assertEquals(
          Problem.DIRECTORY_IN_USE, claimFails(new EmbeddedDataDirectory(dir, 1)).getProblem());
    } finally {
      first.release();
    }
    EmbeddedDataDirectory again = new EmbeddedDataDirectory(dir, 1);
    again.claim();
    again.release();
  }

  @Test
  public void directoryLockedByAnotherProcessIsRefused() throws Exception {
    Path dir = initialised();
    Process other = ChildProcess.start("lock", dir.resolve(EmbeddedDataDirectory.LOCK_FILE).toString());
    try {
      EmbeddedDatabaseException e = claimFails(new EmbeddedDataDirectory(dir, 1));
      assertEquals(Problem.DIRECTORY_IN_USE, e.getProblem());
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    EmbeddedDataDirectory free = new EmbeddedDataDirectory(dir, 1);
    free.claim();
    free.release();
  }

  @Test
  public void pidFileOfAFinishedProcessIsRemoved() throws Exception {
    Path dir = initialised();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    Files.writeString(dir.resolve("postmaster.pid"), gone.pid() + "\n" + dir + "\n");
    EmbeddedDataDirectory d = new EmbeddedDataDirectory(dir, 1);
    d.claim();
    d.release();
    assertFalse(Files.exists(dir.resolve("postmaster.pid")));
  }

  @Test
  public void pidFileNamingAnUnrelatedLiveProcessIsRemovedAndTheProcessLeftAlone()
      throws Exception {
    Path dir = initialised();
    Process unrelated = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(dir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dir + "\n");
      EmbeddedDataDirectory d = new EmbeddedDataDirectory(dir, 1);
      d.claim();
      d.release();
      assertFalse(Files.exists(dir.resolve("postmaster.pid")));
      assertTrue(unrelated.isAlive());
    } finally {
      unrelated.destroyForcibly();
    }
  }
}
