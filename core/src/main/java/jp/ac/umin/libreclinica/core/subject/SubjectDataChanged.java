package jp.ac.umin.libreclinica.core.subject;

/**
 * Published inside the changing transaction whenever something a signature covers changes: a
 * subject's details or status, one of its events (dates, location, status, removal), an event
 * CRF (started, completed, locked) or an item value. Electronic signatures listen and are
 * invalidated when the data they signed is no longer the same.
 */
public record SubjectDataChanged(long studySubjectId, String actor, String what) {}
