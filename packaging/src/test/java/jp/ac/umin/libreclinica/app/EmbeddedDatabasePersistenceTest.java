package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The zero-configuration default as a user meets it: the whole application on its embedded
 * PostgreSQL in a fresh home directory, stopped and started again on the same directory.
 */
public class EmbeddedDatabasePersistenceTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static ConfigurableApplicationContext start(Path home) {
    return new SpringApplicationBuilder(LibreClinicaApplication.class)
        .run(
            "--lc.home=" + home,
            "--lc.test.shared-db=false",
            "--server.port=0",
            "--spring.jmx.enabled=false");
  }

  private static int loginPageStatus(ConfigurableApplicationContext ctx) throws Exception {
    int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  public void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
    Path home = tmp.newFolder("lc-home").toPath();
    String marker = "written before restart " + UUID.randomUUID();
    int migrations;
    try (ConfigurableApplicationContext first = start(home)) {
      assertEquals("embedded", first.getEnvironment().getProperty("lc.db.mode"));
      assertEquals(200, loginPageStatus(first));
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      jdbc.execute("create table restart_probe (note text not null)");
      jdbc.update("insert into restart_probe (note) values (?)", marker);
      migrations = jdbc.queryForObject("select count(*) from flyway_schema_history", Integer.class);
    }
    try (ConfigurableApplicationContext second = start(home)) {
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
      assertEquals(marker, jdbc.queryForObject("select note from restart_probe", String.class));
      // the same database, not a new one migrated again
      assertEquals(
          Integer.valueOf(migrations),
          jdbc.queryForObject("select count(*) from flyway_schema_history", Integer.class));
      assertEquals(200, loginPageStatus(second));
    }
  }
}
