package jp.ac.umin.libreclinica.core.audit;

/**
 * Where an audit record belongs in a subject's casebook, so that the subject's audit log and an
 * item's history are found by one indexed query. Only the subject is always known; the rest is
 * null when the record is not about an event, an event CRF or an item value.
 *
 * @param studySubjectId the subject the record concerns
 * @param studyEventId the subject's event, if any
 * @param eventCrfId the event CRF, if any
 * @param crfVersionId the CRF version the event CRF was in when the record was written
 * @param itemId the item whose value changed, if any
 * @param itemOrdinal the row of a repeating group (1 otherwise), with {@code itemId}
 */
public record AuditContext(
    long studySubjectId,
    Long studyEventId,
    Long eventCrfId,
    Long crfVersionId,
    Long itemId,
    Integer itemOrdinal) {

  /** A record about the subject itself. */
  public static AuditContext ofSubject(long studySubjectId) {
    return new AuditContext(studySubjectId, null, null, null, null, null);
  }
}
