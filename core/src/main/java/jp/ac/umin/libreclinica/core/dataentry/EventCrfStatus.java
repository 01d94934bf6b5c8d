package jp.ac.umin.libreclinica.core.dataentry;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an event CRF is in data entry (LibreClinica's stages, under its names). This enum is
 * the one table of the event CRF lifecycle: which status may follow which ({@code
 * docs/data-entry.md} mirrors it, checked by {@code EventCrfStatusTest}); {@link EventCrf}
 * refuses every other move.
 *
 * <p>A CRF without double data entry goes from {@link #INITIAL_DATA_ENTRY} straight to {@link
 * #DATA_ENTRY_COMPLETE}. With double data entry, marking the first pass complete gives {@link
 * #INITIAL_DATA_ENTRY_COMPLETE}; the second user's first save gives {@link #DOUBLE_DATA_ENTRY};
 * completing the second pass, every item reconciled, gives {@link #DATA_ENTRY_COMPLETE}.
 */
public enum EventCrfStatus {
  INITIAL_DATA_ENTRY("initial data entry"),
  INITIAL_DATA_ENTRY_COMPLETE("initial data entry completed"),
  DOUBLE_DATA_ENTRY("double data entry"),
  DATA_ENTRY_COMPLETE("data entry complete"),
  LOCKED("locked"),
  REMOVED("removed"),
  AUTO_REMOVED("auto-removed");

  private static final Map<EventCrfStatus, Set<EventCrfStatus>> NEXT = new EnumMap<>(EventCrfStatus.class);

  static {
    NEXT.put(INITIAL_DATA_ENTRY,
        EnumSet.of(DATA_ENTRY_COMPLETE, INITIAL_DATA_ENTRY_COMPLETE, LOCKED, REMOVED, AUTO_REMOVED));
    NEXT.put(INITIAL_DATA_ENTRY_COMPLETE, EnumSet.of(DOUBLE_DATA_ENTRY, LOCKED, REMOVED, AUTO_REMOVED));
    NEXT.put(DOUBLE_DATA_ENTRY, EnumSet.of(DATA_ENTRY_COMPLETE, LOCKED, REMOVED, AUTO_REMOVED));
    NEXT.put(DATA_ENTRY_COMPLETE, EnumSet.of(LOCKED, REMOVED, AUTO_REMOVED));
    // unlocking returns to the status before the lock, and only to that one (EventCrf checks)
    NEXT.put(LOCKED,
        EnumSet.of(INITIAL_DATA_ENTRY, INITIAL_DATA_ENTRY_COMPLETE, DOUBLE_DATA_ENTRY, DATA_ENTRY_COMPLETE));
    // restoring returns to the status before the removal
    NEXT.put(REMOVED,
        EnumSet.of(INITIAL_DATA_ENTRY, INITIAL_DATA_ENTRY_COMPLETE, DOUBLE_DATA_ENTRY, DATA_ENTRY_COMPLETE));
    NEXT.put(AUTO_REMOVED,
        EnumSet.of(INITIAL_DATA_ENTRY, INITIAL_DATA_ENTRY_COMPLETE, DOUBLE_DATA_ENTRY, DATA_ENTRY_COMPLETE));
  }

  private final String code;

  EventCrfStatus(String code) {
    this.code = code;
  }

  /** LibreClinica's name, as ODM's {@code OpenClinica:Status} of a form carries it. */
  public String code() {
    return code;
  }

  public boolean canBecome(EventCrfStatus target) {
    return NEXT.get(this).contains(target);
  }

  /** The statuses that may follow this one. */
  public Set<EventCrfStatus> next() {
    return EnumSet.copyOf(NEXT.get(this));
  }

  /** Whether values of the first pass may be saved (data entry, or administrative editing). */
  public boolean acceptsChanges() {
    return this == INITIAL_DATA_ENTRY || this == DATA_ENTRY_COMPLETE;
  }

  /** Whether the CRF waits for (or is in) its second, blind pass of double data entry. */
  public boolean inSecondEntry() {
    return this == INITIAL_DATA_ENTRY_COMPLETE || this == DOUBLE_DATA_ENTRY;
  }
}
