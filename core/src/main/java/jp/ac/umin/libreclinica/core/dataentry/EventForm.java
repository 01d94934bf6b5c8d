package jp.ac.umin.libreclinica.core.dataentry;

/**
 * A CRF of a subject's event as the subject page lists it: which version data goes into, and
 * the event CRF if data entry has started.
 *
 * @param crfId the CRF
 * @param crfName its name
 * @param crfVersionId the version data is (or will be) entered in
 * @param required whether the event definition requires it
 * @param eventCrfId the started event CRF, or null
 * @param status its status, or null when not started
 */
public record EventForm(
    long crfId,
    String crfName,
    long crfVersionId,
    boolean required,
    Long eventCrfId,
    EventCrfStatus status) {}
