package jp.ac.umin.libreclinica.core.event;

/**
 * Published inside the transaction that locks or unlocks a subject's event, so that its CRFs
 * follow: locked with the event ({@code origin} is {@link StudyEvent#LOCKED_BY_ITSELF} or {@link
 * StudyEvent#LOCKED_WITH_CASEBOOK}) and released by the same origin's unlock.
 */
public record EventLockChanged(
    long studyEventId, long studySubjectId, long parentStudyId, boolean locked, String origin, String actor) {}
