package jp.ac.umin.libreclinica.core.signature;

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
 * An electronic signature of a subject's casebook ({@link #getStudyEventId()} null) or of one
 * of its events: who signed (account, user name, full name at the time), when (instant and the
 * zone shown to the signer), its meaning as shown, and what was signed (the canonical
 * serialisation of the signed values and its SHA-256). Never deleted; invalidated when the signed
 * data changes.
 */
@Entity
@Table(name = "signature")
public class Signature {

  /** Whether a signature still stands. */
  public enum Status {
    VALID,
    INVALIDATED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_subject_id", nullable = false)
  private long studySubjectId;

  @Column(name = "study_event_id")
  private Long studyEventId;

  @Column(name = "parent_study_id", nullable = false)
  private long parentStudyId;

  @Column(name = "signer_account_id", nullable = false)
  private long signerAccountId;

  @Column(name = "signer_user_name", nullable = false, length = 64)
  private String signerUserName;

  @Column(name = "signer_full_name", nullable = false)
  private String signerFullName;

  @Column(name = "signed_at", nullable = false)
  private Instant signedAt;

  @Column(name = "signed_zone", nullable = false, length = 64)
  private String signedZone;

  @Column(name = "meaning_key", nullable = false, length = 100)
  private String meaningKey;

  @Column(name = "meaning_text", nullable = false, length = 2000)
  private String meaningText;

  @Column(name = "meaning_locale", nullable = false, length = 35)
  private String meaningLocale;

  @Column(name = "signed_hash", nullable = false, length = 64)
  private String signedHash;

  @Column(name = "signed_content", nullable = false, columnDefinition = "text")
  private String signedContent;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Status status = Status.VALID;

  @Column(name = "invalidated_at")
  private Instant invalidatedAt;

  @Column(name = "invalidated_by", length = 64)
  private String invalidatedBy;

  @Column(name = "invalidated_reason", length = 1000)
  private String invalidatedReason;

  @Version private long version;

  protected Signature() {}

  Signature(
      long studySubjectId,
      Long studyEventId,
      long parentStudyId,
      long signerAccountId,
      String signerUserName,
      String signerFullName,
      Instant signedAt,
      String signedZone,
      String meaningKey,
      String meaningText,
      String meaningLocale,
      SignedData.Content signed) {
    this.studySubjectId = studySubjectId;
    this.studyEventId = studyEventId;
    this.parentStudyId = parentStudyId;
    this.signerAccountId = signerAccountId;
    this.signerUserName = signerUserName;
    this.signerFullName = signerFullName;
    this.signedAt = signedAt;
    this.signedZone = signedZone;
    this.meaningKey = meaningKey;
    this.meaningText = meaningText;
    this.meaningLocale = meaningLocale;
    this.signedHash = signed.hash();
    this.signedContent = signed.text();
  }

  void invalidate(String by, Instant at, String reason) {
    status = Status.INVALIDATED;
    invalidatedBy = by;
    invalidatedAt = at;
    invalidatedReason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
  }

  /** For the audit trail. */
  String describe() {
    return "subject=" + studySubjectId + (studyEventId == null ? ", casebook" : ", event=" + studyEventId)
        + ", signer=" + signerUserName + " (" + signerFullName + "), at=" + signedAt + " " + signedZone
        + ", meaning=" + meaningKey + ", sha256=" + signedHash + ", status=" + status;
  }

  public boolean isCasebook() {
    return studyEventId == null;
  }

  public Long getId() {
    return id;
  }

  public long getStudySubjectId() {
    return studySubjectId;
  }

  public Long getStudyEventId() {
    return studyEventId;
  }

  public long getParentStudyId() {
    return parentStudyId;
  }

  public long getSignerAccountId() {
    return signerAccountId;
  }

  public String getSignerUserName() {
    return signerUserName;
  }

  public String getSignerFullName() {
    return signerFullName;
  }

  public Instant getSignedAt() {
    return signedAt;
  }

  public String getSignedZone() {
    return signedZone;
  }

  public String getMeaningKey() {
    return meaningKey;
  }

  public String getMeaningText() {
    return meaningText;
  }

  public String getMeaningLocale() {
    return meaningLocale;
  }

  public String getSignedHash() {
    return signedHash;
  }

  public String getSignedContent() {
    return signedContent;
  }

  public Status getStatus() {
    return status;
  }

  public Instant getInvalidatedAt() {
    return invalidatedAt;
  }

  public String getInvalidatedBy() {
    return invalidatedBy;
  }

  public String getInvalidatedReason() {
    return invalidatedReason;
  }

  public long getVersion() {
    return version;
  }
}
