package jp.ac.umin.libreclinica.core.study;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Set;

/**
 * The study parameters that change behaviour later (LibreClinica's "study parameter
 * configuration"). Every study and site row holds them all; a site starts with its parent's
 * values and may change only those in {@link #SITE_OVERRIDABLE}.
 */
@Embeddable
public class StudyParameters {

  /** How subject IDs (labels) are made. */
  public enum SubjectIdGeneration {
    MANUAL,
    AUTO_EDITABLE,
    AUTO_NON_EDITABLE
  }

  /** Whether and how the date of birth is collected. */
  public enum DateOfBirth {
    FULL,
    YEAR_ONLY,
    NOT_USED
  }

  /** Required / optional / not used, for person ID, location, interviewer name and date. */
  public enum Usage {
    REQUIRED,
    OPTIONAL,
    NOT_USED
  }

  /** Whether an interviewer field starts blank or filled in (name of the user, today). */
  public enum Prefill {
    BLANK,
    PREFILLED
  }

  /** The names of the parameters that a site may set differently from its parent. */
  public static final Set<String> SITE_OVERRIDABLE =
      Set.of(
          "interviewerName",
          "interviewerNameDefault",
          "interviewDate",
          "interviewDateDefault",
          "eventLocation",
          "secondaryIdShown",
          "adminForcedReasonForChange");

  @Enumerated(EnumType.STRING)
  @Column(name = "subject_id_generation", nullable = false, length = 20)
  private SubjectIdGeneration subjectIdGeneration = SubjectIdGeneration.MANUAL;

  @Column(name = "subject_id_prefix", length = 20)
  private String subjectIdPrefix;

  @Enumerated(EnumType.STRING)
  @Column(name = "date_of_birth", nullable = false, length = 20)
  private DateOfBirth dateOfBirth = DateOfBirth.FULL;

  @Column(name = "sex_required", nullable = false)
  private boolean sexRequired = true;

  @Enumerated(EnumType.STRING)
  @Column(name = "person_id", nullable = false, length = 20)
  private Usage personId = Usage.OPTIONAL;

  @Column(name = "secondary_id_shown", nullable = false)
  private boolean secondaryIdShown = true;

  @Enumerated(EnumType.STRING)
  @Column(name = "event_location", nullable = false, length = 20)
  private Usage eventLocation = Usage.OPTIONAL;

  @Enumerated(EnumType.STRING)
  @Column(name = "interviewer_name", nullable = false, length = 20)
  private Usage interviewerName = Usage.OPTIONAL;

  @Enumerated(EnumType.STRING)
  @Column(name = "interviewer_name_default", nullable = false, length = 20)
  private Prefill interviewerNameDefault = Prefill.BLANK;

  @Enumerated(EnumType.STRING)
  @Column(name = "interview_date", nullable = false, length = 20)
  private Usage interviewDate = Usage.OPTIONAL;

  @Enumerated(EnumType.STRING)
  @Column(name = "interview_date_default", nullable = false, length = 20)
  private Prefill interviewDateDefault = Prefill.BLANK;

  @Column(name = "admin_forced_reason_for_change", nullable = false)
  private boolean adminForcedReasonForChange = true;

  @Column(name = "discrepancy_management", nullable = false)
  private boolean discrepancyManagement = true;

  @Column(name = "double_data_entry", nullable = false)
  private boolean doubleDataEntry = false;

  @Column(name = "sdv_default_100", nullable = false)
  private boolean sdvDefaultAll = true;

  /** Whether dates on the study's data pages also show the Japanese era (令和8年). */
  @Column(name = "era_shown", nullable = false)
  private boolean eraShown;

  /** A copy, e.g. for a new site. */
  public StudyParameters copy() {
    StudyParameters p = new StudyParameters();
    p.assign(this);
    return p;
  }

  /** Takes every value from {@code from}. */
  void assign(StudyParameters from) {
    subjectIdGeneration = from.subjectIdGeneration;
    subjectIdPrefix = from.subjectIdPrefix;
    dateOfBirth = from.dateOfBirth;
    sexRequired = from.sexRequired;
    personId = from.personId;
    secondaryIdShown = from.secondaryIdShown;
    eventLocation = from.eventLocation;
    interviewerName = from.interviewerName;
    interviewerNameDefault = from.interviewerNameDefault;
    interviewDate = from.interviewDate;
    interviewDateDefault = from.interviewDateDefault;
    adminForcedReasonForChange = from.adminForcedReasonForChange;
    discrepancyManagement = from.discrepancyManagement;
    doubleDataEntry = from.doubleDataEntry;
    sdvDefaultAll = from.sdvDefaultAll;
    eraShown = from.eraShown;
  }

