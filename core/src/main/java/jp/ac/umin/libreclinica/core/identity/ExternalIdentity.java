package jp.ac.umin.libreclinica.core.identity;

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

/**
 * An identity at an external provider (a UMIN ID at UMIN's IdP, a user of an OpenID Connect
 * provider) linked to an account. The link holds the persistent subject, never the UMIN ID
 * alone: the display identifier follows the holder's changes. Never deleted: unlinking sets a
 * status and a reason.
 */
@Entity
@Table(name = "external_identity")
public class ExternalIdentity {

  public static final int MAX_PROVIDER = 40;
  public static final int MAX_SUBJECT = 512;
  public static final int MAX_DISPLAY_ID = 255;
  public static final int MAX_REASON = 1000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false, updatable = false)
  private long accountId;

  @Column(nullable = false, updatable = false)
  private String provider;

  private String subject;

  @Column(name = "display_id", nullable = false)
  private String displayId;

  private String email;

  @Column(name = "display_name")
  private String displayName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private IdentityStatus status;

  @Column(name = "first_seen_at")
  private Instant firstSeenAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @Column(name = "unlink_reason")
  private String unlinkReason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  @Version private long version;

  protected ExternalIdentity() {}

  /** An administrator's pre-registration of a display identifier (e.g. a UMIN ID). */
  static ExternalIdentity preRegistered(
      long accountId, String provider, String displayId, String actor, Instant now) {
    ExternalIdentity i = new ExternalIdentity();
    i.accountId = accountId;
    i.provider = Objects.requireNonNull(provider);
    i.displayId = Objects.requireNonNull(displayId);
    i.status = IdentityStatus.PENDING;
    i.createdAt = now;
    i.createdBy = actor;
    return i;
  }

  /** A link made together with a just-in-time account, bound to the persistent subject at once. */
  static ExternalIdentity linkedJustInTime(
      long accountId, String provider, String subject, String displayId, Instant now) {
    ExternalIdentity i = preRegistered(accountId, provider, displayId, "system", now);
    i.bind(subject, now);
    return i;
  }

  /** The first sign-in of a pre-registered identity binds its persistent subject. */
  void bind(String subject, Instant now) {
    if (status != IdentityStatus.PENDING) {
      throw new IllegalStateException("only a pending identity binds");
    }
    this.subject = Objects.requireNonNull(subject);
    this.status = IdentityStatus.LINKED;
    this.firstSeenAt = now;
    this.lastSeenAt = now;
    touch("system", now);
  }

  /** A sign-in: the display identifier, e-mail and name follow what the provider says now. */
  void seen(String displayId, String email, String displayName, Instant now) {
    if (displayId != null && !displayId.isBlank()) {
      this.displayId = displayId;
    }
    if (email != null && !email.isBlank()) {
      this.email = email;
    }
    if (displayName != null && !displayName.isBlank()) {
      this.displayName = displayName;
    }
    this.lastSeenAt = now;
  }

  void unlink(String reason, String actor, Instant now) {
    if (status == IdentityStatus.UNLINKED) {
      throw new IllegalStateException("already unlinked");
    }
    this.status = IdentityStatus.UNLINKED;
    this.unlinkReason = Objects.requireNonNull(reason);
    touch(actor, now);
  }

  /** Back to linked (a subject was bound before) or pending (never signed in). */
  void relink(String actor, Instant now) {
    if (status != IdentityStatus.UNLINKED) {
      throw new IllegalStateException("not unlinked");
    }
    this.status = subject == null ? IdentityStatus.PENDING : IdentityStatus.LINKED;
    this.unlinkReason = null;
    touch(actor, now);
  }

  private void touch(String actor, Instant now) {
    this.updatedBy = actor;
    this.updatedAt = now;
  }

  /** For the audit trail: one {@code field=value} per line. */
  String audited() {
    return "provider=" + provider
        + "\nsubject=" + (subject == null ? "" : subject)
        + "\ndisplayId=" + displayId
        + "\nstatus=" + status;
  }

  public Long getId() {
    return id;
  }

  public long getAccountId() {
    return accountId;
  }

  public String getProvider() {
    return provider;
  }

  /** The persistent subject; null while pre-registered. */
  public String getSubject() {
    return subject;
  }

  /** What people know the identity by (the UMIN ID); may change, never used as the key. */
  public String getDisplayId() {
    return displayId;
  }

  public String getEmail() {
    return email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public IdentityStatus getStatus() {
    return status;
  }

  public Instant getFirstSeenAt() {
    return firstSeenAt;
  }

  public Instant getLastSeenAt() {
    return lastSeenAt;
  }

  public String getUnlinkReason() {
    return unlinkReason;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public long getVersion() {
    return version;
  }
}
