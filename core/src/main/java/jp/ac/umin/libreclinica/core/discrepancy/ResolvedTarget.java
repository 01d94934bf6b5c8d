package jp.ac.umin.libreclinica.core.discrepancy;

/**
 * Where a note sits, resolved from a {@link NoteTarget} against the database: the study and
 * site for rights, the subject, and for events and items the event, CRF and item.
 */
record ResolvedTarget(
    NoteField field,
    long studyId,
    long siteId,
    long studySubjectId,
    Long studyEventId,
    Long eventDefinitionId,
    Long eventCrfId,
    Long crfId,
    Long itemId,
    Integer ordinal) {}
