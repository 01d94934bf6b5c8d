package jp.ac.umin.libreclinica.wsaccounts;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import jp.ac.umin.libreclinica.core.account.AccountService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * {@code core} and {@code ws} with the real accounts, as in the application: tokens belong to
 * accounts in the database and their owners are loaded from it, so tests run with real roles.
 */
@SpringBootApplication(
    scanBasePackages = {"jp.ac.umin.libreclinica.core", "jp.ac.umin.libreclinica.ws"})
public class RealAccountsWsTestApplication {

  @Bean
  UserDetailsService accountUsers(AccountService accounts) {
    return name ->
        accounts
            .findForLogin(name)
            .map(
                a ->
                    User.withUsername(a.userName())
                        .password("n/a")
                        .roles(a.userType().name())
                        .accountLocked(a.locked())
                        .disabled(!a.available())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }

  /** As the application's: every bundle on the classpath, English as the base. */
  @Bean
  MessageSource messageSource() throws IOException {
    Resource[] found =
        new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties");
    TreeSet<String> names = new TreeSet<>();
    Arrays.stream(found)
        .map(Resource::getFilename)
        .filter(Objects::nonNull)
        .map(n -> n.substring(0, n.length() - ".properties".length()))
        .filter(n -> !n.contains("_"))
        .forEach(n -> names.add("i18n/" + n));
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames(names.toArray(String[]::new));
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }
}
