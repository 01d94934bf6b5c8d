package jp.ac.umin.libreclinica.core.study;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status of a study or site, with LibreClinica's names, and what each allows. This enum
 * is the one table of the lifecycle (docs/study-lifecycle.md mirrors it).
 */
public enum StudyStatus {
  /** Being designed: design changes, no subjects. */
  PENDING("pending"),
  /** Running: subjects are enrolled and data entered. */
  AVAILABLE("available"),
  /** No new subjects or data; data may still be reviewed, queried, verified and signed. */
  FROZEN("frozen"),
  /** Closed: nothing changes; data can be viewed and extracted. */
  LOCKED("locked"),
  /** Removed by a user (with a reason); can be restored. */
  REMOVED("removed"),
  /** Removed together with its parent; restored with it. */
  AUTO_REMOVED("auto-removed");

  private static final Map<StudyStatus, Set<StudyStatus>> TRANSITIONS =
      Map.of(
          PENDING, EnumSet.of(AVAILABLE, REMOVED),
          AVAILABLE, EnumSet.of(PENDING, FROZEN, LOCKED, REMOVED),
          FROZEN, EnumSet.of(AVAILABLE, LOCKED, REMOVED),
          LOCKED, EnumSet.of(FROZEN, AVAILABLE, REMOVED),
          REMOVED, EnumSet.noneOf(StudyStatus.class),
          AUTO_REMOVED, EnumSet.noneOf(StudyStatus.class));

  private static final Map<StudyStatus, Set<StudyOperation>> ALLOWS =
      Map.of(
          PENDING, EnumSet.of(StudyOperation.CHANGE_DESIGN, StudyOperation.VIEW, StudyOperation.ASSIGN_USERS),
          AVAILABLE,
              EnumSet.of(
                  StudyOperation.CHANGE_DESIGN,
                  StudyOperation.VIEW,
                  StudyOperation.ASSIGN_USERS,
                  StudyOperation.ENROLL_SUBJECTS,
                  StudyOperation.ENTER_DATA,
                  StudyOperation.REVIEW_DATA,
                  StudyOperation.EXTRACT),
          FROZEN,
              EnumSet.of(
                  StudyOperation.VIEW,
                  StudyOperation.ASSIGN_USERS,
                  StudyOperation.REVIEW_DATA,
                  StudyOperation.EXTRACT),
          LOCKED, EnumSet.of(StudyOperation.VIEW, StudyOperation.ASSIGN_USERS, StudyOperation.EXTRACT),
          REMOVED, EnumSet.of(StudyOperation.VIEW),
          AUTO_REMOVED, EnumSet.of(StudyOperation.VIEW));

  private final String code;

  StudyStatus(String code) {
    this.code = code;
  }

  /** LibreClinica's name of the status, as ODM and the web services carry it. */
  public String code() {
    return code;
  }

  /** Whether a user may move a study from this status to {@code target} (restore aside). */
  public boolean canBecome(StudyStatus target) {
    return TRANSITIONS.get(this).contains(target);
  }

  public boolean allows(StudyOperation operation) {
    return ALLOWS.get(this).contains(operation);
  }

  public boolean isRemoved() {
    return this == REMOVED || this == AUTO_REMOVED;
  }

  /** The message key of the status's name. */
  public String messageKey() {
    return "study.status." + code;
  }

  public static StudyStatus ofCode(String code) {
    for (StudyStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no study status " + code);
  }
}
