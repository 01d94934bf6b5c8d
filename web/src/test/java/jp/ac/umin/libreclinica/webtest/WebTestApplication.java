package jp.ac.umin.libreclinica.webtest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenOwnerDirectory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@code core} and {@code web} for page tests, with a stand-in for the accounts feature's
 * directory: every user name has an account.
 */
@SpringBootApplication(
    scanBasePackages = {"jp.ac.umin.libreclinica.core", "jp.ac.umin.libreclinica.web"})
public class WebTestApplication {

  private static final Map<String, Long> ACCOUNTS = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_ID = new AtomicLong(500_000);

  @Bean
  @org.springframework.context.annotation.Primary
  ApiTokenOwnerDirectory everyUserHasAnAccount() {
    return new ApiTokenOwnerDirectory() {
      @Override
      public Optional<Long> accountIdOf(String userName) {
        return Optional.of(ACCOUNTS.computeIfAbsent(userName, n -> NEXT_ID.incrementAndGet()));
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
}
