package jp.ac.umin.libreclinica.app;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import jp.ac.umin.libreclinica.command.DemoDataCommand;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * {@code demo-data} against the shared test database (the application started first, so the
 * schema and the initial administrator exist): what it generates, the second run with the same
 * name, bad arguments.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = LibreClinicaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class DemoDataCommandTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccountRepository accounts;
  @Autowired PasswordHistoryRepository history;
  @Autowired PasswordEncoder encoder;

  private String admin;

  @Before
  public void aBusinessAdministrator() {
    admin = new AccountFixtures(accounts, history, encoder, jdbc).businessAdmin().userName();
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int runCommand(String... args) {
    out.reset();
    err.reset();
    boolean named = java.util.Arrays.asList(args).contains("--as");
    String[] all = named ? args : java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--as", admin))
        .toArray(String[]::new);
    return DemoDataCommand.run(all,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Locale.ENGLISH);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String uniqueName() {
    return "DEMO-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  private static final String SUBJECTS = "select count(*) from study_subject ss join study p on p.id = ss.parent_study_id"
      + " where p.protocol_id = ?";
  private static final String EVENTS = "select count(*) from study_event e join study_subject ss on ss.id = e.study_subject_id"
      + " join study p on p.id = ss.parent_study_id where p.protocol_id = ?";
  private static final String EVENT_CRFS = "select count(*) from event_crf c join study_event e on e.id = c.study_event_id"
      + " join study_subject ss on ss.id = e.study_subject_id join study p on p.id = ss.parent_study_id"
      + " where p.protocol_id = ? and c.status = ?";
  private static final String VALUES = "select count(*) from item_data d join event_crf c on c.id = d.event_crf_id"
      + " join study_event e on e.id = c.study_event_id join study_subject ss on ss.id = e.study_subject_id"
      + " join study p on p.id = ss.parent_study_id where p.protocol_id = ? and d.value <> ''";

  @Test
  public void generatesSubjectsEventsAndCrfsThroughTheServicesWithAnAuditedValueEach() {
    String name = uniqueName();
    int code = runCommand("demo-data", "--subjects", "3", "--events", "2", "--crfs", "2", "--sites", "2", "--study-name", name);
    assertEquals(err(), 0, code);
    assertEquals(2, count("select count(*) from study s join study p on p.id = s.parent_id where p.protocol_id = ?", name));
    assertEquals(3, count(SUBJECTS, name));
    assertEquals(6, count(EVENTS, name));
    // the last visit of every third subject stays in data entry: subject 3, 2 CRFs
    assertEquals(10, count(EVENT_CRFS, name, "DATA_ENTRY_COMPLETE"));
    assertEquals(2, count(EVENT_CRFS, name, "INITIAL_DATA_ENTRY"));
    long values = count(VALUES, name);
    assertTrue("about 15 values per CRF, was " + values, values >= 12 * 10);
    long audited = count("select count(*) from audit_log a where a.action = 'item.value' and a.entity_type = 'ItemData'"
        + " and a.entity_id in (select d.id::text from item_data d join event_crf c on c.id = d.event_crf_id"
        + " join study_event e on e.id = c.study_event_id join study_subject ss on ss.id = e.study_subject_id"
        + " join study p on p.id = ss.parent_study_id where p.protocol_id = ?)", name);
    assertTrue("every value audited: " + audited + " of " + values, audited >= values);
    assertTrue("Japanese text with a non-BMP character is stored",
        count("select count(*) from item_data d join item i on i.id = d.item_id where i.name = 'COMMENT'") > 0);
    String printed = out();
    assertTrue(printed, printed.contains("3 of 3 subjects"));
    assertTrue(printed, printed.contains("3 subjects, 6 events, 12 event CRFs, " + values + " item values"));
    assertTrue(printed, printed.contains("Generated study " + name + " ("));

    assertEquals(1, runCommand("demo-data", "--subjects", "1", "--events", "1", "--crfs", "1", "--study-name", name));
    assertTrue(err(), err().contains("A study with the protocol ID \"" + name + "\" already exists"));
    assertEquals("nothing more generated", 3, count(SUBJECTS, name));
  }

  @Test
  public void theFastPathWritesTheSameShapeOfData() {
    String name = uniqueName();
    int code = runCommand("demo-data", "--subjects", "4", "--events", "3", "--crfs", "1", "--study-name", name, "--fast");
    assertEquals(err(), 0, code);
    assertTrue(out(), out().contains("Fast mode"));
    assertEquals(4, count(SUBJECTS, name));
    assertEquals(12, count(EVENTS, name));
    assertEquals(11, count(EVENT_CRFS, name, "DATA_ENTRY_COMPLETE"));
    assertEquals(1, count(EVENT_CRFS, name, "INITIAL_DATA_ENTRY"));
    assertTrue(count(VALUES, name) >= 12 * 10);
    assertEquals("BMI computed for every CRF", 12, count(VALUES.replace("d.value <> ''",
        "d.value <> '' and d.item_id in (select id from item where name = 'BMI')"), name));
    assertEquals("one audit record per subject", 4, count("select count(*) from audit_log where action = 'demo.data.generated'"
        + " and entity_id in (select ss.id::text from study_subject ss join study p on p.id = ss.parent_study_id"
        + " where p.protocol_id = ?)", name));
  }

  @Test
  public void wrongArgumentsGetTheUsageInEnglishAndChangeNothing() {
    assertEquals(1, runCommand("demo-data", "--subjects", "ten", "--events", "1", "--crfs", "1"));
    assertTrue(err(), err().contains("The option --subjects needs a whole number, not \"ten\"."));
    assertTrue(err(), err().contains("Usage: java -jar umin-libreclinica.war demo-data"));
    assertEquals(1, runCommand("demo-data", "--events", "1", "--crfs", "1"));
    assertTrue(err(), err().contains("The option --subjects is required."));
    assertEquals(1, runCommand("demo-data", "--subjects", "1", "--events", "1", "--crfs", "1", "--colour", "red"));
    assertTrue(err(), err().contains("Unknown argument \"--colour\"."));
    String name = uniqueName();
    assertEquals(1, runCommand("demo-data", "--subjects", "0", "--events", "1", "--crfs", "1", "--study-name", name));
    assertTrue(err(), err().contains("The option --subjects must be between 1 and 100,000 (was 0)."));
    assertEquals(1, runCommand("demo-data", "--subjects", "1", "--events", "1", "--crfs", "1", "--study-name", "<x>"));
    assertTrue(err(), err().contains("The study name \"<x>\" cannot be used"));
    assertEquals(1, runCommand("demo-data", "--subjects", "1", "--events", "1", "--crfs", "1", "--study-name", name,
        "--as", "nobody-" + name));
    assertTrue(err(), err().contains("There is no account \"nobody-" + name + "\""));
    String withoutRole = new AccountFixtures(accounts, history, encoder, jdbc).user().userName();
    assertEquals(2, runCommand("demo-data", "--subjects", "1", "--events", "1", "--crfs", "1", "--study-name", name,
        "--as", withoutRole));
    assertTrue(err(), err().contains("Could not generate the demo data: You do not have the permission for this."));
    assertEquals(0, count("select count(*) from study where protocol_id = ?", name));
    assertFalse(DemoDataCommand.isRequested(new String[] {"audit-verify"}));
    assertTrue(DemoDataCommand.isRequested(new String[] {"--lc.home=/x", "demo-data", "--subjects", "1"}));
  }
}
