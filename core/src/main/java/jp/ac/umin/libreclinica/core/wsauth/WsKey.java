package jp.ac.umin.libreclinica.core.wsauth;

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
import java.util.Objects;

/** A web-services key of one account: only a hash of the key's SHA-1 digest is kept. */
@Entity
@Table(name = "ws_key")
public class WsKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false, updatable = false)
  private long accountId;

  @Column(nullable = false, updatable = false)
  private String verifier;

  @Column(name = "key_hint", nullable = false, updatable = false)
  private String hint;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private WsKeyStatus status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Version private long version;

  protected WsKey() {}

  WsKey(long accountId, String verifier, String hint, Instant now) {
    this.accountId = accountId;
    this.verifier = Objects.requireNonNull(verifier);
    this.hint = Objects.requireNonNull(hint);
    this.status = WsKeyStatus.ACTIVE;
    this.createdAt = now;
  }

  void revoke(String actor, Instant now) {
    status = WsKeyStatus.REVOKED;
    revokedAt = now;
    revokedBy = actor;
  }

  public Long getId() {
    return id;
  }

  public long getAccountId() {
    return accountId;
  }

  String getVerifier() {
    return verifier;
  }

  /** The last characters of the key, to tell which one a client uses. */
  public String getHint() {
    return hint;
  }

  public WsKeyStatus getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }
}
