package jp.ac.umin.libreclinica.core.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import org.junit.Test;

public class AuditHashTest {

  private static AuditRecord record(String actor, String action, String oldValue, String newValue) {
    return new AuditRecord(
        7L,
        Instant.parse("2025-01-02T03:04:05.123456Z"),
        actor,
        action,
        "account",
        "42",
        null,
        oldValue,
        newValue,
        null,
        null,
        AuditHash.GENESIS,
        null);
  }

  @Test
  public void hashIsSha256HexAndStable() {
    String h = AuditHash.of(record("alice", "account.create", null, "x"));
    assertEquals(64, h.length());
    assertTrue(h.matches("[0-9a-f]{64}"));
    assertEquals(h, AuditHash.of(record("alice", "account.create", null, "x")));
  }

  @Test
  public void movingTextAcrossAFieldBoundaryChangesTheHash() {
    assertNotEquals(
        AuditHash.of(record("ab", "c", null, null)), AuditHash.of(record("a", "bc", null, null)));
  }

  @Test
  public void nullAndEmptyValuesHashDifferently() {
    assertNotEquals(
        AuditHash.of(record("alice", "x", null, "v")), AuditHash.of(record("alice", "x", "", "v")));
  }

  @Test
  public void everyFieldTakesPartInTheHash() {
    AuditRecord base = record("alice", "x", "o", "n");
    String h = AuditHash.of(base);
    AuditRecord[] variants = {
      new AuditRecord(8L, base.occurredAt(), "alice", "x", "account", "42", null, "o", "n", null,
          null, AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt().plusNanos(1000), "alice", "x", "account", "42", null,
          "o", "n", null, null, AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt(), "alice", "x", "user", "42", null, "o", "n", null,
          null, AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt(), "alice", "x", "account", "43", null, "o", "n", null,
          null, AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt(), "alice", "x", "account", "42", 1L, "o", "n", null,
          null, AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt(), "alice", "x", "account", "42", null, "o", "n", "r",
          null, AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt(), "alice", "x", "account", "42", null, "o", "n", null,
          "10.0.0.1", AuditHash.GENESIS, null),
      new AuditRecord(7L, base.occurredAt(), "alice", "x", "account", "42", null, "o", "n", null,
          null, "1".repeat(64), null)
    };
    for (AuditRecord v : variants) {
      assertNotEquals(v.toString(), h, AuditHash.of(v));
    }
  }

  @Test
  public void cleaningKeepsNonBmpCharactersAndReplacesNul() {
    assertEquals("𠮷田", AuditService.clean("𠮷田", 255));
    assertEquals("a\uFFFDb", AuditService.clean("a\0b", 255));
    assertEquals("𠮷𠮷", AuditService.clean("𠮷𠮷𠮷", 2));
  }
}
