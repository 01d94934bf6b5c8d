package jp.ac.umin.libreclinica.core.audit;

/** An audit record with where it belongs in a subject's casebook. */
public record ContextualAuditRecord(AuditRecord record, AuditContext context) {}
