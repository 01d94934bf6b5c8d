package jp.ac.umin.libreclinica.core.subject;

/**
 * Published inside the restoring transaction when a removed study subject is restored; what
 * was auto-removed with it comes back.
 */
public record SubjectRestored(long studySubjectId, long parentStudyId, String reason, String actor) {}
