package jp.ac.umin.libreclinica.wstest;

import java.util.Map;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenOwnerDirectory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * {@code core} and {@code ws} without the pages, with stand-ins for what the accounts feature
 * provides in the application: users and the account directory.
 */
@SpringBootApplication(
    scanBasePackages = {
      "jp.ac.umin.libreclinica.core",
      "jp.ac.umin.libreclinica.ws",
      "jp.ac.umin.libreclinica.wstest"
    })
public class WsTestApplication {

  public static final Map<String, Long> ACCOUNTS =
      Map.of("api-alice", 9_001L, "api-admin", 9_002L, "api-locked", 9_003L, "api-gone", 9_004L);

  @Bean
  UserDetailsService testUsers() {
    return new InMemoryUserDetailsManager(
        User.withUsername("api-alice").password("{noop}x").roles("USER").build(),
        User.withUsername("api-admin").password("{noop}x").roles("TECH_ADMIN", "USER").build(),
        User.withUsername("api-locked").password("{noop}x").roles("USER").accountLocked(true)
            .build());
  }

  @Bean
  @org.springframework.context.annotation.Primary
  ApiTokenOwnerDirectory testOwners() {
    return new ApiTokenOwnerDirectory() {
      @Override
      public Optional<Long> accountIdOf(String userName) {
        return Optional.ofNullable(ACCOUNTS.get(userName));
      }

      @Override
      public Optional<String> userNameOf(long accountId) {
        return ACCOUNTS.entrySet().stream()
            .filter(e -> e.getValue() == accountId)
            .map(Map.Entry::getKey)
            .findFirst();
      }
    };
  }

  /** As the application's: every English bundle of the module, no system-locale fallback. */
  @Bean
  MessageSource messageSource() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames("i18n/api");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }
}
