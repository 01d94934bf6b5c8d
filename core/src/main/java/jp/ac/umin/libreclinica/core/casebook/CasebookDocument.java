package jp.ac.umin.libreclinica.core.casebook;

import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.signature.SignatureService.SignatureState;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.subject.StudySubject;

/**
 * A subject's casebook as printed (HTML and PDF): the study and subject identifiers, every event
 * with every CRF and its values as displayed, the signatures, the sections other features
 * contribute ({@link CasebookContributor}, e.g. discrepancy notes), and optionally the audit
 * trail.
 */
public record CasebookDocument(
    Study study,
    Study site,
    StudySubject subject,
    List<Event> events,
    List<SignatureState> signatures,
    List<CasebookSection> sections,
    List<AuditRecord> audit,
    Instant printedAt,
    String printedBy) {

  /** Whether the audit trail was asked for. */
  public boolean withAudit() {
    return audit != null;
  }

  /** An event of the subject with its CRFs. */
  public record Event(StudyEvent event, StudyEventDefinition definition, List<Form> forms) {}

  /** A CRF of an event: its name and version, its status (null: not started) and values. */
  public record Form(String crfName, String versionName, EventCrfStatus status, List<Value> values) {}

  /**
   * One value as displayed: the item's question text (markup removed), its units, the row of a
   * repeating group (1 otherwise), and the value (a coded value as its option's text).
   */
  public record Value(String itemName, String question, String units, int row, String display, boolean date) {}
}
