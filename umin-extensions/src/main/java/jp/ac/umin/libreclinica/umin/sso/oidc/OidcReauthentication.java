package jp.ac.umin.libreclinica.umin.sso.oidc;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.ac.umin.libreclinica.core.account.SignerReauthentication;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentity;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository;
import jp.ac.umin.libreclinica.core.identity.IdentityStatus;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import org.springframework.security.core.context.SecurityContext;

/**
 * Presence proven at the OpenID Connect provider before a signature: an authorization request
 * with {@code prompt=login} and {@code max_age=0}; the ID token must be for the same account and
 * its {@code auth_time} after the request was sent. A proof is used once. The signed-in session
 * stays as it was.
 */
public class OidcReauthentication implements SignerReauthentication {

  public static final String PATH = "/sso/oidc/reauth";
  static final String PENDING = OidcReauthentication.class.getName() + ".pending";
  private static final Duration SKEW = Duration.ofMinutes(1);

  /** A re-authentication under way, kept in the session with the sign-in it must not replace. */
  record Pending(String userName, String returnPath, Instant issued, SecurityContext context) implements Serializable {}

  private final SsoProperties properties;
  private final ExternalIdentityRepository identities;
  private final UserAccountRepository accounts;
  private final AuditService audit;
  private final Map<String, Instant> proofs = new ConcurrentHashMap<>();

  public OidcReauthentication(
      SsoProperties properties,
      ExternalIdentityRepository identities,
      UserAccountRepository accounts,
      AuditService audit) {
    this.properties = properties;
    this.identities = identities;
    this.accounts = accounts;
    this.audit = audit;
  }

  @Override
  public boolean appliesTo(String signInMethod) {
    // "sso" (an SSO-only account, method unknown) goes to SAML when both are on.
    return (OidcSignOn.PROTOCOL + ":" + properties.getOidc().getProvider()).equals(signInMethod)
        || ("sso".equals(signInMethod) && !properties.getSaml().isEnabled());
  }

  @Override
  public Optional<String> redirectFor(String userName, String returnPath) {
    return Optional.of(PATH + "?return=" + URLEncoder.encode(safeReturn(returnPath), StandardCharsets.UTF_8));
  }

  @Override
  public boolean proven(String userName, String password, Instant since) {
    Instant at = userName == null ? null : proofs.remove(userName);
    boolean ok = at != null && !at.isBefore(since);
    record(userName, ok, ok ? "oidc" : "oidc:not-proven");
    return ok;
  }

  /** Checks the provider's answer to a forced authentication; audited when refused. */
  boolean accept(Pending pending, String subject, Instant authTime) {
    UserAccount account = accounts.findByUserName(pending.userName()).orElse(null);
    ExternalIdentity identity =
        identities
            .findByProviderAndSubjectAndStatus(properties.getOidc().getProvider(), subject, IdentityStatus.LINKED)
            .orElse(null);
    if (account == null || identity == null || identity.getAccountId() != account.getId()) {
      record(pending.userName(), false, "oidc:another-user");
      return false;
    }
    if (authTime == null || authTime.isBefore(pending.issued().minus(SKEW))) {
      record(pending.userName(), false, "oidc:not-reauthenticated");
      return false;
    }
    proofs.put(pending.userName(), authTime);
    return true;
  }

  void refused(Pending pending, String why) {
    record(pending.userName(), false, "oidc:" + why);
  }

  private void record(String userName, boolean ok, String reason) {
    Long accountId = userName == null ? null : accounts.findByUserName(userName).map(UserAccount::getId).orElse(null);
    audit.recordIndependently(
        AuditEvent.of(ok ? "reauth.success" : "reauth.failure", "user_account", accountId)
            .withActor(userName == null ? "" : userName)
            .withReason(reason));
  }

  static String safeReturn(String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
      return "/";
    }
    return path;
  }
}
