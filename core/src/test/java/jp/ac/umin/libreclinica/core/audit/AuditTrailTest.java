package jp.ac.umin.libreclinica.core.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = {CoreTestApplication.class, AuditTrailTest.ActorConfig.class})
public class AuditTrailTest {

  static final AtomicReference<String> SIGNED_IN = new AtomicReference<>();

  @TestConfiguration
  static class ActorConfig {
    @Bean
    AuditActorProvider testActorProvider() {
      return new AuditActorProvider() {
        @Override
        public Optional<String> currentActor() {
          return Optional.ofNullable(SIGNED_IN.get());
        }

        @Override
        public Optional<String> currentClientAddress() {
          return SIGNED_IN.get() == null ? Optional.empty() : Optional.of("192.0.2.7");
        }
      };
    }
  }

  @Autowired AuditService audit;
  @Autowired AuditChainVerifier verifier;
  @Autowired TransactionTemplate tx;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @After
  public void signOut() {
    SIGNED_IN.set(null);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private AuditRecord only(AuditQuery query) {
    Page<AuditRecord> page = audit.search(query, PageRequest.of(0, 10));
    assertEquals(1, page.getTotalElements());
    return page.getContent().get(0);
  }

  private AuditRecord recordOne(String entityId, AuditEvent event) {
    tx.executeWithoutResult(s -> audit.record(event));
    return only(new AuditQuery(null, null, "test", entityId));
  }

  @Test
  public void storesEveryFieldOfTheEventAndChainsItToThePreviousRecord() {
    String id1 = unique("e");
    String id2 = unique("e");
    AuditRecord first =
        recordOne(id1, AuditEvent.of("test.create", "test", id1).withNewValue("n1").withActor("ann"));
    AuditRecord second =
        recordOne(
            id2,
            AuditEvent.of("test.update", "test", id2)
                .withOldValue("old")
                .withNewValue("new")
                .withReason("typo")
                .withStudyId(12L)
                .withClientAddress("198.51.100.1")
                .withActor("bob"));
    assertEquals("bob", second.actor());
    assertEquals("test.update", second.action());
    assertEquals("old", second.oldValue());
    assertEquals("new", second.newValue());
    assertEquals("typo", second.reason());
    assertEquals(Long.valueOf(12L), second.studyId());
    assertEquals("198.51.100.1", second.clientAddress());
    assertNotNull(second.occurredAt());
    assertTrue(second.id() > first.id());
    assertEquals(second.computeHash(), second.hash());
    // another test may append in between only in another JVM; here the chain is ours
    AuditRecord beforeSecond =
        jdbc.queryForObject(
            "SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1",
            AuditChainVerifier.ROW_MAPPER,
            second.id());
    assertEquals(beforeSecond.hash(), second.previousHash());
    assertTrue(verifier.verify().intact());
  }

  @Test
  public void aBatchOfEventsIsChainedInOrderAsRecordsOneByOneWouldBe() {
    String batch = unique("b");
    String after = unique("e");
    tx.executeWithoutResult(s -> audit.recordAll(java.util.List.of(
        AuditEvent.of("test.batch", "test", batch).withActor("ann").withOldValue("1").withNewValue("2")
            .withStudyId(7L).withReason("理由 𠮷"),
        AuditEvent.of("test.batch", "test", batch).withActor("ann").withNewValue("3"),
        AuditEvent.of("test.batch", "test", batch).withActor("ann").withNewValue("4")
            .withContext(new AuditContext(424242L, 5L, 6L, 7L, 8L, 2)))));
    AuditRecord next = recordOne(after, AuditEvent.of("test.after", "test", after).withActor("ann"));
    java.util.List<AuditRecord> records = jdbc.query(
        "SELECT * FROM audit_log WHERE entity_type = 'test' AND entity_id = ? ORDER BY id",
        AuditChainVerifier.ROW_MAPPER, batch);
    assertEquals(3, records.size());
    assertEquals("2", records.get(0).newValue());
    assertEquals("理由 𠮷", records.get(0).reason());
    assertEquals(Long.valueOf(7L), records.get(0).studyId());
    assertEquals("4", records.get(2).newValue());
    for (int i = 0; i < 3; i++) {
      assertEquals(records.get(i).computeHash(), records.get(i).hash());
    }
    assertEquals(records.get(0).hash(), records.get(1).previousHash());
    assertEquals(records.get(1).hash(), records.get(2).previousHash());
    assertEquals(records.get(2).hash(), next.previousHash());
    assertEquals(Integer.valueOf(2), jdbc.queryForObject(
        "SELECT item_ordinal FROM audit_log_context WHERE audit_id = ?", Integer.class, records.get(2).id()));
    assertTrue(verifier.verify().intact());
  }

  @Test
  public void actorIsTheExplicitOneElseTheSignedInUserElseSystem() {
    String a = unique("e");
    String b = unique("e");
    String c = unique("e");
    assertEquals("system", recordOne(a, AuditEvent.of("test.x", "test", a)).actor());
    assertNull(only(new AuditQuery(null, null, "test", a)).clientAddress());
    SIGNED_IN.set("carol");
    AuditRecord signedIn = recordOne(b, AuditEvent.of("test.x", "test", b));
    assertEquals("carol", signedIn.actor());
    assertEquals("192.0.2.7", signedIn.clientAddress());
    assertEquals("dave", recordOne(c, AuditEvent.of("test.x", "test", c).withActor("dave")).actor());
  }

  @Test
  public void recordRefusesToRunWithoutTheCallersTransaction() {
    String id = unique("e");
    assertThrows(
        IllegalTransactionStateException.class,
        () -> audit.record(AuditEvent.of("test.x", "test", id)));
    assertEquals(0, audit.search(new AuditQuery(null, null, "test", id), PageRequest.of(0, 1))
        .getTotalElements());
  }

  @Test
  public void recordRollsBackWithTheCallersTransaction() {
    String id = unique("e");
    tx.executeWithoutResult(
        s -> {
          audit.record(AuditEvent.of("test.x", "test", id));
          s.setRollbackOnly();
        });
    assertEquals(0, audit.search(new AuditQuery(null, null, "test", id), PageRequest.of(0, 1))
        .getTotalElements());
  }

  @Test
  public void recordIndependentlyStaysWhenTheCallerRollsBack() {
    String id = unique("e");
    tx.executeWithoutResult(
        s -> {
          audit.recordIndependently(AuditEvent.of("login.failure", "test", id).withActor("eve"));
          s.setRollbackOnly();
        });
    assertEquals("eve", only(new AuditQuery(null, null, "test", id)).actor());
    // and it needs no transaction of the caller's
    String id2 = unique("e");
    audit.recordIndependently(AuditEvent.of("login.failure", "test", id2));
    only(new AuditQuery(null, null, "test", id2));
  }

  @Test
  public void recordIndependentlyAfterRecordingInTheOuterTransactionFailsInsteadOfHanging() {
    String id = unique("e");
    assertThrows(
        IllegalStateException.class,
        () ->
            tx.executeWithoutResult(
                s -> {
                  audit.record(AuditEvent.of("test.x", "test", id));
                  audit.recordIndependently(AuditEvent.of("test.y", "test", id));
                }));
    // the lock bookkeeping is released with the transaction: the thread can record again
    String id2 = unique("e");
    audit.recordIndependently(AuditEvent.of("test.z", "test", id2));
    only(new AuditQuery(null, null, "test", id2));
  }

  @Test
  public void hostileAndNonBmpTextIsStoredAsGivenAndKeepsTheChainIntact() {
    String id = unique("e");
    String hostile = "<script>alert(1)</script>'; DROP TABLE audit_log; -- 𠮷野家";
    AuditRecord r =
        recordOne(
            id,
            AuditEvent.of("test.x", "test", id)
                .withOldValue(hostile)
                .withNewValue("nul\0byte")
                .withActor("𠮷".repeat(300)));
    assertEquals(hostile, r.oldValue());
    assertEquals("nul\uFFFDbyte", r.newValue());
    assertEquals("𠮷".repeat(255), r.actor());
    assertTrue(verifier.verify().intact());
  }

  @Test
  public void searchFiltersAndListsNewestFirst() {
    String actor = unique("frank");
    for (int i = 0; i < 5; i++) {
      String id = "s" + i;
      tx.executeWithoutResult(
          s -> audit.record(AuditEvent.of("test.search", "test", id).withActor(actor)));
    }
    tx.executeWithoutResult(
        s -> audit.record(AuditEvent.of("test.other", "test", "s9").withActor(actor)));
    Page<AuditRecord> page =
        audit.search(new AuditQuery(actor, "test.search", null, null), PageRequest.of(0, 2));
    assertEquals(5, page.getTotalElements());
    assertEquals(3, page.getTotalPages());
    assertEquals("s4", page.getContent().get(0).entityId());
    assertEquals("s3", page.getContent().get(1).entityId());
    Page<AuditRecord> last =
        audit.search(new AuditQuery(actor, "test.search", null, null), PageRequest.of(2, 2));
    assertEquals("s0", last.getContent().get(0).entityId());
    assertEquals(6, audit.search(new AuditQuery(actor, null, "test", null), PageRequest.of(0, 10))
        .getTotalElements());
  }

  @Test
  public void databaseRefusesUpdateDeleteAndTruncate() throws SQLException {
    String id = unique("e");
    long recordId = recordOne(id, AuditEvent.of("test.x", "test", id)).id();
    String[] statements = {
      "UPDATE audit_log SET new_value = 'forged' WHERE id = " + recordId,
      "UPDATE audit_log SET new_value = 'forged' WHERE false",
      "DELETE FROM audit_log WHERE id = " + recordId,
      "TRUNCATE audit_log"
    };
    for (String sql : statements) {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        st.execute(sql);
        fail("the database accepted: " + sql);
      } catch (SQLException e) {
        assertTrue(e.getMessage(), e.getMessage().contains("append-only"));
      }
    }
    assertEquals(null, only(new AuditQuery(null, null, "test", id)).newValue());
  }

