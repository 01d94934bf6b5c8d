package jp.ac.umin.libreclinica.core.audit;

/**
 * A filter on the audit trail; blank fields match everything, others match exactly.
 *
 * @param actor user name of who acted
 * @param action e.g. {@code account.create}
 * @param entityType e.g. {@code account}
 * @param entityId the entity's identifier as recorded
 */
public record AuditQuery(String actor, String action, String entityType, String entityId) {

  /** Matches every record. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null);
  }
}