  /** Takes from {@code parent} every value a site may not override. */
  void inheritFixedValuesFrom(StudyParameters parent) {
    subjectIdGeneration = parent.subjectIdGeneration;
    subjectIdPrefix = parent.subjectIdPrefix;
    dateOfBirth = parent.dateOfBirth;
    sexRequired = parent.sexRequired;
    personId = parent.personId;
    discrepancyManagement = parent.discrepancyManagement;
    doubleDataEntry = parent.doubleDataEntry;
    sdvDefaultAll = parent.sdvDefaultAll;
    eraShown = parent.eraShown;
  }

  /** A readable list of the values, for the audit trail. */
  public String describe() {
    return "subjectIdGeneration=" + subjectIdGeneration
        + ", subjectIdPrefix=" + subjectIdPrefix
        + ", dateOfBirth=" + dateOfBirth
        + ", sexRequired=" + sexRequired
        + ", personId=" + personId
        + ", secondaryIdShown=" + secondaryIdShown
        + ", eventLocation=" + eventLocation
        + ", interviewerName=" + interviewerName
        + ", interviewerNameDefault=" + interviewerNameDefault
        + ", interviewDate=" + interviewDate
        + ", interviewDateDefault=" + interviewDateDefault
        + ", adminForcedReasonForChange=" + adminForcedReasonForChange
        + ", discrepancyManagement=" + discrepancyManagement
        + ", doubleDataEntry=" + doubleDataEntry
        + ", sdvDefaultAll=" + sdvDefaultAll
        + ", eraShown=" + eraShown;
  }

  public SubjectIdGeneration getSubjectIdGeneration() {
    return subjectIdGeneration;
  }

  public void setSubjectIdGeneration(SubjectIdGeneration subjectIdGeneration) {
    this.subjectIdGeneration = subjectIdGeneration;
  }

  public String getSubjectIdPrefix() {
    return subjectIdPrefix;
  }

  public void setSubjectIdPrefix(String subjectIdPrefix) {
    this.subjectIdPrefix = subjectIdPrefix;
  }

  public DateOfBirth getDateOfBirth() {
    return dateOfBirth;
  }

  public void setDateOfBirth(DateOfBirth dateOfBirth) {
    this.dateOfBirth = dateOfBirth;
  }

  public boolean isSexRequired() {
    return sexRequired;
  }

  public void setSexRequired(boolean sexRequired) {
    this.sexRequired = sexRequired;
  }

  public Usage getPersonId() {
    return personId;
  }

  public void setPersonId(Usage personId) {
    this.personId = personId;
  }

  public boolean isSecondaryIdShown() {
    return secondaryIdShown;
  }

  public void setSecondaryIdShown(boolean secondaryIdShown) {
    this.secondaryIdShown = secondaryIdShown;
  }

  public Usage getEventLocation() {
    return eventLocation;
  }

  public void setEventLocation(Usage eventLocation) {
    this.eventLocation = eventLocation;
  }

  public Usage getInterviewerName() {
    return interviewerName;
  }

  public void setInterviewerName(Usage interviewerName) {
    this.interviewerName = interviewerName;
  }

  public Prefill getInterviewerNameDefault() {
    return interviewerNameDefault;
  }

  public void setInterviewerNameDefault(Prefill interviewerNameDefault) {
    this.interviewerNameDefault = interviewerNameDefault;
  }

  public Usage getInterviewDate() {
    return interviewDate;
  }

  public void setInterviewDate(Usage interviewDate) {
    this.interviewDate = interviewDate;
  }

  public Prefill getInterviewDateDefault() {
    return interviewDateDefault;
  }

  public void setInterviewDateDefault(Prefill interviewDateDefault) {
    this.interviewDateDefault = interviewDateDefault;
  }

  public boolean isAdminForcedReasonForChange() {
    return adminForcedReasonForChange;
  }

  public void setAdminForcedReasonForChange(boolean adminForcedReasonForChange) {
    this.adminForcedReasonForChange = adminForcedReasonForChange;
  }

  public boolean isDiscrepancyManagement() {
    return discrepancyManagement;
  }

  public void setDiscrepancyManagement(boolean discrepancyManagement) {
    this.discrepancyManagement = discrepancyManagement;
  }

  public boolean isDoubleDataEntry() {
    return doubleDataEntry;
  }

  public void setDoubleDataEntry(boolean doubleDataEntry) {
    this.doubleDataEntry = doubleDataEntry;
  }

  public boolean isSdvDefaultAll() {
    return sdvDefaultAll;
  }

  public void setSdvDefaultAll(boolean sdvDefaultAll) {
    this.sdvDefaultAll = sdvDefaultAll;
  }

  public boolean isEraShown() {
    return eraShown;
  }

  public void setEraShown(boolean eraShown) {
    this.eraShown = eraShown;
  }
}
