package jp.ac.umin.libreclinica.core.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: issued to a user, shown once, stored as a SHA-256 hash, revoked (never
 * deleted). Creation, revocation and every refused use are written to the audit trail.
 */
@Service
@Transactional(readOnly = true)
public class ApiTokenService {

  /** Every token starts with this, so that secret scanners and people recognise one. */
  public static final String TOKEN_PREFIX = "lct_";

  static final String ENTITY = "api_token";
  private static final int SECRET_BYTES = 32;
  private static final int HINT_LENGTH = TOKEN_PREFIX.length() + 6;
  private static final String ANONYMOUS = "anonymous";

  private final ApiTokenRepository tokens;
  private final ObjectProvider<ApiTokenOwnerDirectory> owners;
  private final AuditService audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiTokenService(
      ApiTokenRepository tokens,
      ObjectProvider<ApiTokenOwnerDirectory> owners,
      AuditService audit,
      ObjectProvider<Clock> clock) {
    this.tokens = tokens;
    this.owners = owners;
    this.audit = audit;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Issues a token to the user.
   *
   * @param name how the user tells this token apart (unique among the user's active tokens)
   * @param expiresAt when it stops working, or null for never
   * @throws ApiTokenException with a message key when the name or expiry is not acceptable
   */
  @Transactional
  public IssuedApiToken create(String userName, String name, Instant expiresAt) {
    long accountId = accountIdOf(userName);
    String cleanName = validName(name);
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new ApiTokenException("tokens.error.expiryPast");
    }
    if (tokens.activeNameExists(accountId, cleanName)) {
      throw new ApiTokenException("tokens.error.nameDuplicate", cleanName);
    }
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ApiToken token =
        tokens.save(
            new ApiToken(
                accountId,
                cleanName,
                hash(secret),
                secret.substring(0, HINT_LENGTH),
                now,
                expiresAt));
    audit.record(
        AuditEvent.of("api.token.create", ENTITY, token.getId())
            .withActor(userName)
            .withNewValue(
                "name=" + cleanName + "; hint=" + token.getTokenHint() + "; expires="
                    + (expiresAt == null ? "never" : expiresAt.toString())));
    return new IssuedApiToken(secret, token);
  }

  /** The user's tokens, newest first, revoked ones included. */
  public List<ApiToken> tokensOf(String userName) {
    return tokens.findByAccountIdOrderByCreatedAtDescIdDesc(accountIdOf(userName));
  }

  /**
   * Revokes one of the user's own tokens.
   *
   * @throws ApiTokenException when the user has no such token or it is already revoked
   */
  @Transactional
  public void revoke(String userName, long tokenId) {
    ApiToken token =
        tokens
            .findByIdAndAccountId(tokenId, accountIdOf(userName))
            .orElseThrow(() -> new ApiTokenException("tokens.error.notFound"));
    token.revoke(clock.instant(), userName);
    audit.record(
        AuditEvent.of("api.token.revoke", ENTITY, token.getId())
            .withActor(userName)
            .withOldValue(ApiTokenStatus.ACTIVE.name())
            .withNewValue(ApiTokenStatus.REVOKED.name() + "; name=" + token.getName()));
  }

  /**
   * Checks a presented bearer token. A usable token has its last-used time updated; a refused
   * one is written to the audit trail ({@code api.token.rejected}).
   */
  @Transactional
  public ApiTokenCheck check(String presented) {
    Instant now = clock.instant();
    Optional<ApiToken> found =
        presented == null ? Optional.empty() : tokens.findByTokenHash(hash(presented));
    if (found.isEmpty()) {
      return refuse(null, ApiTokenCheck.Refusal.UNKNOWN);
    }
    ApiToken token = found.get();
    if (token.getStatus() != ApiTokenStatus.ACTIVE) {
      return refuse(token.getId(), ApiTokenCheck.Refusal.REVOKED);
    }
    if (token.isExpiredAt(now)) {
      return refuse(token.getId(), ApiTokenCheck.Refusal.EXPIRED);
    }
    Optional<String> owner = directory().userNameOf(token.getAccountId());
    if (owner.isEmpty()) {
      return refuse(token.getId(), ApiTokenCheck.Refusal.OWNER_UNKNOWN);
    }
    tokens.markUsed(token.getId(), now);
    return new ApiTokenCheck(token.getId(), owner.get(), null);
  }

  /**
   * Records that a token that {@link #check} accepted was refused afterwards, e.g. because its
   * owner's account is locked.
   */
  @Transactional
  public void recordRefusedUse(long tokenId, String userName, String why) {
    audit.record(
        AuditEvent.of("api.token.rejected", ENTITY, tokenId)
            .withActor(userName)
            .withNewValue("reason=" + why));
  }

  private ApiTokenCheck refuse(Long tokenId, ApiTokenCheck.Refusal refusal) {
    audit.record(
        AuditEvent.of("api.token.rejected", ENTITY, tokenId)
            .withActor(ANONYMOUS)
            .withNewValue("reason=" + refusal.name().toLowerCase(Locale.ROOT)));
    return new ApiTokenCheck(tokenId, null, refusal);
  }

  private long accountIdOf(String userName) {
    return directory()
        .accountIdOf(userName)
        .orElseThrow(() -> new ApiTokenException("tokens.error.noAccount"));
  }

  private ApiTokenOwnerDirectory directory() {
    ApiTokenOwnerDirectory directory = owners.getIfUnique();
    if (directory == null) {
      throw new IllegalStateException(
          "No ApiTokenOwnerDirectory bean: the accounts feature must provide one");
    }
    return directory;
  }

  private static String validName(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      throw new ApiTokenException("tokens.error.nameRequired");
    }
    if (n.codePointCount(0, n.length()) > ApiToken.NAME_MAX) {
      throw new ApiTokenException("tokens.error.nameTooLong", ApiToken.NAME_MAX);
    }
    if (n.codePoints().anyMatch(Character::isISOControl)) {
      throw new ApiTokenException("tokens.error.nameInvalid");
    }
    return n;
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
