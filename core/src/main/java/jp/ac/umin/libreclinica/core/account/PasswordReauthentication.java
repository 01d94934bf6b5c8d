package jp.ac.umin.libreclinica.core.account;

import java.time.Instant;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Re-authentication of local accounts for signatures: the account's password, audited. */
@Service
@Transactional(readOnly = true)
public class PasswordReauthentication implements SignerReauthentication {

  /** The sign-in method of a password sign-in. */
  public static final String LOCAL = "local";

  private final UserAccountRepository accounts;
  private final PasswordEncoder encoder;
  private final AuditService audit;

  public PasswordReauthentication(UserAccountRepository accounts, PasswordEncoder encoder, AuditService audit) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.audit = audit;
  }

  @Override
  public boolean appliesTo(String signInMethod) {
    return signInMethod == null || LOCAL.equals(signInMethod);
  }

  @Override
  public Optional<String> redirectFor(String userName, String returnPath) {
    return Optional.empty();
  }

  @Override
  public boolean proven(String userName, String password, Instant since) {
    UserAccount account = accounts.findByUserName(userName).orElse(null);
    boolean ok =
        account != null
            && account.canSignIn()
            && password != null
            && encoder.matches(password, account.getPasswordHash());
    audit.recordIndependently(
        AuditEvent.of(ok ? "reauth.success" : "reauth.failure", AccountService.ENTITY,
                account == null ? null : account.getId())
            .withActor(userName == null ? "" : userName)
            .withReason("password"));
    return ok;
  }
}
