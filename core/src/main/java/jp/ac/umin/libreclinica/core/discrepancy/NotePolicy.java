package jp.ac.umin.libreclinica.core.discrepancy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.Permission;

/**
 * What each note action needs: the permission (granted to roles by
 * {@link jp.ac.umin.libreclinica.core.account.RolePolicy}, the one place for who may do what)
 * and which status changes a thread of each type allows. Pure logic.
 *
 * <ul>
 *   <li>raising a query needs {@link Permission#RAISE_QUERY}; other notes
 *       {@link Permission#MANAGE_DISCREPANCY_NOTES};
 *   <li>a query or failed validation check goes New → Updated / Resolution Proposed → Closed;
 *       Updated needs {@code MANAGE_DISCREPANCY_NOTES}, Resolution Proposed
 *       {@link Permission#PROPOSE_RESOLUTION}, Closed {@link Permission#CLOSE_DISCREPANCY_NOTES};
 *   <li>annotations and reasons for change stay Not Applicable: answers add comments;
 *   <li>a closed thread takes no more answers.
 * </ul>
 */
public final class NotePolicy {

  private NotePolicy() {}

  /** The permission needed to raise a note of this type. */
  public static Permission toRaise(NoteType type) {
    return type == NoteType.QUERY ? Permission.RAISE_QUERY : Permission.MANAGE_DISCREPANCY_NOTES;
  }

  /** The permission needed to answer a thread with this status. */
  public static Permission toSet(NoteStatus status) {
    return switch (status) {
      case RESOLUTION_PROPOSED -> Permission.PROPOSE_RESOLUTION;
      case CLOSED -> Permission.CLOSE_DISCREPANCY_NOTES;
      default -> Permission.MANAGE_DISCREPANCY_NOTES;
    };
  }

  /** The statuses an answer may give a thread of this type and status, whoever answers. */
  public static Set<NoteStatus> successors(NoteType type, NoteStatus current) {
    if (current == NoteStatus.CLOSED) {
      return EnumSet.noneOf(NoteStatus.class);
    }
    if (type == NoteType.ANNOTATION || type == NoteType.REASON_FOR_CHANGE) {
      return EnumSet.of(NoteStatus.NOT_APPLICABLE);
    }
    return EnumSet.of(NoteStatus.UPDATED, NoteStatus.RESOLUTION_PROPOSED, NoteStatus.CLOSED);
  }

  /** Whether someone holding {@code held} may answer with {@code next}. */
  public static boolean mayAnswer(NoteType type, NoteStatus current, NoteStatus next, Set<Permission> held) {
    return successors(type, current).contains(next) && held.contains(toSet(next));
  }

  /** The statuses someone holding {@code held} may give the thread, in workflow order. */
  public static List<NoteStatus> answersFor(NoteType type, NoteStatus current, Set<Permission> held) {
    List<NoteStatus> result = new ArrayList<>();
    for (NoteStatus s : NoteStatus.values()) {
      if (mayAnswer(type, current, s, held)) {
        result.add(s);
      }
    }
    return result;
  }

  /** The types someone holding {@code held} may raise by hand (failed checks come from saves). */
  public static List<NoteType> raisableBy(Set<Permission> held) {
    List<NoteType> result = new ArrayList<>();
    for (NoteType t : NoteType.values()) {
      if (t != NoteType.FAILED_VALIDATION_CHECK && held.contains(toRaise(t))) {
        result.add(t);
      }
    }
    return result;
  }
}
