package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.ac.umin.libreclinica.core.testsupport.PasswordProtectedPostgres;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The contractor's deployment: the built WAR, unchanged, in a real Apache Tomcat 10.1 (the
 * distribution from Maven Central, unpacked by the build), configured only through environment
 * variables, on a PostgreSQL server outside Tomcat's JVM. Runs in {@code verify} (Failsafe),
 * after the WAR is packaged.
 */
public class TomcatDeploymentIT {

  private static final String CONTEXT = "/libreclinica";
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(150);
  private static final String ADMIN_PASSWORD = "It-" + Long.toHexString(System.nanoTime()) + "!x";

  private PasswordProtectedPostgres database;
  private Process tomcat;
  private Path base;
  private Path console;
  private int port;

  @Before
  public void deploy() throws Exception {
    Path war = Path.of(required("lc.it.war"));
    Path home = Path.of(required("lc.it.tomcat-home"));
    assertTrue("WAR missing: " + war, Files.isRegularFile(war));
    assertTrue("Tomcat missing: " + home, Files.isRegularFile(home.resolve("bin/bootstrap.jar")));

    database = PasswordProtectedPostgres.start();
    port = freePort();

    // CATALINA_BASE of our own, so that the unpacked distribution stays as it came
    base = Path.of(required("lc.it.work"), "tomcat-base-" + System.currentTimeMillis());
    for (String dir : List.of("conf", "logs", "temp", "webapps", "work", "lc-home")) {
      Files.createDirectories(base.resolve(dir));
    }
    try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
      for (Path file : conf.filter(Files::isRegularFile).toList()) {
        Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
      }
    }
    Path serverXml = base.resolve("conf/server.xml");
    String server = Files.readString(serverXml);
    assertTrue(server.contains("port=\"8080\"") && server.contains("port=\"8005\""));
    Files.writeString(
        serverXml,
        server.replace("port=\"8080\"", "port=\"" + port + "\"").replace("port=\"8005\"", "port=\"-1\""));
    Files.copy(war, base.resolve("webapps/libreclinica.war"), StandardCopyOption.REPLACE_EXISTING);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // what catalina.sh adds for Java 17
    command.addAll(
        List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
            "-Xmx768m",
            "-Dcatalina.home=" + home,
            "-Dcatalina.base=" + base,
            "-Djava.io.tmpdir=" + base.resolve("temp"),
            "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
            "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
            "-cp",
            home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator + home.resolve("bin/tomcat-juli.jar"),
            "org.apache.catalina.startup.Bootstrap",
            "start"));
    console = base.resolve("logs/console.out");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(console.toFile());
    Map<String, String> env = builder.environment();
    env.put("LC_DB_URL", database.jdbcUrl());
    env.put("LC_DB_USER", PasswordProtectedPostgres.USER);
    env.put("LC_DB_PASSWORD", database.password());
    env.put("LC_HOME", base.resolve("lc-home").toString());
    env.put("LC_ADMIN_PASSWORD", ADMIN_PASSWORD);
    tomcat = builder.start();
  }

  @After
  public void undeploy() throws Exception {
    try {
      if (tomcat != null) {
        tomcat.destroy(); // SIGTERM: Tomcat's shutdown hook stops the application
        if (!tomcat.waitFor(60, TimeUnit.SECONDS)) {
          tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  @Test
  public void warDeployedInTomcatShowsTheLoginPageAndLetsTheAdministratorIn() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String loginUrl = "http://localhost:" + port + CONTEXT + "/login";

    HttpResponse<String> loginPage = waitForLoginPage(http, loginUrl);
    assertEquals(log("login page"), 200, loginPage.statusCode());
    Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(loginPage.body());
    assertTrue(log("CSRF token in login form: " + loginPage.body()), csrf.find());
    assertTrue("form posts inside the context path", loginPage.body().contains(CONTEXT + "/login"));

    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(loginUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form("username", "admin", "password", ADMIN_PASSWORD, "_csrf", csrf.group(1))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(log("login answer"), 302, login.statusCode());
    String location = login.headers().firstValue("Location").orElse("");
    assertFalse(log("login refused: " + location), location.contains("error"));
    assertTrue(log("redirect stays in the context: " + location), location.contains(CONTEXT + "/"));

    HttpResponse<String> after =
        http.send(
            HttpRequest.newBuilder(URI.create(loginUrl).resolve(location)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(log("page after login " + location), 200, after.statusCode());

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + CONTEXT + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(log("health"), 200, health.statusCode());
    assertTrue(health.body(), health.body().contains("UP"));
  }

  /** Polls until the application answers (Tomcat starts first, then deploys the WAR). */
  private HttpResponse<String> waitForLoginPage(HttpClient http, String url) throws Exception {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      assertTrue(log("Tomcat exited"), tomcat.isAlive());
      try {
        last =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (last.statusCode() == 200) {
          return last;
        }
      } catch (IOException notYet) {
        // connection refused while Tomcat starts
      }
      Thread.sleep(1000);
    }
    assertNotNull(log("no answer from " + url + " within " + STARTUP_LIMIT), last);
    return last;
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  /** The message plus the end of Tomcat's console, so that a failure in CI explains itself. */
  private String log(String message) {
    try {
      List<String> lines = Files.readAllLines(console);
      int from = Math.max(0, lines.size() - 120);
      return message + "\n--- Tomcat console (" + console + "), last lines ---\n"
          + String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return message + " (no Tomcat console: " + e + ")";
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    assertNotNull("system property " + property + " (set by the packaging pom)", value);
    return value;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
