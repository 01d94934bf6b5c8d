/**
 * Discrepancy notes as LibreClinica users know them: annotations, queries, reasons for change
 * and failed validation checks, in threads on an item value, a subject field or an event field.
 * Who may raise, answer, propose a resolution or close follows the role matrix of
 * {@link jp.ac.umin.libreclinica.core.account.RolePolicy}; what each action needs is said by
 * {@link jp.ac.umin.libreclinica.core.discrepancy.NotePolicy}. Every note is audited and none
 * is ever deleted. See {@code docs/discrepancy-notes.md}.
 */
package jp.ac.umin.libreclinica.core.discrepancy;
