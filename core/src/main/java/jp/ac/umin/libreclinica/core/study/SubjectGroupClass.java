package jp.ac.umin.libreclinica.core.study;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import jp.ac.umin.libreclinica.core.event.DesignStatus;

/**
 * A way of grouping a study's subjects, e.g. the treatment arms (群), with its groups.
 * Subjects are assigned to one group of each class when they are enrolled.
 */
@Entity
@Table(name = "subject_group_class")
public class SubjectGroupClass {

  /** Whether subjects must, may or need not be assigned to a group of this class. */
  public enum Assignment {
    REQUIRED,
    OPTIONAL,
    NOT_USED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Column(nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private GroupClassType type;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Assignment assignment;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private DesignStatus status = DesignStatus.AVAILABLE;

  @OneToMany(mappedBy = "groupClass", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
  @OrderBy("id")
  private List<SubjectGroup> groups = new ArrayList<>();

  @Version private long version;

  protected SubjectGroupClass() {}

  SubjectGroupClass(long studyId, String name, GroupClassType type, Assignment assignment) {
    this.studyId = studyId;
    this.name = name.strip();
    this.type = type;
    this.assignment = assignment;
  }

  void addGroup(String groupName, String description) {
    groups.add(new SubjectGroup(this, groupName.strip(), description));
  }

  void setStatus(DesignStatus status) {
    this.status = status;
  }

  public Long getId() {
    return id;
  }

  public long getStudyId() {
    return studyId;
  }

  public String getName() {
    return name;
  }

  public GroupClassType getType() {
    return type;
  }

  public Assignment getAssignment() {
    return assignment;
  }

  public DesignStatus getStatus() {
    return status;
  }

  public List<SubjectGroup> getGroups() {
    return List.copyOf(groups);
  }

  /** For the audit trail. */
  public String describe() {
    return name + " (" + type + ", " + assignment + "): "
        + groups.stream().map(SubjectGroup::getName).toList();
  }
}
