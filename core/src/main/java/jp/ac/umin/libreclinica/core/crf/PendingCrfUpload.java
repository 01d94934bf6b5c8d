package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A previewed CRF spreadsheet waiting for its commit. Not study data: it is deleted on commit,
 * cancel or expiry.
 */
@Entity
@Table(name = "crf_pending_upload")
class PendingCrfUpload {

  @Id private String token;

  @Column(name = "user_name", nullable = false, updatable = false)
  private String userName;

  @Column(name = "session_hash", nullable = false, updatable = false)
  private String sessionHash;

  @Column(name = "file_name", nullable = false, updatable = false)
  private String fileName;

  @Column(nullable = false, updatable = false)
  private byte[] content;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected PendingCrfUpload() {}

  PendingCrfUpload(
      String token, String userName, String sessionHash, String fileName, byte[] content, Instant createdAt) {
    this.token = token;
    this.userName = userName;
    this.sessionHash = sessionHash;
    this.fileName = fileName;
    this.content = content;
    this.createdAt = createdAt;
  }

  String getToken() {
    return token;
  }

  String getUserName() {
    return userName;
  }

  String getSessionHash() {
    return sessionHash;
  }

  String getFileName() {
    return fileName;
  }

  byte[] getContent() {
    return content;
  }

  Instant getCreatedAt() {
    return createdAt;
  }
}
