package jp.ac.umin.libreclinica.core.discrepancy;

/**
 * Filters of the notes view; null means "any".
 *
 * @param type the note type
 * @param status the thread's status
 * @param siteId the subject's site (within the study viewed)
 * @param subjectLabel the subject ID (exact, whatever its case)
 * @param eventDefinitionId the event definition
 * @param crfId the CRF
 * @param assignedTo the assigned user's name
 * @param minDaysOpen threads open at least this many days
 * @param maxDaysOpen threads open at most this many days
 */
public record NoteQuery(
    NoteType type,
    NoteStatus status,
    Long siteId,
    String subjectLabel,
    Long eventDefinitionId,
    Long crfId,
    String assignedTo,
    Integer minDaysOpen,
    Integer maxDaysOpen) {

  public static NoteQuery any() {
    return new NoteQuery(null, null, null, null, null, null, null, null, null);
  }

  public NoteQuery withStatus(NoteStatus s) {
    return new NoteQuery(type, s, siteId, subjectLabel, eventDefinitionId, crfId, assignedTo, minDaysOpen, maxDaysOpen);
  }
}