  @Test
  public void verifierNamesTheTamperedRecordByHashMismatch() {
    String id = unique("e");
    tx.executeWithoutResult(s -> audit.record(AuditEvent.of("test.x", "test", id + "-a")));
    AuditRecord victim = recordOne(id, AuditEvent.of("test.x", "test", id).withNewValue("true"));
    tx.executeWithoutResult(s -> audit.record(AuditEvent.of("test.x", "test", id + "-b")));
    assertTrue(verifier.verify().intact());
    tamper("UPDATE audit_log SET new_value = 'false' WHERE id = " + victim.id());
    try {
      AuditVerification v = verifier.verify();
      assertFalse(v.intact());
      assertEquals(Long.valueOf(victim.id()), v.brokenRecordId());
      assertEquals(AuditVerification.Problem.HASH_MISMATCH, v.problem());
      assertEquals(victim.hash(), v.found());
      assertEquals("audit.verify.hashMismatch", v.messageKey());
      assertEquals(String.valueOf(victim.id()), v.messageArgs()[0]);
    } finally {
      tamper("UPDATE audit_log SET new_value = 'true' WHERE id = " + victim.id());
    }
    assertTrue(verifier.verify().intact());
  }

  @Test
  public void verifierNamesTheRecordAfterARehashedOneByBrokenLink() {
    String id = unique("e");
    AuditRecord victim = recordOne(id, AuditEvent.of("test.x", "test", id).withNewValue("1"));
    AuditRecord next = recordOne(id + "-n", AuditEvent.of("test.x", "test", id + "-n"));
    AuditRecord forged =
        new AuditRecord(victim.id(), victim.occurredAt(), victim.actor(), victim.action(),
            victim.entityType(), victim.entityId(), victim.studyId(), victim.oldValue(), "2",
            victim.reason(), victim.clientAddress(), victim.previousHash(), null);
    tamper("UPDATE audit_log SET new_value = '2', hash = '" + forged.computeHash()
        + "' WHERE id = " + victim.id());
    try {
      AuditVerification v = verifier.verify();
      assertEquals(Long.valueOf(next.id()), v.brokenRecordId());
      assertEquals(AuditVerification.Problem.BROKEN_LINK, v.problem());
      assertEquals(Long.valueOf(victim.id()), v.previousRecordId());
    } finally {
      tamper("UPDATE audit_log SET new_value = '1', hash = '" + victim.hash()
          + "' WHERE id = " + victim.id());
    }
    assertTrue(verifier.verify().intact());
  }

