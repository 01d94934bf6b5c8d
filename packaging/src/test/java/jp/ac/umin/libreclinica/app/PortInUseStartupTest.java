package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.Rule;
import org.junit.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.OutputCaptureRule;
import org.springframework.context.ConfigurableApplicationContext;

/** An occupied port stops the start with one message that names the port settings. */
public class PortInUseStartupTest {

  @Rule public OutputCaptureRule output = new OutputCaptureRule();

  @Test
  public void occupiedPortGivesOneMessageNamingTheSettings() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      int port = taken.getLocalPort();
      try (ConfigurableApplicationContext ctx =
          new SpringApplicationBuilder(LibreClinicaApplication.class)
              .run("--server.port=" + port, "--spring.jmx.enabled=false")) {
        fail("started on an occupied port");
      } catch (RuntimeException expected) {
        String printed = output.toString();
        assertTrue(printed, printed.contains("APPLICATION FAILED TO START"));
        assertTrue(printed, printed.contains(String.valueOf(port)));
        assertTrue(printed, printed.contains("SERVER_PORT"));
        assertTrue(printed, printed.contains("--server.port="));
        // the report itself has no stack trace (other contexts of this JVM may log their own
        // shutdown before it, e.g. a job scheduler losing its closed database)
        String report = printed.substring(printed.indexOf("APPLICATION FAILED TO START"));
        assertFalse(report, report.contains("\tat "));
      }
    }
  }
}
