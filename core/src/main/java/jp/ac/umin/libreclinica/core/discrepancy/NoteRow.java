package jp.ac.umin.libreclinica.core.discrepancy;

import java.time.Instant;

/**
 * One thread as the notes view lists it.
 *
 * @param id the thread
 * @param type its type
 * @param status its status
 * @param field what it is about
 * @param description the thread's first description
 * @param assignedTo the assigned user, or null
 * @param createdAt when it was raised
 * @param createdBy who raised it
 * @param updatedAt when it was last answered
 * @param daysOpen days from raising to now (to closing for closed threads: to the last answer)
 * @param daysSinceUpdate days since the last answer
 * @param noteCount how many notes the thread has
 * @param siteName the subject's study or site
 * @param studySubjectId the subject
 * @param subjectLabel its label
 * @param eventName the event definition, or null
 * @param eventOrdinal the event occurrence, or null
 * @param eventCrfId the event CRF, or null
 * @param crfName the CRF, or null
 * @param itemName the item, or null
 * @param ordinal the row of a repeating group, or null
 */
public record NoteRow(
    long id,
    NoteType type,
    NoteStatus status,
    NoteField field,
    String description,
    String assignedTo,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long daysOpen,
    long daysSinceUpdate,
    int noteCount,
    String siteName,
    long studySubjectId,
    String subjectLabel,
    String eventName,
    Integer eventOrdinal,
    Long eventCrfId,
    String crfName,
    String itemName,
    Integer ordinal) {}
