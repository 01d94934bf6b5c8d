package jp.ac.umin.libreclinica.core.audit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way anything writes to the audit trail. Records are append-only and hash-chained.
 *
 * <p>SKELETON: the storage is being built; the signature is the contract other features use.
 */
@Service
@Transactional(readOnly = true)
public class AuditService {

  /**
   * Appends the event to the audit trail inside the caller's transaction (so a change and its
   * record commit or roll back together).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(AuditEvent event) {
    throw new UnsupportedOperationException("audit storage not built yet");
  }

  /**
   * Appends the event in a transaction of its own: for events that must stay on the record
   * even though the action failed (a failed login, a refused request).
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordIndependently(AuditEvent event) {
    throw new UnsupportedOperationException("audit storage not built yet");
  }
}
