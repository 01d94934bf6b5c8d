package jp.ac.umin.libreclinica.core.event;

import static jp.ac.umin.libreclinica.core.event.SubjectEventStatus.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.Test;

/** Walks the event lifecycle table and checks that the documentation mirrors it. */
public class SubjectEventStatusTest {

  private static StudyEvent scheduled() {
    StudyEvent e = new StudyEvent(1, 1, 1, "t", Instant.EPOCH);
    e.schedule(Instant.EPOCH, null, null);
    return e;
  }

  @Test
  public void everyStatusIsReachableFromScheduledByAllowedStepsOnly() {
    Set<SubjectEventStatus> reached = EnumSet.of(SCHEDULED);
    Deque<SubjectEventStatus> todo = new ArrayDeque<>(reached);
    while (!todo.isEmpty()) {
      SubjectEventStatus from = todo.poll();
      for (SubjectEventStatus to : values()) {
        if (from.canBecome(to) && reached.add(to)) {
          todo.add(to);
        }
      }
    }
    assertEquals(EnumSet.complementOf(EnumSet.of(NOT_SCHEDULED)), reached);
    assertTrue(NOT_SCHEDULED.canBecome(SCHEDULED));
    for (SubjectEventStatus s : values()) {
      assertFalse(s + " never goes back to not scheduled", s.canBecome(NOT_SCHEDULED));
      assertFalse(s + " does not move to itself", s.canBecome(s));
    }
  }

  @Test
  public void theEntityFollowsTheTableForEveryPair() {
    for (SubjectEventStatus from : EnumSet.complementOf(EnumSet.of(NOT_SCHEDULED, LOCKED))) {
      for (SubjectEventStatus to : values()) {
        StudyEvent e = reach(from);
        try {
          e.changeStatus(to);
          assertTrue(from + " -> " + to + " was allowed but is not in the table", from.canBecome(to));
          assertEquals(to, e.getStatus());
        } catch (EventException refused) {
          assertFalse(from + " -> " + to + " is in the table but was refused", from.canBecome(to));
          assertEquals("subject.event.status.transitionRefused", refused.messageKey());
          assertEquals(from, e.getStatus());
        }
      }
    }
  }

  @Test
  public void unlockingReturnsOnlyToTheStatusBeforeTheLock() {
    for (SubjectEventStatus before : EnumSet.of(SCHEDULED, DATA_ENTRY_STARTED, COMPLETED, STOPPED, SKIPPED, SIGNED)) {
      StudyEvent e = reach(before);
      e.changeStatus(LOCKED);
      assertEquals(before, e.getStatusBeforeLock());
      for (SubjectEventStatus other : LOCKED.next()) {
        if (other != before) {
          StudyEvent copy = reach(before);
          copy.changeStatus(LOCKED);
          try {
            copy.changeStatus(other);
            fail("unlocked " + before + " into " + other);
          } catch (EventException expected) {
            assertEquals(LOCKED, copy.getStatus());
          }
        }
      }
      e.changeStatus(before);
      assertEquals(before, e.getStatus());
    }
  }

  @Test
  public void aRemovedEventChangesNoStatus() {
    StudyEvent e = scheduled();
    e.remove(RecordStatus.REMOVED, "x");
    try {
      e.changeStatus(STOPPED);
      fail();
    } catch (EventException expected) {
      assertEquals("subject.event.removed", expected.messageKey());
    }
  }

  @Test
  public void onlyDataEntryMovesToStartedAndCompleted() {
    assertFalse(DATA_ENTRY_STARTED.isSetByHand());
    assertFalse(COMPLETED.isSetByHand());
    assertFalse(NOT_SCHEDULED.isSetByHand());
    for (SubjectEventStatus s : EnumSet.of(SCHEDULED, STOPPED, SKIPPED, SIGNED, LOCKED)) {
      assertTrue(s.toString(), s.isSetByHand());
    }
  }

  @Test
  public void theDocumentedTableIsTheCodesTable() throws Exception {
    Path doc = Path.of("..", "docs", "event-lifecycle.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    for (SubjectEventStatus from : values()) {
      String row = text.lines()
          .filter(l -> l.startsWith("| " + from.code() + " |"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no row for " + from.code() + " in " + doc));
      for (SubjectEventStatus to : values()) {
        boolean documented =
            java.util.Arrays.stream(row.split("\\|")[2].split(","))
                .map(String::strip)
                .anyMatch(to.code()::equals);
        assertEquals(from.code() + " -> " + to.code() + " in " + doc, from.canBecome(to), documented);
      }
    }
  }

  /** An event brought to {@code target} through allowed steps. */
  private static StudyEvent reach(SubjectEventStatus target) {
    StudyEvent e = scheduled();
    switch (target) {
      case SCHEDULED -> { }
      case DATA_ENTRY_STARTED -> e.changeStatus(DATA_ENTRY_STARTED);
      case COMPLETED -> { e.changeStatus(DATA_ENTRY_STARTED); e.changeStatus(COMPLETED); }
      case STOPPED -> e.changeStatus(STOPPED);
      case SKIPPED -> e.changeStatus(SKIPPED);
      case SIGNED -> { e.changeStatus(DATA_ENTRY_STARTED); e.changeStatus(COMPLETED); e.changeStatus(SIGNED); }
      default -> throw new IllegalArgumentException(target.toString());
    }
    return e;
  }
}
