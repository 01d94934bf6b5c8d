package jp.ac.umin.libreclinica.core.dataentry;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A file uploaded for a FILE item; identified by its generated id only, never deleted. */
@Entity
@Table(name = "item_file")
public class ItemFile {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_crf_id", nullable = false)
  private long eventCrfId;

  @Column(name = "item_id", nullable = false)
  private long itemId;

  @Column(nullable = false)
  private int ordinal;

  @Column(name = "original_name", nullable = false)
  private String originalName;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(nullable = false, length = 64)
  private String sha256;

  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false, columnDefinition = "bytea")
  private byte[] content;

  @Column(nullable = false, length = 16)
  private String status;

  @Column(name = "uploaded_by", nullable = false, length = 64)
  private String uploadedBy;

  @Column(name = "uploaded_at", nullable = false)
  private Instant uploadedAt;

  @Version private long version;

  protected ItemFile() {}

  ItemFile(long eventCrfId, long itemId, int ordinal, String originalName, String contentType,
      byte[] content, String sha256, String by, Instant at) {
    this.eventCrfId = eventCrfId;
    this.itemId = itemId;
    this.ordinal = ordinal;
    this.originalName = originalName;
    this.contentType = contentType;
    this.content = content.clone();
    this.sizeBytes = content.length;
    this.sha256 = sha256;
    this.status = "CURRENT";
    this.uploadedBy = by;
    this.uploadedAt = at;
  }

  void replaced() {
    this.status = "REPLACED";
  }

  public Long getId() {
    return id;
  }

  public long getEventCrfId() {
    return eventCrfId;
  }

  public long getItemId() {
    return itemId;
  }

  public int getOrdinal() {
    return ordinal;
  }

  /** The name the file had on the uploader's computer: shown, never used as a path. */
  public String getOriginalName() {
    return originalName;
  }

  public String getContentType() {
    return contentType;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }

  public byte[] getContent() {
    return content.clone();
  }

  public boolean isCurrent() {
    return "CURRENT".equals(status);
  }

  public String getUploadedBy() {
    return uploadedBy;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }
}
