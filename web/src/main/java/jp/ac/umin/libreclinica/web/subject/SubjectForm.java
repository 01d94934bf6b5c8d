package jp.ac.umin.libreclinica.web.subject;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectGroupAssignment;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;

/**
 * The add / edit subject form. Codes are checked by the service (which folds full-width
 * input); the sizes here only stop absurd requests early. The request token makes a
 * double-submitted add form create one subject.
 */
public class SubjectForm {

  @Size(max = 200)
  private String label;

  @Size(max = 200)
  private String secondaryLabel;

  private Long siteId;
  private LocalDate enrollmentDate;
  private Sex sex;

  @Size(max = 100)
  private String dateOfBirth;

  @Size(max = 1000)
  private String personId;

  private Map<Long, Long> groups = new HashMap<>();
  private boolean confirmDuplicatePersonId;
  private String requestToken = UUID.randomUUID().toString();
  private long version;

  public static SubjectForm of(StudySubject s, Iterable<SubjectGroupAssignment> assigned) {
    SubjectForm f = new SubjectForm();
    f.label = s.getLabel();
    f.secondaryLabel = s.getSecondaryLabel();
    f.siteId = s.getStudyId();
    f.enrollmentDate = s.getEnrollmentDate();
    f.sex = s.getSubject().getSex();
    f.dateOfBirth = s.getSubject().getBirth() == null ? null : s.getSubject().getBirth().iso();
    f.personId = s.getSubject().getPersonId();
    assigned.forEach(a -> f.groups.put(a.getGroupClassId(), a.getGroupId()));
    f.version = s.getVersion();
    f.requestToken = null;
    return f;
  }

  public SubjectInput toInput() {
    Map<Long, Long> chosen = new HashMap<>();
    groups.forEach((k, v) -> {
      if (k != null && v != null) {
        chosen.put(k, v);
      }
    });
    return new SubjectInput(label, secondaryLabel, enrollmentDate, sex, dateOfBirth, personId, chosen);
  }

  /** The widest a subject ID may be (for the page's maxlength). */
  public int getLabelMax() {
    return SubjectService.LABEL_MAX;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public String getSecondaryLabel() {
    return secondaryLabel;
  }

  public void setSecondaryLabel(String secondaryLabel) {
    this.secondaryLabel = secondaryLabel;
  }

  public Long getSiteId() {
    return siteId;
  }

  public void setSiteId(Long siteId) {
    this.siteId = siteId;
  }

  public LocalDate getEnrollmentDate() {
    return enrollmentDate;
  }

  public void setEnrollmentDate(LocalDate enrollmentDate) {
    this.enrollmentDate = enrollmentDate;
  }

  public Sex getSex() {
    return sex;
  }

  public void setSex(Sex sex) {
    this.sex = sex;
  }

  public String getDateOfBirth() {
    return dateOfBirth;
  }

  public void setDateOfBirth(String dateOfBirth) {
    this.dateOfBirth = dateOfBirth;
  }

  public String getPersonId() {
    return personId;
  }

  public void setPersonId(String personId) {
    this.personId = personId;
  }

  public Map<Long, Long> getGroups() {
    return groups;
  }

  public void setGroups(Map<Long, Long> groups) {
    this.groups = groups;
  }

  public boolean isConfirmDuplicatePersonId() {
    return confirmDuplicatePersonId;
  }

  public void setConfirmDuplicatePersonId(boolean confirmDuplicatePersonId) {
    this.confirmDuplicatePersonId = confirmDuplicatePersonId;
  }

  public String getRequestToken() {
    return requestToken;
  }

  public void setRequestToken(String requestToken) {
    this.requestToken = requestToken;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }
}
