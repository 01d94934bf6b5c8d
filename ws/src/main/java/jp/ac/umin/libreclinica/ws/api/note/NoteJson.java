package jp.ac.umin.libreclinica.ws.api.note;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNote;
import jp.ac.umin.libreclinica.core.discrepancy.NoteRow;
import jp.ac.umin.libreclinica.core.discrepancy.NoteThread;

/** JSON shapes of notes. */
final class NoteJson {

  private NoteJson() {}

  /** One note of a thread. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "Note", description = "One message of a discrepancy note thread")
  record Message(long id, String status, String description, String detailedNote, String assignedTo,
      String createdBy, Instant createdAt) {

    static Message of(DiscrepancyNote n) {
      return new Message(n.getId(), n.getStatus().name(), n.getDescription(), n.getDetailedNote(),
          n.getAssignedTo(), n.getCreatedBy(), n.getCreatedAt());
    }
  }

  /** A thread with its notes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "NoteThread", description = "A discrepancy note thread; status is its latest note's")
  record Thread(
      long id,
      @Schema(description = "ANNOTATION, QUERY, REASON_FOR_CHANGE or FAILED_VALIDATION_CHECK") String type,
      @Schema(description = "NEW, UPDATED, RESOLUTION_PROPOSED, CLOSED or NOT_APPLICABLE") String status,
      @Schema(description = "ITEM_VALUE, ENROLLMENT_DATE, SEX, DATE_OF_BIRTH, PERSON_ID, EVENT_START,"
          + " EVENT_END or EVENT_LOCATION") String field,
      String description,
      String assignedTo,
      long studySubjectId,
      String subjectLabel,
      Long studyEventId,
      Long eventCrfId,
      String itemName,
      Integer row,
      @Schema(description = "Give it back when answering: an answer to a thread answered meanwhile is refused")
          long version,
      @Schema(description = "The statuses the caller may answer with") List<String> answers,
      List<Message> notes) {

    static Thread of(NoteThread t) {
      DiscrepancyNote p = t.parent();
      return new Thread(p.getId(), p.getType().name(), p.getStatus().name(), p.getField().name(),
          p.getDescription(), p.getAssignedTo(), p.getStudySubjectId(), t.where().subjectLabel(),
          p.getStudyEventId(), p.getEventCrfId(), t.where().itemName(), p.getOrdinal(), p.getVersion(),
          t.answers().stream().map(Enum::name).toList(), t.notes().stream().map(Message::of).toList());
    }
  }

  /** A thread as the list shows it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "NoteSummary")
  record Summary(long id, String type, String status, String field, String description, String assignedTo,
      String site, String subjectLabel, String event, String crf, String itemName, Integer row,
      long daysOpen, long daysSinceUpdate, int noteCount) {

    static Summary of(NoteRow r) {
      return new Summary(r.id(), r.type().name(), r.status().name(), r.field().name(), r.description(),
          r.assignedTo(), r.siteName(), r.subjectLabel(), r.eventName(), r.crfName(), r.itemName(), r.ordinal(),
          r.daysOpen(), r.daysSinceUpdate(), r.noteCount());
    }
  }

  /** A page of threads. */
  @Schema(name = "NoteList")
  record Page(List<Summary> notes, int page, int size, long total,
      @Schema(description = "Threads by status, for the filters other than status") java.util.Map<String, Long> countsByStatus) {}

  /** What a new note is about: an item value (eventCrfId, itemName, row), a subject or an event field. */
  @Schema(name = "NoteTarget")
  record Target(
      @Schema(description = "For item values") Long eventCrfId,
      @Schema(description = "For item values") String itemName,
      @Schema(description = "Row of a repeating group; 1 otherwise") Integer row,
      @Schema(description = "For subject fields") Long studySubjectId,
      @Schema(description = "For event fields") Long studyEventId,
      @Schema(description = "The field; ITEM_VALUE for item values") String field) {}

  /** A new note. */
  @Schema(name = "NewNote")
  record NewNoteRequest(Target target, String type, String description, String detailedNote, String assignedTo) {}

  /** An answer to a thread. */
  @Schema(name = "NoteAnswer")
  record AnswerRequest(String status, String description, String detailedNote, String assignedTo, Long version) {}

  /** A thread to close. */
  @Schema(name = "NoteClose")
  record CloseRequest(String description, String detailedNote, Long version) {}

  /** The SDV status of an event CRF. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "SdvStatus")
  record Sdv(long eventCrfId, String crfStatus, boolean verified, String verifiedBy, Instant verifiedAt) {}

  /** An SDV change. */
  @Schema(name = "SdvChange")
  record SdvChange(boolean verified) {}
}
