package jp.ac.umin.libreclinica.core.event;

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
import java.time.ZoneId;

/**
 * One occurrence of an event definition for a subject: when (start, optional end), where (if
 * the study records the location), its status in the event lifecycle ({@link
 * SubjectEventStatus}) and whether it is removed. A repeating event has occurrences 1, 2, …
 * ({@link #getOrdinal()}); a non-repeating one only occurrence 1.
 */
@Entity
@Table(name = "study_event")
public class StudyEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_subject_id", nullable = false)
  private long studySubjectId;

  @Column(name = "event_definition_id", nullable = false)
  private long eventDefinitionId;

  @Column(nullable = false)
  private int ordinal;

  @Column(name = "start_at", nullable = false)
  private Instant startAt;

  @Column(name = "end_at")
  private Instant endAt;

  @Column(length = 2000)
  private String location;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private SubjectEventStatus status = SubjectEventStatus.SCHEDULED;

  @Enumerated(EnumType.STRING)
  @Column(name = "status_before_lock", length = 30)
  private SubjectEventStatus statusBeforeLock;

  /** While locked: {@code event} (locked by itself) or {@code casebook} (with its subject). */
  @Column(name = "locked_with", length = 20)
  private String lockedWith;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private RecordStatus removal = RecordStatus.AVAILABLE;

  @Column(name = "removal_reason", length = 1000)
  private String removalReason;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by", length = 64)
  private String updatedBy;

  @Version private long version;

  protected StudyEvent() {}

  StudyEvent(
      long studySubjectId, long eventDefinitionId, int ordinal, String createdBy, Instant createdAt) {
    this.studySubjectId = studySubjectId;
    this.eventDefinitionId = eventDefinitionId;
    this.ordinal = ordinal;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  void schedule(Instant start, Instant end, String location) {
    if (start == null) {
      throw EventException.onField("start", "subject.event.start.required");
    }
    if (end != null && end.isBefore(start)) {
      throw EventException.onField("end", "subject.event.end.beforeStart");
    }
    this.startAt = start;
    this.endAt = end;
    this.location = location;
  }

  /**
   * Moves the event to another status of its lifecycle; refused when the table in {@link
   * SubjectEventStatus} does not allow it, or when an unlock does not return to the status
   * before the lock.
   */
  void changeStatus(SubjectEventStatus target) {
    requireAvailable();
    if (!status.canBecome(target)
        || (status == SubjectEventStatus.LOCKED && target != statusBeforeLock)) {
      throw new EventException("subject.event.status.transitionRefused", status.code(), target.code());
    }
    if (target == SubjectEventStatus.LOCKED) {
      statusBeforeLock = status;
      lockedWith = LOCKED_BY_ITSELF;
    } else if (status == SubjectEventStatus.LOCKED) {
      statusBeforeLock = null;
      lockedWith = null;
    }
    status = target;
  }

  /** What locked the event by itself. */
  public static final String LOCKED_BY_ITSELF = "event";

  /** What locked the event with its subject's casebook. */
  public static final String LOCKED_WITH_CASEBOOK = "casebook";

  void lockedWith(String origin) {
    this.lockedWith = origin;
  }

  void remove(RecordStatus how, String reason) {
    if (removal.isRemoved()) {
      throw new EventException("subject.event.alreadyRemoved");
    }
    removal = how;
    removalReason = reason;
  }

  void restore(String reason) {
    if (!removal.isRemoved()) {
      throw new EventException("subject.event.notRemoved");
    }
    removal = RecordStatus.AVAILABLE;
    removalReason = reason;
  }

  void requireAvailable() {
    if (removal.isRemoved()) {
      throw new EventException("subject.event.removed");
    }
  }

  void touched(String by, Instant at) {
    this.updatedBy = by;
    this.updatedAt = at;
  }

  public Long getId() {
    return id;
  }

  public long getStudySubjectId() {
    return studySubjectId;
  }

  public long getEventDefinitionId() {
    return eventDefinitionId;
  }

  public int getOrdinal() {
    return ordinal;
  }

  public Instant getStartAt() {
    return startAt;
  }

  public Instant getEndAt() {
    return endAt;
  }

  public String getLocation() {
    return location;
  }

  public SubjectEventStatus getStatus() {
    return status;
  }

  /** The status an unlock returns to, while locked. */
  public SubjectEventStatus getStatusBeforeLock() {
    return statusBeforeLock;
  }

  /** {@link #LOCKED_BY_ITSELF} or {@link #LOCKED_WITH_CASEBOOK} while locked, else null. */
  public String getLockedWith() {
    return lockedWith;
  }

  public RecordStatus getRemoval() {
    return removal;
  }

  public String getRemovalReason() {
    return removalReason;
  }

  public long getVersion() {
    return version;
  }

  /** For the audit trail: times as the site's users typed them, with their offset. */
  String describe(ZoneId zone) {
    return "start=" + local(startAt, zone) + ", end=" + local(endAt, zone) + ", location=" + location
        + ", status=" + status.code() + ", removal=" + removal.code();
  }

  private static String local(Instant at, ZoneId zone) {
    return at == null ? "null" : at.atZone(zone).toOffsetDateTime().toString();
  }
}
