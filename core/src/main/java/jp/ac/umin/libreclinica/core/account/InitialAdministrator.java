package jp.ac.umin.libreclinica.core.account;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * First start: on an empty database, creates the technical administrator {@code admin}. The
 * password comes from {@code lc.admin.initial-password} (environment: {@code
 * LC_ADMIN_PASSWORD}); without one a strong random password is generated and written to the log
 * once. Either way it must be changed at first sign-in. There is no default password.
 */
@Component
public class InitialAdministrator implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

  private final AccountService accounts;
  private final String configuredPassword;

  public InitialAdministrator(
      AccountService accounts,
      @Value("${lc.admin.initial-password:${LC_ADMIN_PASSWORD:}}") String configuredPassword) {
    this.accounts = accounts;
    this.configuredPassword = configuredPassword;
  }

  @Override
  public void run(ApplicationArguments args) {
    createIfNeeded();
  }

  /** Creates the administrator when no account exists; returns it, else empty. */
  public Optional<CreatedAccount> createIfNeeded() {
    boolean configured = configuredPassword != null && !configuredPassword.isBlank();
    Optional<CreatedAccount> created;
    try {
      created = accounts.createInitialAdministrator(configured ? configuredPassword : null);
    } catch (AccountValidationException e) {
      // Another node of the same installation created it at the same moment.
      return Optional.empty();
    }
    created.ifPresent(c -> announce(c, configured));
    return created;
  }

  private void announce(CreatedAccount created, boolean configured) {
    String userName = created.account().getUserName();
    if (configured) {
      List<AccountValidationException.FieldProblem> problems =
          accounts.checkAgainstPolicy(userName, configuredPassword);
      log.info(
          "Created the initial administrator '{}' with the password from lc.admin.initial-password"
              + " (LC_ADMIN_PASSWORD); it must be changed at first sign-in.",
          userName);
      if (!problems.isEmpty()) {
        log.warn(
            "The configured initial administrator password does not meet the password policy ({})."
                + " It works once; choose a policy-conforming password at first sign-in.",
            problems);
      }
      return;
    }
    String line = "=".repeat(72);
    log.warn(
        "\n{}\n  INITIAL ADMINISTRATOR CREATED\n\n  User name : {}\n  Password  : {}\n\n"
            + "  This password is shown only this once and must be changed at first sign-in.\n"
            + "  (Set LC_ADMIN_PASSWORD before the first start to choose it yourself.)\n{}",
        line,
        userName,
        created.oneTimePassword(),
        line);
  }
}
