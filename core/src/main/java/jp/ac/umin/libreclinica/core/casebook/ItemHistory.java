package jp.ac.umin.libreclinica.core.casebook;

import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import org.springframework.data.domain.Page;

/** Every change of one item's values in one event CRF, newest first, a page at a time. */
public record ItemHistory(
    StudySubject subject,
    EventCrf eventCrf,
    String eventName,
    String crfName,
    String itemName,
    Page<SubjectAuditLog.Line> changes) {}
