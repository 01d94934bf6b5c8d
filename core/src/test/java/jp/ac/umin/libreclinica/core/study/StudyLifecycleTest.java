package jp.ac.umin.libreclinica.core.study;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import org.junit.Test;

/** The lifecycle table of docs/study-lifecycle.md, walked whole. */
public class StudyLifecycleTest {

  @Test
  public void transitionsAreExactlyThoseOfTheTable() {
    assertTransitions(StudyStatus.PENDING, StudyStatus.AVAILABLE, StudyStatus.REMOVED);
    assertTransitions(
        StudyStatus.AVAILABLE,
        StudyStatus.PENDING,
        StudyStatus.FROZEN,
        StudyStatus.LOCKED,
        StudyStatus.REMOVED);
    assertTransitions(
        StudyStatus.FROZEN, StudyStatus.AVAILABLE, StudyStatus.LOCKED, StudyStatus.REMOVED);
    assertTransitions(
        StudyStatus.LOCKED, StudyStatus.FROZEN, StudyStatus.AVAILABLE, StudyStatus.REMOVED);
    assertTransitions(StudyStatus.REMOVED);
    assertTransitions(StudyStatus.AUTO_REMOVED);
  }

  @Test
  public void operationsAreExactlyThoseOfTheTable() {
    assertOperations(
        StudyStatus.PENDING,
        StudyOperation.CHANGE_DESIGN,
        StudyOperation.VIEW,
        StudyOperation.ASSIGN_USERS);
    assertOperations(StudyStatus.AVAILABLE, StudyOperation.values());
    assertOperations(
        StudyStatus.FROZEN,
        StudyOperation.VIEW,
        StudyOperation.ASSIGN_USERS,
        StudyOperation.REVIEW_DATA,
        StudyOperation.EXTRACT);
    assertOperations(
        StudyStatus.LOCKED, StudyOperation.VIEW, StudyOperation.ASSIGN_USERS, StudyOperation.EXTRACT);
    assertOperations(StudyStatus.REMOVED, StudyOperation.VIEW);
    assertOperations(StudyStatus.AUTO_REMOVED, StudyOperation.VIEW);
  }

  @Test
  public void codesAreLibreClinicasNames() {
    assertEquals("auto-removed", StudyStatus.AUTO_REMOVED.code());
    assertEquals(StudyStatus.FROZEN, StudyStatus.ofCode("frozen"));
  }

  private static void assertTransitions(StudyStatus from, StudyStatus... allowed) {
    EnumSet<StudyStatus> yes = allowed.length == 0 ? EnumSet.noneOf(StudyStatus.class) : EnumSet.of(allowed[0], allowed);
    for (StudyStatus to : StudyStatus.values()) {
      assertEquals(from + " -> " + to, yes.contains(to), from.canBecome(to));
    }
  }

  private static void assertOperations(StudyStatus status, StudyOperation... allowed) {
    EnumSet<StudyOperation> yes = EnumSet.noneOf(StudyOperation.class);
    for (StudyOperation o : allowed) {
      yes.add(o);
    }
    for (StudyOperation o : StudyOperation.values()) {
      if (yes.contains(o)) {
        assertTrue(status + " should allow " + o, status.allows(o));
      } else {
        assertFalse(status + " should not allow " + o, status.allows(o));
      }
    }
  }
}
