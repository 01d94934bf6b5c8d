package jp.ac.umin.libreclinica.core.dataentry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The value of one item in one event CRF (for a repeating group, in one row: {@code ordinal}),
 * in canonical form. Changed in place with a version; every change is in the audit trail.
 */
@Entity
@Table(name = "item_data")
public class ItemData {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_crf_id", nullable = false)
  private long eventCrfId;

  @Column(name = "item_id", nullable = false)
  private long itemId;

  @Column(nullable = false)
  private int ordinal;

  @Column(nullable = false, length = 4000)
  private String value;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "updated_by", nullable = false, length = 64)
  private String updatedBy;

  @Version private long version;

  protected ItemData() {}

  ItemData(long eventCrfId, long itemId, int ordinal, String value, String by, Instant at) {
    this.eventCrfId = eventCrfId;
    this.itemId = itemId;
    this.ordinal = ordinal;
    this.value = value;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  void change(String newValue, String by, Instant at) {
    this.value = newValue;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  public Long getId() {
    return id;
  }

  public long getEventCrfId() {
    return eventCrfId;
  }

  public long getItemId() {
    return itemId;
  }

  public int getOrdinal() {
    return ordinal;
  }

  public String getValue() {
    return value;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public long getVersion() {
    return version;
  }
}
