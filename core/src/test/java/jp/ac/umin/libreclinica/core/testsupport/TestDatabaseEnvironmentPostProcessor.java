package jp.ac.umin.libreclinica.core.testsupport;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring Boot test at the shared {@link TestDatabase}, unless the test sets
 * {@code lc.test.shared-db=false} (tests of the embedded default itself do).
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!env.getProperty("lc.test.shared-db", Boolean.class, true)
        || env.containsProperty("spring.datasource.url")) {
      return;
    }
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "lcTestDatabase",
                Map.of(
                    "spring.datasource.url", TestDatabase.jdbcUrl(),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "postgres")));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
