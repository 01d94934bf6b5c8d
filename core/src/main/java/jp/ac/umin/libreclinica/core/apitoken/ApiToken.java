package jp.ac.umin.libreclinica.core.apitoken;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A personal API token of one account. Holds the hash of the secret, never the secret; a short
 * hint (its first characters) lets the owner recognise it. Revoked, never deleted.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

  /** Longest token name, in characters. */
  public static final int NAME_MAX = 100;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false, updatable = false)
  private long accountId;

  @Column(nullable = false, length = NAME_MAX, updatable = false)
  private String name;

  @Column(name = "token_hash", nullable = false, length = 64, updatable = false)
  private String tokenHash;

  @Column(name = "token_hint", nullable = false, length = 16, updatable = false)
  private String tokenHint;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ApiTokenStatus status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", updatable = false)
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Version private long version;

  protected ApiToken() {}

  ApiToken(
      long accountId,
      String name,
      String tokenHash,
      String tokenHint,
      Instant createdAt,
      Instant expiresAt) {
    this.accountId = accountId;
    this.name = name;
    this.tokenHash = tokenHash;
    this.tokenHint = tokenHint;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.status = ApiTokenStatus.ACTIVE;
  }

  /** Ends the token's life; only an active token can be revoked. */
  void revoke(Instant at, String by) {
    if (status != ApiTokenStatus.ACTIVE) {
      throw new ApiTokenException("tokens.error.alreadyRevoked", name);
    }
    status = ApiTokenStatus.REVOKED;
    revokedAt = at;
    revokedBy = by;
  }

  /** Whether the token is active and not expired at {@code now}. */
  public boolean isUsableAt(Instant now) {
    return status == ApiTokenStatus.ACTIVE && !isExpiredAt(now);
  }

  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public Long getId() {
    return id;
  }

  public long getAccountId() {
    return accountId;
  }

  public String getName() {
    return name;
  }

  public String getTokenHint() {
    return tokenHint;
  }

  public ApiTokenStatus getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public String getRevokedBy() {
    return revokedBy;
  }

  String getTokenHash() {
    return tokenHash;
  }
}
