package jp.ac.umin.libreclinica.core.sdv;

import java.time.Instant;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;

/**
 * One event CRF as the SDV page lists it.
 *
 * @param eventCrfId the event CRF
 * @param siteName the subject's study or site
 * @param studySubjectId the subject
 * @param subjectLabel its label
 * @param eventName the event definition's name
 * @param eventOrdinal the occurrence
 * @param crfName the CRF
 * @param status the event CRF's status
 * @param requirement the SDV requirement at the subject's site
 * @param verified whether SDV is done
 * @param verifiedAt when, or null
 * @param verifiedBy by whom, or null
 */
public record SdvRow(
    long eventCrfId,
    String siteName,
    long studySubjectId,
    String subjectLabel,
    String eventName,
    int eventOrdinal,
    String crfName,
    EventCrfStatus status,
    SdvRequirement requirement,
    boolean verified,
    Instant verifiedAt,
    String verifiedBy) {}
