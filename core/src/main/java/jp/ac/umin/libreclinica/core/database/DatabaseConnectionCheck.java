package jp.ac.umin.libreclinica.core.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import jp.ac.umin.libreclinica.core.database.ExternalDatabaseException.Problem;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tries the external database once, as soon as its data source exists and before anything
 * (Flyway, JPA, sessions) uses it, and turns a failure into an {@link ExternalDatabaseException}
 * that says which setting is wrong.
 *
 * <p>Trying it with the PostgreSQL driver directly, rather than through the connection pool,
 * keeps the pool from logging its own stack trace next to the one clear message.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lc.db.mode", havingValue = "external")
public class DatabaseConnectionCheck {

  @Bean
  static BeanPostProcessor lcDatabaseConnectionCheck(Environment env) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari) {
          tryConnect(hikari);
        } else if (bean instanceof DataSource other) {
          tryConnect(other, env.getProperty("spring.datasource.jndi-name", beanName));
        }
        return bean;
      }
    };
  }

  static void tryConnect(HikariDataSource ds) {
    String url = ds.getJdbcUrl();
    String user = ds.getUsername();
    if (url == null) {
      return; // configured through a DataSource class name; the pool reports its own errors
    }
    org.postgresql.Driver driver = new org.postgresql.Driver();
    if (org.postgresql.Driver.parseURL(url, null) == null) {
      throw new ExternalDatabaseException(Problem.INVALID_URL, url, user, null);
    }
    Properties props = new Properties();
    props.putAll(ds.getDataSourceProperties());
    if (user != null) {
      props.setProperty("user", user);
    }
    if (ds.getPassword() != null) {
      props.setProperty("password", ds.getPassword());
    }
    // a server that accepts the connection but never answers must not hang the start
    props.putIfAbsent("loginTimeout", "30");
    try (Connection c = driver.connect(url, props)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw ExternalDatabaseException.of(url, user, e);
    }
  }

  static void tryConnect(DataSource ds, String name) {
    try (Connection c = ds.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw ExternalDatabaseException.of(name, null, e);
    }
  }
}
