package jp.ac.umin.libreclinica.core.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A password hash an account used before; the policy refuses to take it again. */
@Entity
@Table(name = "password_history")
public class PasswordHistoryEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false, updatable = false)
  private Long accountId;

  @Column(name = "password_hash", nullable = false, updatable = false)
  private String passwordHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected PasswordHistoryEntry() {}

  PasswordHistoryEntry(Long accountId, String passwordHash, Instant createdAt) {
    this.accountId = accountId;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
  }

  String getPasswordHash() {
    return passwordHash;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
