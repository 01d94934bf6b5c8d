package jp.ac.umin.libreclinica.core.account;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing and the password policy settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordPolicy.class)
public class AccountConfiguration {

  /**
   * Spring Security's delegating encoder: hashes carry their algorithm ({@code {bcrypt}...}),
   * so a stronger default later does not lock anyone out.
   */
  @Bean
  public PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
