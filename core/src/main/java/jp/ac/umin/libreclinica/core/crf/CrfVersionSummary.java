package jp.ac.umin.libreclinica.core.crf;

import java.time.Instant;

/** A CRF version in a list. */
public record CrfVersionSummary(
    Long id,
    Long crfId,
    String name,
    String oid,
    CrfVersionStatus status,
    String statusReason,
    int itemCount,
    String fileName,
    Instant uploadedAt,
    String uploadedBy) {

  static CrfVersionSummary of(CrfVersion v) {
    return new CrfVersionSummary(
        v.getId(), v.getCrfId(), v.getName(), v.getOid(), v.getStatus(), v.getStatusReason(),
        v.getItemCount(), v.getFileName(), v.getUploadedAt(), v.getUploadedBy());
  }
}
