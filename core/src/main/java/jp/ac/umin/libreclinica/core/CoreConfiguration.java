package jp.ac.umin.libreclinica.core;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * Wires the persistence of every feature package of {@code core}: entities and Spring Data
 * repositories are found below this package, whatever package the application class lives in.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = CoreConfiguration.class)
@EnableJpaRepositories(basePackageClasses = CoreConfiguration.class)
@EnableTransactionManagement
public class CoreConfiguration {

  /** The clock of every service, so that tests can fix time. */
  @Bean
  @ConditionalOnMissingBean
  public Clock clock() {
    return Clock.systemUTC();
  }
}
