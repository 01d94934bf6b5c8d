package jp.ac.umin.libreclinica.core.event;

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

/** A visit or other event of a study's protocol, e.g. "Screening" or "Adverse event". */
@Entity
@Table(name = "study_event_definition")
public class StudyEventDefinition {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Column(nullable = false, unique = true, length = 40)
  private String oid;

  @Column(nullable = false)
  private String name;

  @Column(length = 4000)
  private String description;

  @Column(nullable = false)
  private boolean repeating;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private EventType type;

  private String category;

  @Column(nullable = false)
  private int ordinal;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private DesignStatus status = DesignStatus.AVAILABLE;

  @Column(name = "status_reason", length = 1000)
  private String statusReason;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Version private long version;

  protected StudyEventDefinition() {}

  StudyEventDefinition(
      long studyId, String oid, EventDefinitionDetails d, int ordinal, String by, Instant at) {
    this.studyId = studyId;
    this.oid = oid;
    this.ordinal = ordinal;
    this.createdBy = by;
    this.createdAt = at;
    apply(d);
  }

  void apply(EventDefinitionDetails d) {
    this.name = d.name().strip();
    this.description = d.description();
    this.repeating = d.repeating();
    this.type = d.type();
    this.category = d.category();
  }

  public EventDefinitionDetails details() {
    return new EventDefinitionDetails(name, description, repeating, type, category);
  }

  void setOrdinal(int ordinal) {
    this.ordinal = ordinal;
  }

  void setStatus(DesignStatus status, String reason) {
    this.status = status;
    this.statusReason = reason;
  }

  public Long getId() {
    return id;
  }

  public long getStudyId() {
    return studyId;
  }

  public String getOid() {
    return oid;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public boolean isRepeating() {
    return repeating;
  }

  public EventType getType() {
    return type;
  }

  public String getCategory() {
    return category;
  }

  public int getOrdinal() {
    return ordinal;
  }

  public DesignStatus getStatus() {
    return status;
  }

  public long getVersion() {
    return version;
  }
}
