package jp.ac.umin.libreclinica.core.study;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One group of a group class, e.g. the arm "Placebo". */
@Entity
@Table(name = "subject_group")
public class SubjectGroup {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "group_class_id")
  private SubjectGroupClass groupClass;

  @Column(nullable = false)
  private String name;

  @Column(length = 1000)
  private String description;

  protected SubjectGroup() {}

  SubjectGroup(SubjectGroupClass groupClass, String name, String description) {
    this.groupClass = groupClass;
    this.name = name;
    this.description = description;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }
}
