package jp.ac.umin.libreclinica.web.study;

import java.time.LocalDate;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyPhase;

/**
 * The study (or site) details form. Its fields have the names of {@link StudyDetails}, whose
 * constraints validate it (see {@code StudyController}).
 */
public class StudyForm {

  private String name;

  private String protocolId;

  private String secondaryIds;
  private String principalInvestigator;
  private String sponsor;
  private String collaborators;
  private StudyPhase phase = StudyPhase.NOT_APPLICABLE;
  private ProtocolType protocolType = ProtocolType.INTERVENTIONAL;
  private String purpose;
  private String description;
  private LocalDate startDate;
  private LocalDate estimatedCompletionDate;
  private LocalDate protocolVerificationDate;
  private int expectedEnrollment;
  private String facilityName;
  private String facilityCity;
  private String facilityState;
  private String facilityZip;
  private String facilityCountry;
  private String contactName;
  private String contactEmail;
  private String contactPhone;
  private long version;

  public static StudyForm of(StudyDetails d, long version) {
    StudyForm f = new StudyForm();
    f.name = d.name();
    f.protocolId = d.protocolId();
    f.secondaryIds = d.secondaryIds();
    f.principalInvestigator = d.principalInvestigator();
    f.sponsor = d.sponsor();
    f.collaborators = d.collaborators();
    f.phase = d.phase();
    f.protocolType = d.protocolType();
    f.purpose = d.purpose();
    f.description = d.description();
    f.startDate = d.startDate();
    f.estimatedCompletionDate = d.estimatedCompletionDate();
    f.protocolVerificationDate = d.protocolVerificationDate();
    f.expectedEnrollment = d.expectedEnrollment();
    f.facilityName = d.facilityName();
    f.facilityCity = d.facilityCity();
    f.facilityState = d.facilityState();
    f.facilityZip = d.facilityZip();
    f.facilityCountry = d.facilityCountry();
    f.contactName = d.contactName();
    f.contactEmail = d.contactEmail();
    f.contactPhone = d.contactPhone();
    f.version = version;
    return f;
  }

  public StudyDetails toDetails() {
    return new StudyDetails(
        name, protocolId, blankToNull(secondaryIds), principalInvestigator, blankToNull(sponsor),
        blankToNull(collaborators), phase, protocolType, blankToNull(purpose),
        blankToNull(description), startDate, estimatedCompletionDate, protocolVerificationDate,
        expectedEnrollment, blankToNull(facilityName), blankToNull(facilityCity),
        blankToNull(facilityState), blankToNull(facilityZip), blankToNull(facilityCountry),
        blankToNull(contactName), blankToNull(contactEmail), blankToNull(contactPhone));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getProtocolId() { return protocolId; }
  public void setProtocolId(String protocolId) { this.protocolId = protocolId; }
  public String getSecondaryIds() { return secondaryIds; }
  public void setSecondaryIds(String secondaryIds) { this.secondaryIds = secondaryIds; }
  public String getPrincipalInvestigator() { return principalInvestigator; }
  public void setPrincipalInvestigator(String v) { this.principalInvestigator = v; }
  public String getSponsor() { return sponsor; }
  public void setSponsor(String sponsor) { this.sponsor = sponsor; }
  public String getCollaborators() { return collaborators; }
  public void setCollaborators(String collaborators) { this.collaborators = collaborators; }
  public StudyPhase getPhase() { return phase; }
  public void setPhase(StudyPhase phase) { this.phase = phase; }
  public ProtocolType getProtocolType() { return protocolType; }
  public void setProtocolType(ProtocolType protocolType) { this.protocolType = protocolType; }
  public String getPurpose() { return purpose; }
  public void setPurpose(String purpose) { this.purpose = purpose; }
  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }
  public LocalDate getStartDate() { return startDate; }
  public void setStartDate(LocalDate startDate) { this.startDate = startDate; }
  public LocalDate getEstimatedCompletionDate() { return estimatedCompletionDate; }
  public void setEstimatedCompletionDate(LocalDate d) { this.estimatedCompletionDate = d; }
  public LocalDate getProtocolVerificationDate() { return protocolVerificationDate; }
  public void setProtocolVerificationDate(LocalDate d) { this.protocolVerificationDate = d; }
  public int getExpectedEnrollment() { return expectedEnrollment; }
  public void setExpectedEnrollment(int expectedEnrollment) { this.expectedEnrollment = expectedEnrollment; }
  public String getFacilityName() { return facilityName; }
  public void setFacilityName(String facilityName) { this.facilityName = facilityName; }
  public String getFacilityCity() { return facilityCity; }
  public void setFacilityCity(String facilityCity) { this.facilityCity = facilityCity; }
  public String getFacilityState() { return facilityState; }
  public void setFacilityState(String facilityState) { this.facilityState = facilityState; }
  public String getFacilityZip() { return facilityZip; }
  public void setFacilityZip(String facilityZip) { this.facilityZip = facilityZip; }
  public String getFacilityCountry() { return facilityCountry; }
  public void setFacilityCountry(String facilityCountry) { this.facilityCountry = facilityCountry; }
  public String getContactName() { return contactName; }
  public void setContactName(String contactName) { this.contactName = contactName; }
  public String getContactEmail() { return contactEmail; }
  public void setContactEmail(String contactEmail) { this.contactEmail = contactEmail; }
  public String getContactPhone() { return contactPhone; }
  public void setContactPhone(String contactPhone) { this.contactPhone = contactPhone; }
  public long getVersion() { return version; }
  public void setVersion(long version) { this.version = version; }
}
