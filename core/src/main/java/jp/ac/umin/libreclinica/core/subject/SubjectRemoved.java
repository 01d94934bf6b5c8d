package jp.ac.umin.libreclinica.core.subject;

/**
 * Published (synchronously, inside the removing transaction) when a user removes a study
 * subject, so that what hangs off the subject (events, later event CRFs and item data) is
 * auto-removed in the same transaction and audited by its owner.
 */
public record SubjectRemoved(long studySubjectId, long parentStudyId, String reason, String actor) {}
