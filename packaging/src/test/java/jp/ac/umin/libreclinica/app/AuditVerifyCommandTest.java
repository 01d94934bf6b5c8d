package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import jp.ac.umin.libreclinica.command.AuditVerifyCommand;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code audit-verify} against the database of a running application (the same shared test
 * database): exit codes and the named record.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = LibreClinicaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class AuditVerifyCommandTest {

  @Autowired AuditService audit;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int runCommand(Locale locale) {
    out.reset();
    err.reset();
    return AuditVerifyCommand.run(
        new String[] {"audit-verify"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        locale);
  }

  @Test
  public void recognisesItsArgumentOnly() {
    assertTrue(AuditVerifyCommand.isRequested(new String[] {"audit-verify"}));
    assertTrue(AuditVerifyCommand.isRequested(new String[] {"--lc.home=/x", "audit-verify"}));
    assertFalse(AuditVerifyCommand.isRequested(new String[] {"--server.port=8080"}));
    assertFalse(AuditVerifyCommand.isRequested(new String[] {}));
    assertFalse(AuditVerifyCommand.isRequested(new String[] {"serve", "audit-verify"}));
  }

  @Test
  public void exitsWithZeroOnAnIntactChainAndOneNamingTheTamperedRecord() {
    String actor = "cli-" + UUID.randomUUID();
    tx.executeWithoutResult(
        s -> audit.record(AuditEvent.of("test.cli", "test", "1").withActor(actor)
            .withNewValue("genuine")));
    long id = audit.search(new AuditQuery(actor, null, null, null), PageRequest.of(0, 1))
        .getContent().get(0).id();

    assertEquals(err.toString(StandardCharsets.UTF_8), 0, runCommand(Locale.ENGLISH));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("The audit trail is intact"));

    tamper("UPDATE audit_log SET new_value = 'forged' WHERE id = " + id);
    try {
      assertEquals(1, runCommand(Locale.ENGLISH));
      assertTrue(
          err.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8).contains("Audit record " + id + " has been altered"));
      assertEquals(1, runCommand(Locale.JAPANESE));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("監査ログ " + id + " 番が改ざんされています"));
    } finally {
      tamper("UPDATE audit_log SET new_value = 'genuine' WHERE id = " + id);
    }
    assertEquals(0, runCommand(Locale.ENGLISH));
  }

  @Test
  public void exitsWithTwoWhenTheDatabaseCannotBeReached() {
    out.reset();
    err.reset();
    int code =
        AuditVerifyCommand.run(
            new String[] {"audit-verify", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--spring.datasource.hikari.initialization-fail-timeout=1",
                "--spring.datasource.hikari.connection-timeout=250"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Locale.ENGLISH);
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Could not verify the audit trail"));
  }

  private void tamper(String sql) {
    tx.executeWithoutResult(
        s -> {
          jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
          jdbc.execute(sql);
          jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
        });
  }
}
