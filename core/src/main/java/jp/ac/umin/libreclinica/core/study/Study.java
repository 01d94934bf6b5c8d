package jp.ac.umin.libreclinica.core.study;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
 * A study, or a site when it has a parent. Its protocol ID (LibreClinica's "unique identifier")
 * and its OID are unique in the installation.
 */
@Entity
@Table(name = "study")
public class Study {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "parent_id")
  private Study parent;

  @Column(nullable = false, unique = true, length = 40)
  private String oid;

  @Column(name = "protocol_id", nullable = false, length = 64)
  private String protocolId;

  @Column(nullable = false)
  private String name;

  @Column(name = "secondary_ids")
  private String secondaryIds;

  @Column(name = "principal_investigator", nullable = false)
  private String principalInvestigator;

  private String sponsor;

  @Column(length = 1000)
  private String collaborators;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private StudyPhase phase;

  @Enumerated(EnumType.STRING)
  @Column(name = "protocol_type", nullable = false, length = 20)
  private ProtocolType protocolType;

  private String purpose;

  @Column(length = 4000)
  private String description;

  @Column(name = "start_date")
  private LocalDate startDate;

  @Column(name = "estimated_completion_date")
  private LocalDate estimatedCompletionDate;

  @Column(name = "protocol_verification_date")
  private LocalDate protocolVerificationDate;

  @Column(name = "expected_enrollment", nullable = false)
  private int expectedEnrollment;

  @Column(name = "facility_name")
  private String facilityName;

  @Column(name = "facility_city")
  private String facilityCity;

  @Column(name = "facility_state")
  private String facilityState;

  @Column(name = "facility_zip", length = 64)
  private String facilityZip;

  @Column(name = "facility_country", length = 64)
  private String facilityCountry;

  @Column(name = "contact_name")
  private String contactName;

  @Column(name = "contact_email")
  private String contactEmail;

  @Column(name = "contact_phone", length = 64)
  private String contactPhone;

  @Embedded private StudyParameters parameters = new StudyParameters();

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private StudyStatus status = StudyStatus.PENDING;

  /** The status before removal, so that a restore returns to it. */
  @Enumerated(EnumType.STRING)
  @Column(name = "status_before_removal", length = 20)
  private StudyStatus statusBeforeRemoval;

  @Column(name = "status_reason", length = 1000)
  private String statusReason;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by", length = 64)
  private String updatedBy;

  @Version private long version;

  protected Study() {}

  Study(Study parent, String oid, StudyDetails details, String createdBy, Instant now) {
    this.parent = parent;
    this.oid = oid;
    this.createdBy = createdBy;
    this.createdAt = now;
    applyDetails(details);
    if (parent != null) {
      this.parameters = parent.parameters.copy();
      this.status = parent.status == StudyStatus.REMOVED ? StudyStatus.PENDING : parent.status;
    }
  }

  void applyDetails(StudyDetails d) {
    this.name = d.name().strip();
    this.protocolId = d.protocolId().strip();
    this.secondaryIds = d.secondaryIds();
    this.principalInvestigator = d.principalInvestigator().strip();
    this.sponsor = d.sponsor();
    this.collaborators = d.collaborators();
    this.phase = d.phase();
    this.protocolType = d.protocolType();
    this.purpose = d.purpose();
    this.description = d.description();
    this.startDate = d.startDate();
    this.estimatedCompletionDate = d.estimatedCompletionDate();
    this.protocolVerificationDate = d.protocolVerificationDate();
    this.expectedEnrollment = d.expectedEnrollment();
    this.facilityName = d.facilityName();
    this.facilityCity = d.facilityCity();
    this.facilityState = d.facilityState();
    this.facilityZip = d.facilityZip();
    this.facilityCountry = d.facilityCountry();
    this.contactName = d.contactName();
    this.contactEmail = d.contactEmail();
    this.contactPhone = d.contactPhone();
  }

  /** The current details, e.g. to fill an edit form. */
  public StudyDetails details() {
    return new StudyDetails(
        name, protocolId, secondaryIds, principalInvestigator, sponsor, collaborators, phase,
        protocolType, purpose, description, startDate, estimatedCompletionDate,
        protocolVerificationDate, expectedEnrollment, facilityName, facilityCity, facilityState,
        facilityZip, facilityCountry, contactName, contactEmail, contactPhone);
  }

  void touched(String by, Instant at) {
    this.updatedBy = by;
    this.updatedAt = at;
  }

  void changeStatus(StudyStatus target, String reason) {
    if (!status.canBecome(target)) {
      throw new StudyException("study.status.transitionRefused", status.code(), target.code());
    }
    if (target == StudyStatus.REMOVED) {
      statusBeforeRemoval = status;
    }
    status = target;
    statusReason = reason;
  }

  /** A site follows its study's move to another status (not removal, which has its own rule). */
  void changeStatusFollowingParent(StudyStatus target) {
    status = target;
  }

  void autoRemove(String reason) {
    if (!status.isRemoved()) {
      statusBeforeRemoval = status;
      status = StudyStatus.AUTO_REMOVED;
      statusReason = reason;
    }
  }

  void restore(String reason) {
    if (!status.isRemoved()) {
      throw new StudyException("study.status.notRemoved", protocolId);
    }
    status = statusBeforeRemoval == null ? StudyStatus.PENDING : statusBeforeRemoval;
    statusBeforeRemoval = null;
    statusReason = reason;
  }

  public boolean isSite() {
    return parent != null;
  }

  public Long getId() {
    return id;
  }

  public Study getParent() {
    return parent;
  }

  public String getOid() {
    return oid;
  }

  public String getProtocolId() {
    return protocolId;
  }

  public String getName() {
    return name;
  }

  public String getPrincipalInvestigator() {
    return principalInvestigator;
  }

  public String getSponsor() {
    return sponsor;
  }

  public StudyPhase getPhase() {
    return phase;
  }

  public ProtocolType getProtocolType() {
    return protocolType;
  }

  public int getExpectedEnrollment() {
    return expectedEnrollment;
  }

  public String getDescription() {
    return description;
  }

  public LocalDate getStartDate() {
    return startDate;
  }

  public StudyParameters getParameters() {
    return parameters;
  }

  public StudyStatus getStatus() {
    return status;
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

  public long getVersion() {
    return version;
  }
}
