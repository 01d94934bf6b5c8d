package jp.ac.umin.libreclinica.core.subject;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import jp.ac.umin.libreclinica.core.input.PartialDate;

/**
 * The person behind a study subject: person ID, sex and date of birth (or only the year of
 * birth, stored as 1 January of that year with {@link #isDateOfBirthYearOnly()}).
 */
@Entity
@Table(name = "subject")
public class Subject {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "person_id")
  private String personId;

  @Convert(converter = SexConverter.class)
  @Column(length = 1)
  private Sex sex;

  @Column(name = "date_of_birth")
  private LocalDate dateOfBirth;

  @Column(name = "dob_year_only", nullable = false)
  private boolean dateOfBirthYearOnly;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  /**
   * The parent study in whose subject registry the person was registered without an enrolment
   * (web services' subject {@code creat}); null for the person of a study subject.
   */
  @Column(name = "registered_study_id")
  private Long registeredStudyId;

  /** The study or site where it was registered (a site user registers at their site). */
  @Column(name = "registered_at_id")
  private Long registeredAtId;

  @Version private long version;

  protected Subject() {}

  Subject(String createdBy, Instant createdAt) {
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  /** A person registered in a study's subject registry without an enrolment. */
  static Subject registered(long parentStudyId, long studyOrSiteId, String createdBy, Instant createdAt) {
    Subject s = new Subject(createdBy, createdAt);
    s.registeredStudyId = parentStudyId;
    s.registeredAtId = studyOrSiteId;
    return s;
  }

  void apply(String personId, Sex sex, PartialDate dateOfBirth) {
    this.personId = personId;
    this.sex = sex;
    if (dateOfBirth == null) {
      this.dateOfBirth = null;
      this.dateOfBirthYearOnly = false;
    } else if (dateOfBirth.isComplete()) {
      this.dateOfBirth = dateOfBirth.toLocalDate();
      this.dateOfBirthYearOnly = false;
    } else {
      this.dateOfBirth = LocalDate.of(dateOfBirth.year(), 1, 1);
      this.dateOfBirthYearOnly = true;
    }
  }

  public Long getRegisteredStudyId() {
    return registeredStudyId;
  }

  public Long getRegisteredAtId() {
    return registeredAtId;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Long getId() {
    return id;
  }

  public String getPersonId() {
    return personId;
  }

  public Sex getSex() {
    return sex;
  }

  /** The date of birth as known: a full date, a year, or {@code null}. */
  public PartialDate getBirth() {
    if (dateOfBirth == null) {
      return null;
    }
    return dateOfBirthYearOnly
        ? new PartialDate(dateOfBirth.getYear(), null, null)
        : PartialDate.of(dateOfBirth);
  }

  public LocalDate getDateOfBirth() {
    return dateOfBirth;
  }

  public boolean isDateOfBirthYearOnly() {
    return dateOfBirthYearOnly;
  }

  /** For the audit trail. */
  String describe() {
    return "personId=" + personId + ", sex=" + (sex == null ? null : sex.code())
        + ", dateOfBirth=" + getBirth();
  }
}
