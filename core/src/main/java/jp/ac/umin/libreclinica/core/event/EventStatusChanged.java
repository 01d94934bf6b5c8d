package jp.ac.umin.libreclinica.core.event;

/**
 * Published inside the transaction that moves a subject's event to another status (by hand, by
 * data entry, by a signature or a lock), for notifications after it commits.
 */
public record EventStatusChanged(
    long studyEventId,
    long studySubjectId,
    long eventDefinitionId,
    SubjectEventStatus from,
    SubjectEventStatus to,
    String actor) {}
