package jp.ac.umin.libreclinica.umin.sso.saml;

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

/**
 * Presence proven at the SAML IdP before a signature: the user is sent to the IdP with
 * {@code ForceAuthn="true"} ({@code /sso/saml/reauth}); the Response must be for the same
 * account (its persistent subject linked to it) and show an authentication after the request
 * was sent (AuthnInstant), else nothing is proven. A proof is used once.
 */
public class SamlReauthentication implements SignerReauthentication {

  /** The path that starts a re-authentication, with {@code ?return=} the page to come back to. */
  public static final String PATH = "/sso/saml/reauth";

  private final SsoProperties.Saml config;
  private final ExternalIdentityRepository identities;
  private final UserAccountRepository accounts;
  private final AuditService audit;
  private final Map<String, Instant> proofs = new ConcurrentHashMap<>();
  /** When set, proofs are kept in the database (table {@code sso_saml_reauth_proof}), for every server. */
  private org.springframework.jdbc.core.JdbcTemplate jdbc;

  public SamlReauthentication(
      SsoProperties.Saml config,
      ExternalIdentityRepository identities,
      UserAccountRepository accounts,
      AuditService audit) {
    this.config = config;
    this.identities = identities;
    this.accounts = accounts;
    this.audit = audit;
  }

  /** Keeps proofs in the database, so that any application server can take them. */
  public void keepProofsIn(org.springframework.jdbc.core.JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  private Instant takeProof(String userName) {
    if (jdbc == null) {
      return proofs.remove(userName);
    }
    java.util.List<Instant> at =
        jdbc.query(
            "DELETE FROM sso_saml_reauth_proof WHERE user_name = ? RETURNING authn_at",
            (rs, i) -> rs.getTimestamp(1).toInstant(),
            userName);
    return at.isEmpty() ? null : at.get(0);
  }

  private void keepProof(String userName, Instant authnInstant) {
    if (jdbc == null) {
      proofs.put(userName, authnInstant);
      return;
    }
    jdbc.update(
        "INSERT INTO sso_saml_reauth_proof (user_name, authn_at) VALUES (?, ?)"
            + " ON CONFLICT (user_name) DO UPDATE SET authn_at = EXCLUDED.authn_at",
        userName,
        java.sql.Timestamp.from(authnInstant));
  }

  @Override
  public boolean appliesTo(String signInMethod) {
    return "sso".equals(signInMethod) || (SamlFilter.PROTOCOL + ":" + config.getProvider()).equals(signInMethod);
  }

  @Override
  public Optional<String> redirectFor(String userName, String returnPath) {
    return Optional.of(PATH + "?return=" + URLEncoder.encode(safeReturn(returnPath), StandardCharsets.UTF_8));
  }

  @Override
  public boolean proven(String userName, String password, Instant since) {
    Instant at = userName == null ? null : takeProof(userName);
    boolean ok = at != null && !at.isBefore(since);
    record(userName, ok, ok ? "saml" : "saml:not-proven");
    return ok;
  }

  /**
   * Takes a verified Response to a forced AuthnRequest: records the proof when it is the same
   * account and a new authentication. Audited either way.
   */
  boolean accept(SamlAssertion assertion) {
    SamlRequestStore.Pending request = assertion.request();
    String userName = request.userName();
    UserAccount account = accounts.findByUserName(userName).orElse(null);
    ExternalIdentity identity =
        identities
            .findByProviderAndSubjectAndStatus(config.getProvider(), assertion.subject(), IdentityStatus.LINKED)
            .orElse(null);
    if (account == null || identity == null || identity.getAccountId() != account.getId()) {
      record(userName, false, "saml:another-user");
      return false;
    }
    Duration skew = config.getClockSkew();
    if (assertion.authnInstant() == null || assertion.authnInstant().isBefore(request.issued().minus(skew))) {
      record(userName, false, "saml:not-reauthenticated");
      return false;
    }
    keepProof(userName, assertion.authnInstant());
    return true;
  }

  private void record(String userName, boolean ok, String reason) {
    Long accountId = userName == null ? null : accounts.findByUserName(userName).map(UserAccount::getId).orElse(null);
    audit.recordIndependently(
        AuditEvent.of(ok ? "reauth.success" : "reauth.failure", "user_account", accountId)
            .withActor(userName == null ? "" : userName)
            .withReason(reason));
  }

  /** Only a path of this application (no other site, no scheme). */
  static String safeReturn(String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
      return "/";
    }
    return path;
  }
}
