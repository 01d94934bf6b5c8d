package jp.ac.umin.libreclinica.core;

import org.springframework.boot.autoconfigure.domain.EntityScan;
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
public class CoreConfiguration {}
