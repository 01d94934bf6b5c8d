package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The spreadsheet of a CRF version exactly as uploaded (kept apart so lists never load it). */
@Entity
@Table(name = "crf_version_file")
class CrfVersionFile {

  @Id
  @Column(name = "crf_version_id")
  private Long crfVersionId;

  @Column(nullable = false, updatable = false)
  private byte[] content;

  protected CrfVersionFile() {}

  CrfVersionFile(Long crfVersionId, byte[] content) {
    this.crfVersionId = crfVersionId;
    this.content = content;
  }

  byte[] getContent() {
    return content;
  }
}
