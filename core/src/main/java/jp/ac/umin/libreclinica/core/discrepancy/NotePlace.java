package jp.ac.umin.libreclinica.core.discrepancy;

/**
 * Where a note sits, in words and numbers a page can show and link to.
 *
 * @param studySubjectId the subject
 * @param subjectLabel its label
 * @param siteName the subject's study or site
 * @param studyEventId the event, or null
 * @param eventName the event definition's name (with the occurrence), or null
 * @param eventCrfId the event CRF, or null
 * @param crfName the CRF's name, or null
 * @param itemName the item's name, or null
 * @param ordinal the row of a repeating group, or null
 * @param section the 1-based section of the item in its CRF version, or null
 */
public record NotePlace(
    long studySubjectId,
    String subjectLabel,
    String siteName,
    Long studyEventId,
    String eventName,
    Long eventCrfId,
    String crfName,
    String itemName,
    Integer ordinal,
    Integer section) {}
