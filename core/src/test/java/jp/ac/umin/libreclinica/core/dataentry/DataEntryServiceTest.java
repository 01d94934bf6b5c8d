package jp.ac.umin.libreclinica.core.dataentry;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class DataEntryServiceTest {

  @Autowired private DataEntryService entry;
  @Autowired private StudyService studies;
  @Autowired private CrfService crfs;
  @Autowired private AuditService audit;
  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private String dm;
  private Study study;
  private CrfUploadOutcome vitals;

  @Before
  public void anAvailableStudyWithAVitalSignsCrf() {
    dm = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).businessAdmin().userName();
    study = studies.createStudy(aStudy(unique("DE"), "data entry"), dm);
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", dm);
  }

  private EventCrf started() {
    return entry.start(dm, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), study.getId(), vitals.crfVersionId());
  }

  private static Map<ItemKey, String> typed(String... namesAndValues) {
    Map<ItemKey, String> m = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(ItemKey.of(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return m;
  }

  private Map<ItemKey, Long> seen(long eventCrfId) {
    Map<ItemKey, Long> m = new HashMap<>();
    entry.values(dm, eventCrfId).forEach((k, v) -> m.put(k, v.getVersion()));
    return m;
  }

  private String stored(long eventCrfId, String item) {
    ItemData d = entry.values(dm, eventCrfId).get(ItemKey.of(item));
    return d == null ? null : d.getValue();
  }

  @Test
  public void storesCanonicalValuesAndAuditsEachChange() {
    EventCrf e = started();
    SaveResult r = entry.save(dm, e.getId(), typed("VSDAT", "2026/4/7", "HEIGHT", "170.5", "SEX", "2"), Map.of(), null);
    assertTrue(r.toString(), r.saved());
    assertEquals(3, r.changed());
    assertEquals("2026-04-07", stored(e.getId(), "VSDAT"));
    assertEquals("170.5", stored(e.getId(), "HEIGHT"));
    r = entry.save(dm, e.getId(), typed("HEIGHT", "171"), seen(e.getId()), null);
    assertTrue(r.saved());
    List<AuditRecord> records =
        audit.search(new AuditQuery(dm, "item.value", "ItemData", null), PageRequest.of(0, 20)).getContent();
    AuditRecord last = records.get(0);
    assertEquals("170.5", last.oldValue());
    assertEquals("171", last.newValue());
  }

  @Test
  public void invalidValuesAreNamedAndNothingIsStored() {
    EventCrf e = started();
    SaveResult r = entry.save(dm, e.getId(), typed("HEIGHT", "abc", "WEIGHT", "60", "SYSBP", "1e3"), Map.of(), null);
    assertEquals(SaveResult.Outcome.INVALID, r.outcome());
    assertEquals("dataentry.value.notNumber", r.problems().get(ItemKey.of("HEIGHT")).messageKey());
    assertEquals("dataentry.value.notInteger", r.problems().get(ItemKey.of("SYSBP")).messageKey());
    assertEquals(null, stored(e.getId(), "WEIGHT"));
    r = entry.save(dm, e.getId(), typed("HEIGHT", "300"), Map.of(), null);
    assertEquals("Height must be between 50 and 250 cm", r.problems().get(ItemKey.of("HEIGHT")).authorMessage());
  }

  @Test
  public void aSaveBasedOnValuesChangedMeanwhileIsRefusedNamingThem() {
    EventCrf e = started();
    Map<ItemKey, Long> firstLook = seen(e.getId());
    assertTrue(entry.save(dm, e.getId(), typed("HEIGHT", "170"), firstLook, null).saved());
    SaveResult second = entry.save(dm, e.getId(), typed("WEIGHT", "60"), firstLook, null);
    assertEquals(SaveResult.Outcome.CONFLICT, second.outcome());
    assertEquals(List.of(ItemKey.of("HEIGHT")), second.changedMeanwhile());
    assertEquals(null, stored(e.getId(), "WEIGHT"));
    assertEquals("170", stored(e.getId(), "HEIGHT"));
  }

  @Test
  public void forgedItemsAndRowsAreRefused() {
    EventCrf e = started();
    expect("dataentry.item.unknown", () -> entry.save(dm, e.getId(), typed("NOT_AN_ITEM", "1"), Map.of(), null));
    expect("dataentry.item.noSuchRow",
        () -> entry.save(dm, e.getId(), Map.of(new ItemKey("HEIGHT", 2), "1"), Map.of(), null));
  }

  @Test
  public void completionNeedsRequiredItemsAndLaterChangesNeedAReason() {
    EventCrf e = started();
    expect("dataentry.complete.requiredMissing", () -> entry.markComplete(dm, e.getId()));
    assertTrue(entry.save(dm, e.getId(), typed("VSDAT", "2026-04-07"), Map.of(), null).saved());
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, entry.markComplete(dm, e.getId()).getStatus());
    expect("dataentry.save.reasonRequired",
        () -> entry.save(dm, e.getId(), typed("VSDAT", "2026-04-08"), seen(e.getId()), " "));
    assertEquals("2026-04-07", stored(e.getId(), "VSDAT"));
    assertTrue(entry.save(dm, e.getId(), typed("VSDAT", "2026-04-08"), seen(e.getId()), "transcription error").saved());
    assertEquals("2026-04-08", stored(e.getId(), "VSDAT"));
  }

  /** Upstream OC-8255: data for another version of a started CRF created a second event CRF. */
  @Test
  public void oc3472_anotherVersionOfAStartedCrfIsRefusedInTheSameEvent() {
    String name = unique("VS2");
    CrfUploadOutcome v1 = crfs.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "vs.xlsx", dm);
    CrfUploadOutcome v2 = crfs.commit(RealisticCrfs.vitalSigns(name, "v2").xlsx(), "vs.xlsx", dm);
    long event = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    EventCrf first = entry.start(dm, event, study.getId(), v1.crfVersionId());
    assertEquals(first.getId(), entry.start(dm, event, study.getId(), v1.crfVersionId()).getId());
    expect("dataentry.start.otherVersion", () -> entry.start(dm, event, study.getId(), v2.crfVersionId()));
    assertEquals(1, jdbc.queryForObject("select count(*) from event_crf where study_event_id = ?", Integer.class, event).intValue());
  }

  @Test
  public void aUserWithoutARoleCannotEnterData() {
    EventCrf e = started();
    String stranger = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).user().userName();
    try {
      entry.save(stranger, e.getId(), typed("HEIGHT", "170"), Map.of(), null);
      fail("a user without a role entered data");
    } catch (PermissionDeniedException expected) {
      assertFalse(entry.values(dm, e.getId()).containsKey(ItemKey.of("HEIGHT")));
    }
  }

  @Test
  public void bmiIsComputedOnSaveAuditedAndAForgedValueIsIgnored() {
    EventCrf e = started();
    SaveResult r = entry.save(dm, e.getId(), typed("WEIGHT", "70", "HEIGHT", "175", "BMI", "99"), Map.of(), null);
    assertTrue(r.toString(), r.saved());
    assertEquals("22.9", stored(e.getId(), "BMI"));
    r = entry.save(dm, e.getId(), typed("WEIGHT", "80"), seen(e.getId()), null);
    assertTrue(r.toString(), r.saved());
    assertEquals("26.1", stored(e.getId(), "BMI"));
    List<AuditRecord> records =
        audit.search(new AuditQuery(dm, "item.value", "ItemData", null), PageRequest.of(0, 50)).getContent();
    assertTrue(records.stream().anyMatch(a -> "22.9".equals(a.oldValue()) && "26.1".equals(a.newValue())));
    r = entry.save(dm, e.getId(), typed("HEIGHT", ""), seen(e.getId()), null);
    assertTrue(r.toString(), r.saved());
    assertEquals("", stored(e.getId(), "BMI"));
  }

  @Test
  public void groupCalculationSumsTheRowsOfARepeatingGroup() {
    CrfUploadOutcome ae = crfs.commit(RealisticCrfs.adverseEvents(unique("AE"), "v1").xlsx(), "ae.xlsx", dm);
    EventCrf e = entry.start(dm, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), study.getId(), ae.crfVersionId());
    Map<ItemKey, String> t = new HashMap<>();
    t.put(ItemKey.of("AEYN"), "1");
    t.put(new ItemKey("AESEV", 1), "1");
    t.put(new ItemKey("AESEV", 2), "3");
    t.put(new ItemKey("AETERM", 3), "Headache");
    t.put(ItemKey.of("AECOUNT"), "1000");
    SaveResult r = entry.save(dm, e.getId(), t, Map.of(), null);
    assertTrue(r.toString(), r.saved());
    assertEquals("4", stored(e.getId(), "AECOUNT"));
  }

  private static void expect(String key, Runnable action) {
    try {
      action.run();
      fail("expected " + key);
    } catch (DataEntryException e) {
      assertEquals(key, e.messageKey());
    }
  }
}
