package jp.ac.umin.libreclinica.core.dataentry;

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
import java.time.LocalDate;

/**
 * One CRF filled in for one event of one subject. There is at most one per event and CRF,
 * whatever its version (upstream OC-8255: a second version must never split the data).
 */
@Entity
@Table(name = "event_crf")
public class EventCrf {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_event_id", nullable = false)
  private long studyEventId;

  @Column(name = "crf_id", nullable = false)
  private long crfId;

  @Column(name = "crf_version_id", nullable = false)
  private long crfVersionId;

  /** The site (or study) the subject belongs to: where rights are checked. */
  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private EventCrfStatus status = EventCrfStatus.INITIAL_DATA_ENTRY;

  @Enumerated(EnumType.STRING)
  @Column(name = "status_before_lock", length = 30)
  private EventCrfStatus statusBeforeLock;

  /** While locked: {@code crf} (by itself), {@code event} or {@code casebook} (with those). */
  @Column(name = "locked_with", length = 20)
  private String lockedWith;

  @Column(name = "interviewer_name")
  private String interviewerName;

  @Column(name = "interview_date")
  private LocalDate interviewDate;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "completed_by", length = 64)
  private String completedBy;

  /** Double data entry: who marked the first pass complete, and when. */
  @Column(name = "initial_completed_at")
  private Instant initialCompletedAt;

  @Column(name = "initial_completed_by", length = 64)
  private String initialCompletedBy;

  /** Double data entry: who began the second, blind pass, and when. */
  @Column(name = "second_entry_at")
  private Instant secondEntryAt;

  @Column(name = "second_entry_by", length = 64)
  private String secondEntryBy;

  @Column(name = "sdv_verified", nullable = false)
  private boolean sdvVerified;

  @Column(name = "sdv_at")
  private Instant sdvAt;

  @Column(name = "sdv_by", length = 64)
  private String sdvBy;

  @Version private long version;

  protected EventCrf() {}

  EventCrf(long studyEventId, long crfId, long crfVersionId, long studyId, String by, Instant at) {
    this.studyEventId = studyEventId;
    this.crfId = crfId;
    this.crfVersionId = crfVersionId;
    this.studyId = studyId;
    this.createdBy = by;
    this.createdAt = at;
  }

  /** Marks a CRF without double data entry complete. */
  void complete(String by, Instant at) {
    if (status != EventCrfStatus.INITIAL_DATA_ENTRY) {
      throw new DataEntryException("dataentry.complete.notInEntry");
    }
    move(EventCrfStatus.DATA_ENTRY_COMPLETE);
    completedBy = by;
    completedAt = at;
  }

  /** Double data entry: the first pass is complete; the CRF waits for its second pass. */
  void completeInitialEntry(String by, Instant at) {
    if (status != EventCrfStatus.INITIAL_DATA_ENTRY) {
      throw new DataEntryException("dataentry.complete.notInEntry");
    }
    move(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE);
    initialCompletedBy = by;
    initialCompletedAt = at;
  }

  /** Double data entry: the first save of the second pass. */
  void startSecondEntry(String by, Instant at) {
    move(EventCrfStatus.DOUBLE_DATA_ENTRY);
    secondEntryBy = by;
    secondEntryAt = at;
  }

  /** Double data entry: both passes agree on every item; the CRF is complete. */
  void completeSecondEntry(String by, Instant at) {
    if (status != EventCrfStatus.DOUBLE_DATA_ENTRY) {
      throw new DataEntryException("dataentry.dde.notInSecondEntry", status.code());
    }
    move(EventCrfStatus.DATA_ENTRY_COMPLETE);
    completedBy = by;
    completedAt = at;
  }

  /** Every status change goes through the one table of moves ({@link EventCrfStatus}). */
  private void move(EventCrfStatus target) {
    if (!status.canBecome(target)) {
      throw new DataEntryException("dataentry.move.notAllowed", status.code(), target.code());
    }
    status = target;
  }

  /** What locked the event CRF by itself. */
  public static final String LOCKED_BY_ITSELF = "crf";

  void lock(String origin) {
    if (status == EventCrfStatus.LOCKED) {
      throw new DataEntryException("dataentry.lock.already");
    }
    if (status == EventCrfStatus.REMOVED || status == EventCrfStatus.AUTO_REMOVED) {
      throw new DataEntryException("dataentry.lock.removed");
    }
    EventCrfStatus before = status;
    move(EventCrfStatus.LOCKED);
    statusBeforeLock = before;
    lockedWith = origin;
  }

  void unlock() {
    if (status != EventCrfStatus.LOCKED) {
      throw new DataEntryException("dataentry.lock.notLocked");
    }
    move(statusBeforeLock);
    statusBeforeLock = null;
    lockedWith = null;
  }

  void setInterview(String name, LocalDate date) {
    this.interviewerName = name;
    this.interviewDate = date;
  }

  /** Records that the data was verified against the source (SDV) by whom and when. */
  public void verifySource(String by, Instant at) {
    sdvVerified = true;
    sdvBy = by;
    sdvAt = at;
  }

  /** Clears the source data verification (undone by a user, or the data changed). */
  public void clearSourceVerification() {
    sdvVerified = false;
    sdvBy = null;
    sdvAt = null;
  }

  public boolean isSdvVerified() {
    return sdvVerified;
  }

  public Instant getSdvAt() {
    return sdvAt;
  }

  public String getSdvBy() {
    return sdvBy;
  }

  public Long getId() {
    return id;
  }

  public long getStudyEventId() {
    return studyEventId;
  }

  public long getCrfId() {
    return crfId;
  }

  public long getCrfVersionId() {
    return crfVersionId;
  }

  public long getStudyId() {
    return studyId;
  }

  public EventCrfStatus getStatus() {
    return status;
  }

  public String getInterviewerName() {
    return interviewerName;
  }

  public LocalDate getInterviewDate() {
    return interviewDate;
  }

  /** The status an unlock returns to, while locked. */
  public EventCrfStatus getStatusBeforeLock() {
    return statusBeforeLock;
  }

  /** {@code crf}, {@code event} or {@code casebook} while locked, else null. */
  public String getLockedWith() {
    return lockedWith;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public String getCompletedBy() {
    return completedBy;
  }

  public Instant getInitialCompletedAt() {
    return initialCompletedAt;
  }

  public String getInitialCompletedBy() {
    return initialCompletedBy;
  }

  public Instant getSecondEntryAt() {
    return secondEntryAt;
  }

  public String getSecondEntryBy() {
    return secondEntryBy;
  }

  public long getVersion() {
    return version;
  }
}
