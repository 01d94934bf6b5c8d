package jp.ac.umin.libreclinica.core.dataentry;

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

/**
 * The value of one item (one row of a repeating group) typed in the second, blind pass of
 * double data entry, in canonical form. Kept apart from the first pass ({@link ItemData}) until
 * reconciled; changed in place with a version, every change in the audit trail.
 */
@Entity
@Table(name = "second_entry_value")
public class SecondEntryValue {

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

  @Column(name = "entered_at", nullable = false)
  private Instant enteredAt;

  @Column(name = "entered_by", nullable = false, length = 64)
  private String enteredBy;

  @Enumerated(EnumType.STRING)
  @Column(length = 20)
  private Resolution resolution;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "resolved_by", length = 64)
  private String resolvedBy;

  @Version private long version;

  protected SecondEntryValue() {}

  SecondEntryValue(long eventCrfId, long itemId, int ordinal, String value, String by, Instant at) {
    this.eventCrfId = eventCrfId;
    this.itemId = itemId;
    this.ordinal = ordinal;
    this.value = value;
    this.enteredBy = by;
    this.enteredAt = at;
  }

  void enter(String newValue, String by, Instant at) {
    this.value = newValue;
    this.enteredBy = by;
    this.enteredAt = at;
  }

  void resolve(Resolution how, String finalValue, String by, Instant at) {
    this.value = finalValue;
    this.resolution = how;
    this.resolvedBy = by;
    this.resolvedAt = at;
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

  public Instant getEnteredAt() {
    return enteredAt;
  }

  public String getEnteredBy() {
    return enteredBy;
  }

  public Resolution getResolution() {
    return resolution;
  }

  public Instant getResolvedAt() {
    return resolvedAt;
  }

  public String getResolvedBy() {
    return resolvedBy;
  }

  public long getVersion() {
    return version;
  }
}
