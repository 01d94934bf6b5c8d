package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A case report form: a name, an OID, and its versions (stored separately). */
@Entity
@Table(name = "crf")
public class Crf {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crf_seq")
  @SequenceGenerator(name = "crf_seq", sequenceName = "crf_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false, updatable = false)
  private String oid;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Version
  @Column(name = "opt_version")
  private long optVersion;

  protected Crf() {}

  Crf(String name, String oid, Instant createdAt, String createdBy) {
    this.name = name;
    this.oid = oid;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getOid() {
    return oid;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }
}
