package jp.ac.umin.libreclinica.core.signature;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Tells a signer, in the application, that one of their signatures became invalid. */
@Entity
@Table(name = "signature_notice")
public class SignatureNotice {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "signature_id", nullable = false)
  private long signatureId;

  @Column(nullable = false, length = 64)
  private String recipient;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "read_at")
  private Instant readAt;

  @Version private long version;

  protected SignatureNotice() {}

  SignatureNotice(long signatureId, String recipient, Instant createdAt) {
    this.signatureId = signatureId;
    this.recipient = recipient;
    this.createdAt = createdAt;
  }

  void read(Instant at) {
    if (readAt == null) {
      readAt = at;
    }
  }

  public Long getId() {
    return id;
  }

  public long getSignatureId() {
    return signatureId;
  }

  public String getRecipient() {
    return recipient;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getReadAt() {
    return readAt;
  }
}
