/**
 * The audit trail in the pages: the administrators' audit log ({@code /admin/audit}) and the
 * actor of audit records taken from the security context.
 */
package jp.ac.umin.libreclinica.web.audit;
