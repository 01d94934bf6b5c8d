package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An item group of a CRF, shared by label across its versions; its OID never changes. */
@Entity
@Table(name = "item_group")
public class ItemGroup {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "item_group_seq")
  @SequenceGenerator(name = "item_group_seq", sequenceName = "item_group_seq", allocationSize = 50)
  private Long id;

  @Column(name = "crf_id", nullable = false, updatable = false)
  private Long crfId;

  @Column(nullable = false, updatable = false)
  private String label;

  @Column(nullable = false, updatable = false)
  private String oid;

  protected ItemGroup() {}

  ItemGroup(Long crfId, String label, String oid) {
    this.crfId = crfId;
    this.label = label;
    this.oid = oid;
  }

  public Long getId() {
    return id;
  }

  public Long getCrfId() {
    return crfId;
  }

  public String getLabel() {
    return label;
  }

  public String getOid() {
    return oid;
  }
}
