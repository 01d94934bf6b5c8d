package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;

/**
 * One version of a CRF, as uploaded: its name and OID, who uploaded which file when, and
 * whether it is available or removed (with the reason).
 */
@Entity
@Table(name = "crf_version")
public class CrfVersion {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crf_version_seq")
  @SequenceGenerator(name = "crf_version_seq", sequenceName = "crf_version_seq", allocationSize = 50)
  private Long id;

  @Column(name = "crf_id", nullable = false, updatable = false)
  private Long crfId;

  @Column(nullable = false, updatable = false)
  private String name;

  @Column(nullable = false, updatable = false)
  private String oid;

  private String description;

  @Column(name = "revision_notes")
  private String revisionNotes;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private CrfVersionStatus status = CrfVersionStatus.AVAILABLE;

  @Column(name = "status_reason")
  private String statusReason;

  @Column(name = "status_changed_at")
  private Instant statusChangedAt;

  @Column(name = "status_changed_by")
  private String statusChangedBy;

  @Column(name = "item_count", nullable = false)
  private int itemCount;

  @Column(name = "file_name", nullable = false, updatable = false)
  private String fileName;

  @Column(name = "file_sha256", nullable = false, updatable = false)
  private String fileSha256;

  @Column(name = "file_size", nullable = false, updatable = false)
  private long fileSize;

  @Column(name = "uploaded_at", nullable = false, updatable = false)
  private Instant uploadedAt;

  @Column(name = "uploaded_by", nullable = false, updatable = false)
  private String uploadedBy;

  @Version
  @Column(name = "opt_version")
  private long optVersion;

  protected CrfVersion() {}

  CrfVersion(Long crfId, String name, String oid, String description, String revisionNotes,
      int itemCount, String fileName, String fileSha256, long fileSize, Instant uploadedAt,
      String uploadedBy) {
    this.crfId = crfId;
    this.name = name;
    this.oid = oid;
    this.description = description;
    this.revisionNotes = revisionNotes;
    this.itemCount = itemCount;
    this.fileName = fileName;
    this.fileSha256 = fileSha256;
    this.fileSize = fileSize;
    this.uploadedAt = uploadedAt;
    this.uploadedBy = uploadedBy;
  }

  /** Takes the version out of use; its data and definition stay. */
  void remove(String reason, String by, Instant at) {
    if (status == CrfVersionStatus.REMOVED) {
      throw new InvalidInputException("crf.version.alreadyRemoved");
    }
    changeStatus(CrfVersionStatus.REMOVED, reason, by, at);
  }

  /** Puts a removed version back into use. */
  void restore(String reason, String by, Instant at) {
    if (status != CrfVersionStatus.REMOVED) {
      throw new InvalidInputException("crf.version.notRemoved");
    }
    changeStatus(CrfVersionStatus.AVAILABLE, reason, by, at);
  }

  private void changeStatus(CrfVersionStatus to, String reason, String by, Instant at) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("crf.version.reasonRequired");
    }
    this.status = to;
    this.statusReason = reason.strip();
    this.statusChangedBy = by;
    this.statusChangedAt = at;
  }

  public Long getId() {
    return id;
  }

  public Long getCrfId() {
    return crfId;
  }

  public String getName() {
    return name;
  }

  public String getOid() {
    return oid;
  }

  public String getDescription() {
    return description;
  }

  public String getRevisionNotes() {
    return revisionNotes;
  }

  public CrfVersionStatus getStatus() {
    return status;
  }

  public String getStatusReason() {
    return statusReason;
  }

  public Instant getStatusChangedAt() {
    return statusChangedAt;
  }

  public String getStatusChangedBy() {
    return statusChangedBy;
  }

  public int getItemCount() {
    return itemCount;
  }

  public String getFileName() {
    return fileName;
  }

  public String getFileSha256() {
    return fileSha256;
  }

  public long getFileSize() {
    return fileSize;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }

  public String getUploadedBy() {
    return uploadedBy;
  }

  public long getOptVersion() {
    return optVersion;
  }
}
