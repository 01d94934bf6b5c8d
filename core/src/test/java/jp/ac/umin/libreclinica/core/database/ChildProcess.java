package jp.ac.umin.libreclinica.core.database;

import jp.ac.umin.libreclinica.coretest.DatabaseTestApplication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for tests of what happens across processes: another instance holding a data
 * directory, a run killed with SIGKILL, a run stopped with SIGTERM. It prints {@value #READY}
 * once it is where the test wants it, then waits to be killed.
 */
public final class ChildProcess {

  static final String READY = "CHILD-READY";

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "lock" -> {
        FileChannel channel =
            FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        ready();
      }
      case "server" -> {
        EmbeddedDatabaseServer.start(Path.of(args[1]), 0);
        ready();
      }
      case "app" -> {
        DatabaseTestApplication.start("--lc.home=" + args[1]);
        ready();
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
  }

  private static void ready() {
    System.out.println(READY);
    System.out.flush();
  }

  /** Starts {@code ChildProcess mode arg} and waits until it is ready. */
  static Process start(String mode, String arg) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildProcess.class.getName());
    command.add(mode);
    command.add(arg);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      output.append(line).append('\n');
      if (line.equals(READY)) {
        // keep draining so the child never blocks on a full pipe
        Thread drain = new Thread(() -> reader.lines().forEach(l -> {}), "child-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    process.waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException("child process ended before it was ready:\n" + output);
  }

  private ChildProcess() {}
}
