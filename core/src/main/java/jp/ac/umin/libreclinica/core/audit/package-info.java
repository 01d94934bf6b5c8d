/**
 * The audit trail: who did what, when, to which entity, with old and new value and the reason.
 *
 * <p>Features write through {@link jp.ac.umin.libreclinica.core.audit.AuditService}: {@code
 * record} inside the transaction that makes the change, {@code recordIndependently} for events
 * that must survive a rolled-back action (failed logins). The table {@code audit_log} is
 * append-only in the database and every record is chained to the one before by a SHA-256 hash;
 * {@link jp.ac.umin.libreclinica.core.audit.AuditChainVerifier} re-computes the chain and names
 * the first broken record.
 */
package jp.ac.umin.libreclinica.core.audit;
