/**
 * E-mail notifications (Spring Mail, {@code spring.mail.*}): a note assigned to someone, and a
 * subject's event reaching a status that a user subscribed to ({@link
 * jp.ac.umin.libreclinica.core.mail.EventSubscriptionService}), are mailed in the recipient's
 * language after the changing transaction commits, on a background thread, through the
 * persistent {@link jp.ac.umin.libreclinica.core.mail.MailOutbox} which retries on a schedule and
 * gives up after a configured number of attempts; a failure is logged and never reaches the
 * user's action. Without {@code spring.mail.host} mails are skipped with a log line. See {@code
 * docs/discrepancy-notes.md}.
 */
package jp.ac.umin.libreclinica.core.mail;
