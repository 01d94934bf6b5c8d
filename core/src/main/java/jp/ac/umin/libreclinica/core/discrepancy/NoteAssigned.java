package jp.ac.umin.libreclinica.core.discrepancy;

/**
 * Published when a thread is assigned to someone (raised with an assignee, or answered with a
 * new one); the e-mail notification listens to it after the transaction commits.
 *
 * @param threadId the thread
 * @param assignedTo the user name of the assignee
 * @param assignedBy who assigned it
 */
public record NoteAssigned(long threadId, String assignedTo, String assignedBy) {}
