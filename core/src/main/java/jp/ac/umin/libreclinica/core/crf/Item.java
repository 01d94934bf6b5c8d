package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;

/**
 * A data item of a CRF, shared by name across its versions: OID, description, units, data
 * type and the PHI flag are the item's; texts and layout are per version.
 */
@Entity
@Table(name = "item")
public class Item {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "item_seq")
  @SequenceGenerator(name = "item_seq", sequenceName = "item_seq", allocationSize = 50)
  private Long id;

  @Column(name = "crf_id", nullable = false, updatable = false)
  private Long crfId;

  @Column(nullable = false, updatable = false)
  private String name;

  @Column(nullable = false, updatable = false)
  private String oid;

  @Column(nullable = false)
  private String description;

  private String units;

  @Enumerated(EnumType.STRING)
  @Column(name = "data_type", nullable = false)
  private ItemDataType dataType;

  private boolean phi;

  @Version
  @Column(name = "opt_version")
  private long optVersion;

  protected Item() {}

  Item(Long crfId, String name, String oid, String description, String units,
      ItemDataType dataType, boolean phi) {
    this.crfId = crfId;
    this.name = name;
    this.oid = oid;
    this.description = description;
    this.units = units;
    this.dataType = dataType;
    this.phi = phi;
  }

  /**
   * A later version redefines the item. Description and PHI follow the newest version (as in
   * LibreClinica); the data type may only widen from DATE to PDATE (the upload checks say so).
   */
  boolean redefine(String description, ItemDataType dataType, boolean phi) {
    boolean changed =
        !this.description.equals(description) || this.dataType != dataType || this.phi != phi;
    this.description = description;
    this.dataType = dataType;
    this.phi = phi;
    return changed;
  }

  public Long getId() {
    return id;
  }

  public Long getCrfId() {
    return crfId;
  }

  public String getName() {
    return name;
  }

  public String getOid() {
    return oid;
  }

  public String getDescription() {
    return description;
  }

  public String getUnits() {
    return units;
  }

  public ItemDataType getDataType() {
    return dataType;
  }

  public boolean isPhi() {
    return phi;
  }
}
