package jp.ac.umin.libreclinica.core.dataentry;

import static jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.Test;

/** Walks the event CRF lifecycle table, the entity's moves, and checks that the documentation mirrors it. */
public class EventCrfStatusTest {

  private static final Instant T = Instant.EPOCH;

  private static EventCrf started() {
    return new EventCrf(1, 1, 1, 1, "first", T);
  }

  /** An event CRF brought to {@code target} through the entity's moves. */
  private static EventCrf reach(EventCrfStatus target) {
    EventCrf e = started();
    switch (target) {
      case INITIAL_DATA_ENTRY -> { }
      case INITIAL_DATA_ENTRY_COMPLETE -> e.completeInitialEntry("first", T);
      case DOUBLE_DATA_ENTRY -> { e.completeInitialEntry("first", T); e.startSecondEntry("second", T); }
      case DATA_ENTRY_COMPLETE -> e.complete("first", T);
      case LOCKED -> e.lock(EventCrf.LOCKED_BY_ITSELF);
      default -> throw new IllegalArgumentException(target.toString());
    }
    assertEquals(target, e.getStatus());
    return e;
  }

  /** The entity's moves, by the status each aims at. */
  private static final List<Move> MOVES = List.of(
      new Move(DATA_ENTRY_COMPLETE, e -> e.complete("x", T)),
      new Move(INITIAL_DATA_ENTRY_COMPLETE, e -> e.completeInitialEntry("x", T)),
      new Move(DOUBLE_DATA_ENTRY, e -> e.startSecondEntry("x", T)),
      new Move(DATA_ENTRY_COMPLETE, e -> e.completeSecondEntry("x", T)),
      new Move(LOCKED, e -> e.lock(EventCrf.LOCKED_BY_ITSELF)));

  private record Move(EventCrfStatus to, Consumer<EventCrf> action) {}

  @Test
  public void eachMoveOfTheEntityIsAllowedOnlyWhereTheTableAllowsIt() {
    for (EventCrfStatus from : EnumSet.of(INITIAL_DATA_ENTRY, INITIAL_DATA_ENTRY_COMPLETE, DOUBLE_DATA_ENTRY, DATA_ENTRY_COMPLETE, LOCKED)) {
      for (Move m : MOVES) {
        EventCrf e = reach(from);
        try {
          m.action().accept(e);
          assertTrue(from + " -> " + m.to() + " was allowed but is not in the table", from.canBecome(m.to()));
          assertEquals(m.to(), e.getStatus());
        } catch (DataEntryException refused) {
          assertEquals(from, e.getStatus());
        }
      }
    }
  }

  @Test
  public void doubleDataEntryGoesThroughBothPassesBeforeCompletion() {
    EventCrf e = started();
    e.completeInitialEntry("first", T);
    assertEquals("first", e.getInitialCompletedBy());
    assertEquals(null, e.getCompletedBy());
    try {
      e.completeSecondEntry("second", T);
      fail("completed without a second pass");
    } catch (DataEntryException expected) {
      assertEquals("dataentry.dde.notInSecondEntry", expected.messageKey());
    }
    e.startSecondEntry("second", T);
    assertEquals("second", e.getSecondEntryBy());
    e.completeSecondEntry("second", T);
    assertEquals(DATA_ENTRY_COMPLETE, e.getStatus());
    assertEquals("second", e.getCompletedBy());
    assertFalse(INITIAL_DATA_ENTRY_COMPLETE.acceptsChanges());
    assertFalse(DOUBLE_DATA_ENTRY.acceptsChanges());
  }

  @Test
  public void unlockingReturnsToTheStatusOfEitherPass() {
    for (EventCrfStatus before : EnumSet.of(INITIAL_DATA_ENTRY, INITIAL_DATA_ENTRY_COMPLETE, DOUBLE_DATA_ENTRY, DATA_ENTRY_COMPLETE)) {
      EventCrf e = reach(before);
      e.lock(EventCrf.LOCKED_BY_ITSELF);
      assertEquals(before, e.getStatusBeforeLock());
      e.unlock();
      assertEquals(before, e.getStatus());
    }
  }

  @Test
  public void noStatusMovesToItselfAndOnlyDataEntryReachesCompletion() {
    for (EventCrfStatus s : values()) {
      assertFalse(s + " does not move to itself", s.canBecome(s));
    }
    assertFalse(INITIAL_DATA_ENTRY_COMPLETE.canBecome(DATA_ENTRY_COMPLETE));
    assertTrue(DOUBLE_DATA_ENTRY.canBecome(DATA_ENTRY_COMPLETE));
  }

  @Test
  public void theDocumentedTableIsTheCodesTable() throws Exception {
    Path doc = Path.of("..", "docs", "data-entry.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    for (EventCrfStatus from : values()) {
      String row = text.lines()
          .filter(l -> l.startsWith("| " + from.code() + " |"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no row for " + from.code() + " in " + doc));
      for (EventCrfStatus to : values()) {
        boolean documented =
            Arrays.stream(row.split("\\|")[2].split(",")).map(String::strip).anyMatch(to.code()::equals);
        assertEquals(from.code() + " -> " + to.code() + " in " + doc, from.canBecome(to), documented);
      }
    }
  }
}
