package jp.ac.umin.libreclinica.core.audit;

import java.time.Instant;

/**
 * One record of the audit trail as stored: an {@link AuditEvent} with its number, time, resolved
 * actor and its place in the hash chain.
 */
public record AuditRecord(
    long id,
    Instant occurredAt,
    String actor,
    String action,
    String entityType,
    String entityId,
    Long studyId,
    String oldValue,
    String newValue,
    String reason,
    String clientAddress,
    String previousHash,
    String hash) {

  /** The hash this record must carry, computed from its fields and {@link #previousHash()}. */
  public String computeHash() {
    return AuditHash.of(this);
  }
}
