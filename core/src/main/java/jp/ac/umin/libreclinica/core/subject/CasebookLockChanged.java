package jp.ac.umin.libreclinica.core.subject;

/**
 * Published inside the transaction that locks or unlocks a subject's casebook, so that the
 * subject's events (and through them their CRFs) follow: locked with the casebook, and released
 * when it is unlocked, except what was locked on its own before.
 */
public record CasebookLockChanged(
    long studySubjectId, long parentStudyId, boolean locked, String reason, String actor) {}
