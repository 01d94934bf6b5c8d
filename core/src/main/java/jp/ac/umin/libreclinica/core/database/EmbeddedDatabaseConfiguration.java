package jp.ac.umin.libreclinica.core.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The zero-configuration default: a PostgreSQL server started inside the application's JVM,
 * whose data directory survives restarts ({@code ./lc-data/db} unless {@code lc.home} or
 * {@code lc.db.embedded.data-dir} says otherwise).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lc.db.mode", havingValue = "embedded")
public class EmbeddedDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(
      @Value("${lc.db.embedded.data-dir:${lc.home:./lc-data}/db}") String dataDir,
      @Value("${lc.db.embedded.port:0}") int port)
      throws IOException {
    Path dir = Path.of(dataDir).toAbsolutePath().normalize();
    Files.createDirectories(dir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false);
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres pg = builder.start();
    log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dir);
    return pg;
  }

  @Bean(destroyMethod = "close")
  @DependsOn("embeddedPostgres")
  DataSource dataSource(EmbeddedPostgres pg) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
    ds.setUsername("postgres");
    ds.setPassword("postgres");
    ds.setPoolName("lc-embedded");
    return ds;
  }
}
