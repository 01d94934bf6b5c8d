package jp.ac.umin.libreclinica.core.event;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A CRF attached to an event definition, with its parameters. A row whose {@code siteId} is set
 * holds a site's overrides of the study-level row it names as {@code parentId}.
 */
@Entity
@Table(name = "event_definition_crf")
public class EventDefinitionCrf {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_definition_id", nullable = false)
  private long eventDefinitionId;

  @Column(name = "crf_id", nullable = false)
  private long crfId;

  @Column(name = "site_id")
  private Long siteId;

  @Column(name = "parent_id")
  private Long parentId;

  @Column(nullable = false)
  private int ordinal;

  @Embedded private CrfParameters parameters;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private DesignStatus status = DesignStatus.AVAILABLE;

  @Version private long version;

  protected EventDefinitionCrf() {}

  EventDefinitionCrf(long eventDefinitionId, long crfId, int ordinal, CrfParameters parameters) {
    this.eventDefinitionId = eventDefinitionId;
    this.crfId = crfId;
    this.ordinal = ordinal;
    this.parameters = parameters.copy();
  }

  /** A site's override of a study-level row. */
  EventDefinitionCrf(EventDefinitionCrf studyLevel, long siteId, CrfParameters parameters) {
    this(studyLevel.eventDefinitionId, studyLevel.crfId, studyLevel.ordinal, parameters);
    this.siteId = siteId;
    this.parentId = studyLevel.id;
  }

  void setParameters(CrfParameters parameters) {
    this.parameters = parameters.copy();
  }

  void setStatus(DesignStatus status) {
    this.status = status;
  }

  public Long getId() {
    return id;
  }

  public long getEventDefinitionId() {
    return eventDefinitionId;
  }

  public long getCrfId() {
    return crfId;
  }

  public Long getSiteId() {
    return siteId;
  }

  public Long getParentId() {
    return parentId;
  }

  public int getOrdinal() {
    return ordinal;
  }

  public CrfParameters getParameters() {
    return parameters.copy();
  }

  public DesignStatus getStatus() {
    return status;
  }

  public long getVersion() {
    return version;
  }
}