  @Test
  public void verifyChainRecordsWhoVerified() {
    SIGNED_IN.set(unique("grace"));
    AuditVerification v = audit.verifyChain();
    assertTrue(v.intact());
    assertTrue(v.recordsChecked() > 0);
    AuditRecord r = only(new AuditQuery(SIGNED_IN.get(), "audit.verify", null, null));
    assertTrue(r.newValue().startsWith("intact"));
  }

  @Test
  public void concurrentWritersDoNotForkTheChain() throws Exception {
    String actor = unique("writer");
    int threads = 6;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    if (i % 3 == 0) {
                      audit.recordIndependently(
                          AuditEvent.of("test.concurrent", "test", id).withActor(actor));
                    } else {
                      tx.executeWithoutResult(
                          s -> audit.record(
                              AuditEvent.of("test.concurrent", "test", id).withActor(actor)));
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Page<AuditRecord> all =
        audit.search(new AuditQuery(actor, null, null, null), PageRequest.of(0, 1000));
    assertEquals(threads * perThread, all.getTotalElements());
    Set<String> previous = new HashSet<>();
    for (AuditRecord r : all) {
      assertTrue("two records follow " + r.previousHash(), previous.add(r.previousHash()));
    }
    AuditVerification v = verifier.verify();
    assertTrue(String.valueOf(v), v.intact());
  }

  /** As a superuser would: switch the append-only trigger off, change, switch it on again. */
  private void tamper(String sql) {
    tx.executeWithoutResult(
        s -> {
          jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
          jdbc.execute(sql);
          jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
        });
  }
}
