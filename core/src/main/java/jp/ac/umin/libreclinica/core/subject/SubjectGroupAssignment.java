package jp.ac.umin.libreclinica.core.subject;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A study subject's group in one group class (e.g. its treatment arm). */
@Entity
@Table(name = "subject_group_map")
public class SubjectGroupAssignment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_subject_id", nullable = false)
  private long studySubjectId;

  @Column(name = "group_class_id", nullable = false)
  private long groupClassId;

  @Column(name = "group_id", nullable = false)
  private long groupId;

  protected SubjectGroupAssignment() {}

  SubjectGroupAssignment(long studySubjectId, long groupClassId, long groupId) {
    this.studySubjectId = studySubjectId;
    this.groupClassId = groupClassId;
    this.groupId = groupId;
  }

  void changeGroup(long groupId) {
    this.groupId = groupId;
  }

  public long getStudySubjectId() {
    return studySubjectId;
  }

  public long getGroupClassId() {
    return groupClassId;
  }

  public long getGroupId() {
    return groupId;
  }
}
