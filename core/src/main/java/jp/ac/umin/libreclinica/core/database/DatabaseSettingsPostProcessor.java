package jp.ac.umin.libreclinica.core.database;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where the database is before any bean exists.
 *
 * <p>{@code LC_DB_URL}, {@code LC_DB_USER} and {@code LC_DB_PASSWORD} are short names for the
 * standard {@code spring.datasource.*} settings. When neither they, the standard settings nor a
 * JNDI name are given, the application runs on its embedded PostgreSQL
 * ({@code lc.db.mode=embedded}); otherwise on the external database ({@code lc.db.mode=external}).
 */
public class DatabaseSettingsPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "lcDatabaseSettings";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> settings = new HashMap<>();
    copy(env, "LC_DB_URL", "spring.datasource.url", settings);
    copy(env, "LC_DB_USER", "spring.datasource.username", settings);
    copy(env, "LC_DB_PASSWORD", "spring.datasource.password", settings);
    boolean url =
        StringUtils.hasText(env.getProperty("spring.datasource.url"))
            || settings.containsKey("spring.datasource.url");
    if (url && !env.containsProperty("spring.datasource.driver-class-name")) {
      // PostgreSQL only: a URL of another form is then reported as such by
      // DatabaseConnectionCheck, instead of as "no suitable driver"
      settings.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
    }
    if (!env.containsProperty("lc.db.mode")) {
      boolean jndi = StringUtils.hasText(env.getProperty("spring.datasource.jndi-name"));
      settings.put("lc.db.mode", url || jndi ? "external" : "embedded");
    }
    // a save of a large CRF updates many item values: let Hibernate send them in batches
    // (identity-keyed inserts are not batched; updates are, with their version checks)
    defaultTo(env, "spring.jpa.properties.hibernate.jdbc.batch_size", "50", settings);
    defaultTo(env, "spring.jpa.properties.hibernate.order_updates", "true", settings);
    env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, settings));
  }

  @Override
  public int getOrder() {
    // after the test support and Boot's own config-file processing, so explicit settings win
    return Ordered.LOWEST_PRECEDENCE - 10;
  }

  private static void defaultTo(ConfigurableEnvironment env, String name, String value, Map<String, Object> into) {
    if (!env.containsProperty(name)) {
      into.put(name, value);
    }
  }

  private static void copy(
      ConfigurableEnvironment env, String shortName, String standard, Map<String, Object> into) {
    String value = env.getProperty(shortName);
    if (StringUtils.hasText(value) && !env.containsProperty(standard)) {
      into.put(standard, value);
    }
  }
}
