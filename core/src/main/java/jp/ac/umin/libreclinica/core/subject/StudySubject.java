package jp.ac.umin.libreclinica.core.subject;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A subject enrolled in a study: its label (the subject ID, unique within the parent study
 * whatever its case), secondary ID, enrollment date, the study or site it belongs to, its
 * status and its OID ({@code SS_} + label, as LibreClinica makes it). Nothing is deleted:
 * removal is a status with a reason.
 */
@Entity
@Table(name = "study_subject")
public class StudySubject {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false, cascade = CascadeType.PERSIST)
  @JoinColumn(name = "subject_id")
  private Subject subject;

  /** The site, or the study itself when the subject is enrolled at study level. */
  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Column(name = "parent_study_id", nullable = false)
  private long parentStudyId;

  @Column(nullable = false, length = 30)
  private String label;

  @Column(name = "secondary_label", length = 30)
  private String secondaryLabel;

  @Column(nullable = false, unique = true, length = 40)
  private String oid;

  @Column(name = "enrollment_date", nullable = false)
  private LocalDate enrollmentDate;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private SubjectStatus status = SubjectStatus.AVAILABLE;

  @Column(name = "status_reason", length = 1000)
  private String statusReason;

  @Column(name = "request_token", length = 64, unique = true)
  private String requestToken;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by", length = 64)
  private String updatedBy;

  /** The whole casebook is locked: nothing of the subject changes until it is unlocked. */
  @Column(name = "casebook_locked", nullable = false)
  private boolean casebookLocked;

  @Column(name = "casebook_locked_at")
  private Instant casebookLockedAt;

  @Column(name = "casebook_locked_by", length = 64)
  private String casebookLockedBy;

  @Version private long version;

  protected StudySubject() {}

  StudySubject(
      Subject subject,
      long studyId,
      long parentStudyId,
      String label,
      String oid,
      String requestToken,
      String createdBy,
      Instant createdAt) {
    this.subject = subject;
    this.studyId = studyId;
    this.parentStudyId = parentStudyId;
    this.label = label;
    this.oid = oid;
    this.requestToken = requestToken;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  void apply(String label, String secondaryLabel, LocalDate enrollmentDate) {
    this.label = label;
    this.secondaryLabel = secondaryLabel;
    this.enrollmentDate = enrollmentDate;
  }

  void touched(String by, Instant at) {
    this.updatedBy = by;
    this.updatedAt = at;
  }

  void remove(String reason) {
    if (status.isRemoved()) {
      throw new SubjectException("subject.alreadyRemoved", label);
    }
    status = SubjectStatus.REMOVED;
    statusReason = reason;
  }

  void restore(String reason) {
    if (!status.isRemoved()) {
      throw new SubjectException("subject.notRemoved", label);
    }
    status = SubjectStatus.AVAILABLE;
    statusReason = reason;
  }

  void lockCasebook(String by, Instant at) {
    if (casebookLocked) {
      throw new SubjectException("subject.casebook.alreadyLocked", label);
    }
    casebookLocked = true;
    casebookLockedBy = by;
    casebookLockedAt = at;
  }

  void unlockCasebook() {
    if (!casebookLocked) {
      throw new SubjectException("subject.casebook.notLocked", label);
    }
    casebookLocked = false;
    casebookLockedBy = null;
    casebookLockedAt = null;
  }

  /** Signed by the investigator (electronic signature of the casebook), or back to available. */
  void signed(boolean signed) {
    if (status.isRemoved()) {
      throw new SubjectException("subject.removed", label);
    }
    status = signed ? SubjectStatus.SIGNED : SubjectStatus.AVAILABLE;
  }

  void moveTo(long siteId) {
    this.studyId = siteId;
  }

  public Long getId() {
    return id;
  }

  public Subject getSubject() {
    return subject;
  }

  public long getStudyId() {
    return studyId;
  }

  public long getParentStudyId() {
    return parentStudyId;
  }

  public String getLabel() {
    return label;
  }

  public String getSecondaryLabel() {
    return secondaryLabel;
  }

  public String getOid() {
    return oid;
  }

  public LocalDate getEnrollmentDate() {
    return enrollmentDate;
  }

  public SubjectStatus getStatus() {
    return status;
  }

  public boolean isCasebookLocked() {
    return casebookLocked;
  }

  public Instant getCasebookLockedAt() {
    return casebookLockedAt;
  }

  public String getCasebookLockedBy() {
    return casebookLockedBy;
  }

  public String getStatusReason() {
    return statusReason;
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

  public String getUpdatedBy() {
    return updatedBy;
  }

  public long getVersion() {
    return version;
  }

  /** For the audit trail. */
  String describe() {
    return "label=" + label + ", secondaryLabel=" + secondaryLabel + ", oid=" + oid
        + ", studyId=" + studyId + ", enrollmentDate=" + enrollmentDate + ", "
        + subject.describe();
  }
}
