/**
 * The data API: subjects of a study or site, the subject matrix page by page, events, and one
 * event CRF's item data read and written as JSON. Everything goes through the core services the
 * pages use, so validation, authorization, the conflict rule and the audit trail are the same.
 */
package jp.ac.umin.libreclinica.ws.api.subject;
