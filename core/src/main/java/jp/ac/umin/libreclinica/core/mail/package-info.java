/**
 * E-mail notifications (Spring Mail, {@code spring.mail.*}): a note assigned to someone is
 * mailed to them in their language, after the assigning transaction commits, on a background
 * thread with retries; a failure is logged and never reaches the user's action. Without
 * {@code spring.mail.host} mails are skipped with a log line. See {@code docs/discrepancy-notes.md}.
 */
package jp.ac.umin.libreclinica.core.mail;
