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
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupLayout;

/** How an item group appears in one CRF version: layout, header and repeat settings. */
@Entity
@Table(name = "item_group_metadata")
class ItemGroupMetadata {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "item_group_metadata_seq")
  @SequenceGenerator(name = "item_group_metadata_seq", sequenceName = "item_group_metadata_seq", allocationSize = 50)
  private Long id;

  @Column(name = "item_group_id", nullable = false)
  private Long itemGroupId;

  @Column(name = "crf_version_id", nullable = false)
  private Long crfVersionId;

  private int ordinal;

  @Enumerated(EnumType.STRING)
  private GroupLayout layout;

  private String header;

  @Column(name = "repeat_number")
  private int repeatNumber;

  @Column(name = "repeat_max")
  private int repeatMax;

  private boolean hidden;

  @Column(name = "implicit_group")
  private boolean implicitGroup;

  protected ItemGroupMetadata() {}

  ItemGroupMetadata(Long itemGroupId, Long crfVersionId, int ordinal, GroupDefinition d) {
    this.itemGroupId = itemGroupId;
    this.crfVersionId = crfVersionId;
    this.ordinal = ordinal;
    this.layout = d.layout();
    this.header = d.header();
    this.repeatNumber = d.repeatNumber();
    this.repeatMax = d.repeatMax();
    this.hidden = d.hidden();
    this.implicitGroup = d.implicit();
  }

  Long getId() {
    return id;
  }

  Long getItemGroupId() {
    return itemGroupId;
  }

  int getOrdinal() {
    return ordinal;
  }

  GroupDefinition toDefinition(String label) {
    return new GroupDefinition(label, layout, header, repeatNumber, repeatMax, hidden, implicitGroup);
  }
}
