package jp.ac.umin.libreclinica.core.discrepancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One discrepancy note. A thread is a parent note (no parent) and its child notes, one per
 * message, oldest first; the parent holds the thread's current status, assigned user and time
 * of the last message (the status of the thread is the status of its latest child). Notes are
 * never deleted or edited: an answer is a new child.
 */
@Entity
@Table(name = "discrepancy_note")
public class DiscrepancyNote {

  /** The longest description (LibreClinica's limit). */
  public static final int DESCRIPTION_MAX = 255;

  /** The longest detailed note. */
  public static final int DETAILED_NOTE_MAX = 4000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "parent_id")
  private Long parentId;

  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Column(name = "site_id", nullable = false)
  private long siteId;

  @Column(name = "study_subject_id", nullable = false)
  private long studySubjectId;

  @Column(name = "study_event_id")
  private Long studyEventId;

  @Column(name = "event_definition_id")
  private Long eventDefinitionId;

  @Column(name = "event_crf_id")
  private Long eventCrfId;

  @Column(name = "crf_id")
  private Long crfId;

  @Column(name = "item_id")
  private Long itemId;

  @Column(name = "ordinal")
  private Integer ordinal;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private NoteField field;

  @Enumerated(EnumType.STRING)
  @Column(name = "note_type", nullable = false, length = 30)
  private NoteType type;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private NoteStatus status;

  @Column(nullable = false, length = DESCRIPTION_MAX)
  private String description;

  @Column(name = "detailed_note", length = DETAILED_NOTE_MAX)
  private String detailedNote;

  @Column(name = "assigned_to", length = 64)
  private String assignedTo;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "child_count", nullable = false)
  private int childCount;

  @Version private long version;

  protected DiscrepancyNote() {}

  /** A new thread's parent on a resolved target; its first message is added as a child. */
  static DiscrepancyNote thread(
      ResolvedTarget t, NoteType type, NoteStatus status, String description, String detailedNote,
      String assignedTo, String by, Instant at) {
    DiscrepancyNote n = new DiscrepancyNote();
    n.studyId = t.studyId();
    n.siteId = t.siteId();
    n.studySubjectId = t.studySubjectId();
    n.studyEventId = t.studyEventId();
    n.eventDefinitionId = t.eventDefinitionId();
    n.eventCrfId = t.eventCrfId();
    n.crfId = t.crfId();
    n.itemId = t.itemId();
    n.ordinal = t.ordinal();
    n.field = t.field();
    n.type = type;
    n.status = status;
    n.description = description;
    n.detailedNote = detailedNote;
    n.assignedTo = assignedTo;
    n.createdBy = by;
    n.createdAt = at;
    n.updatedAt = at;
    return n;
  }

  /** A message of this thread; the thread takes its status and assigned user. */
  DiscrepancyNote answer(
      NoteStatus newStatus, String text, String detail, String assignee, String by, Instant at) {
    DiscrepancyNote child = new DiscrepancyNote();
    child.parentId = id;
    child.studyId = studyId;
    child.siteId = siteId;
    child.studySubjectId = studySubjectId;
    child.studyEventId = studyEventId;
    child.eventDefinitionId = eventDefinitionId;
    child.eventCrfId = eventCrfId;
    child.crfId = crfId;
    child.itemId = itemId;
    child.ordinal = ordinal;
    child.field = field;
    child.type = type;
    child.status = newStatus;
    child.description = text;
    child.detailedNote = detail;
    child.assignedTo = assignee;
    child.createdBy = by;
    child.createdAt = at;
    child.updatedAt = at;
    status = newStatus;
    assignedTo = assignee;
    updatedAt = at;
    childCount++;
    return child;
  }

  public boolean isThread() {
    return parentId == null;
  }

  public Long getId() {
    return id;
  }

  public Long getParentId() {
    return parentId;
  }

  public long getStudyId() {
    return studyId;
  }

  public long getSiteId() {
    return siteId;
  }

  public long getStudySubjectId() {
    return studySubjectId;
  }

  public Long getStudyEventId() {
    return studyEventId;
  }

  public Long getEventDefinitionId() {
    return eventDefinitionId;
  }

  public Long getEventCrfId() {
    return eventCrfId;
  }

  public Long getCrfId() {
    return crfId;
  }

  public Long getItemId() {
    return itemId;
  }

  public Integer getOrdinal() {
    return ordinal;
  }

  public NoteField getField() {
    return field;
  }

  public NoteType getType() {
    return type;
  }

  public NoteStatus getStatus() {
    return status;
  }

  public String getDescription() {
    return description;
  }

  public String getDetailedNote() {
    return detailedNote;
  }

  public String getAssignedTo() {
    return assignedTo;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public int getChildCount() {
    return childCount;
  }

  public long getVersion() {
    return version;
  }
}
