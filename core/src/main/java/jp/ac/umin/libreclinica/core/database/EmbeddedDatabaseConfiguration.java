package jp.ac.umin.libreclinica.core.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-configuration default: a PostgreSQL server started by the application, whose data
 * directory survives restarts ({@code ./lc-data/db} unless {@code lc.home} or
 * {@code lc.db.embedded.data-dir} says otherwise).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lc.db.mode", havingValue = "embedded")
public class EmbeddedDatabaseConfiguration {

  // The data source is destroyed before the server it depends on, so connections close first.
  @Bean(destroyMethod = "close")
  EmbeddedDatabaseServer embeddedDatabaseServer(
      @Value("${lc.db.embedded.data-dir:${lc.home:./lc-data}/db}") String dataDir,
      @Value("${lc.db.embedded.port:0}") int port) {
    return EmbeddedDatabaseServer.start(Path.of(dataDir), port);
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedDatabaseServer server) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(server.getJdbcUrl());
    ds.setUsername("postgres");
    ds.setPassword("postgres");
    ds.setPoolName("lc-embedded");
    return ds;
  }
}
