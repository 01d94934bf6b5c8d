package jp.ac.umin.libreclinica.core.audit;

import java.util.Optional;

/**
 * Finds where a record about an entity belongs in a subject's casebook, for records whose
 * writer did not say ({@link AuditEvent#withContext(AuditContext)}). Called inside the
 * recording transaction, after the entity has been written.
 */
public interface AuditContextResolver {

  /** The context of a record about this entity; empty when it concerns no subject. */
  Optional<AuditContext> resolve(String entityType, String entityId);
}
