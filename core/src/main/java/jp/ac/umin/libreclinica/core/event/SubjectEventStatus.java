package jp.ac.umin.libreclinica.core.event;

import static jp.ac.umin.libreclinica.core.account.Permission.LOCK_DATA;
import static jp.ac.umin.libreclinica.core.account.Permission.ENTER_DATA;
import static jp.ac.umin.libreclinica.core.account.Permission.SIGN;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.Permission;

/**
 * The status of a subject's event, with LibreClinica's names. This enum is the one table of
 * the event lifecycle: which status may follow which ({@code docs/event-lifecycle.md} mirrors
 * it), and which permission a user needs to set a status by hand. {@link #DATA_ENTRY_STARTED}
 * and {@link #COMPLETED} follow data entry and are not set by hand.
 */
public enum SubjectEventStatus {
  /** No occurrence yet: the matrix cell of an event that was never scheduled. */
  NOT_SCHEDULED("not scheduled", null),
  SCHEDULED("scheduled", ENTER_DATA),
  DATA_ENTRY_STARTED("data entry started", null),
  COMPLETED("completed", null),
  STOPPED("stopped", ENTER_DATA),
  SKIPPED("skipped", ENTER_DATA),
  SIGNED("signed", SIGN),
  LOCKED("locked", LOCK_DATA);

  private static final Map<SubjectEventStatus, Set<SubjectEventStatus>> NEXT =
      new EnumMap<>(SubjectEventStatus.class);

  static {
    NEXT.put(NOT_SCHEDULED, EnumSet.of(SCHEDULED));
    NEXT.put(SCHEDULED, EnumSet.of(DATA_ENTRY_STARTED, STOPPED, SKIPPED, LOCKED));
    NEXT.put(DATA_ENTRY_STARTED, EnumSet.of(COMPLETED, STOPPED, LOCKED));
    NEXT.put(COMPLETED, EnumSet.of(DATA_ENTRY_STARTED, STOPPED, SIGNED, LOCKED));
    NEXT.put(STOPPED, EnumSet.of(SCHEDULED, DATA_ENTRY_STARTED, LOCKED));
    NEXT.put(SKIPPED, EnumSet.of(SCHEDULED, LOCKED));
    // a change of data after signing voids the signature: back to completed
    NEXT.put(SIGNED, EnumSet.of(COMPLETED, LOCKED));
    // unlocking returns to the status the event had before it was locked (checked by StudyEvent)
    NEXT.put(LOCKED, EnumSet.of(SCHEDULED, DATA_ENTRY_STARTED, COMPLETED, STOPPED, SKIPPED, SIGNED));
  }

  private final String code;
  private final Permission setByHand;

  SubjectEventStatus(String code, Permission setByHand) {
    this.code = code;
    this.setByHand = setByHand;
  }

  /** LibreClinica's name, as ODM's OpenClinica:Status carries it. */
  public String code() {
    return code;
  }

  public boolean canBecome(SubjectEventStatus target) {
    return NEXT.get(this).contains(target);
  }

  /** The statuses that may follow this one. */
  public Set<SubjectEventStatus> next() {
    return EnumSet.copyOf(NEXT.get(this));
  }

  /** Whether a user may choose this status on the event page (not data entry's statuses). */
  public boolean isSetByHand() {
    return setByHand != null;
  }

  /** The permission a user needs to set this status by hand, or null when only data entry sets it. */
  public Permission permissionToSet() {
    return setByHand;
  }

  public String messageKey() {
    return "subject.event.status." + name();
  }

  public static SubjectEventStatus ofCode(String code) {
    for (SubjectEventStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no event status " + code);
  }
}
