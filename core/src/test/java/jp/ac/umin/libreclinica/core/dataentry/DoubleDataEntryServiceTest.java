package jp.ac.umin.libreclinica.core.dataentry;

import static jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.typed;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * Double data entry through the services: the first pass completed by one user, the blind
 * second pass by another, the comparison item by item and row by row, each way of resolving a
 * mismatch with its audit records, and every refusal.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import(DataCaptureFixture.class)
public class DoubleDataEntryServiceTest {

  @Autowired private DataCaptureFixture fixture;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private CrfService crfs;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private DataEntryService entry;
  @Autowired private DoubleDataEntryService dde;
  @Autowired private AuditService audit;
  @Autowired private jp.ac.umin.libreclinica.core.casebook.SubjectAuditService subjectAudit;

  private SubjectFixtures.RunningStudy study;
  private String first;
  private String second;
  private String dm;
  private StudySubject subject;
  private StudyEvent screening;
  private CrfUploadOutcome vitals;
  private CrfUploadOutcome adverse;

  @Before
  public void aStudyWhoseScreeningCrfsAreEnteredTwice() {
    study = new SubjectFixtures(studies, definitions, roles, fixture.accounts()).runningStudy();
    dm = study.dataManager();
    first = study.investigatorB();
    var other = fixture.accounts().user();
    roles.assign(dm, other.id(), study.siteB().getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
    second = other.userName();
    vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", dm);
    adverse = crfs.commit(RealisticCrfs.adverseEvents(unique("AE"), "v1").xlsx(), "ae.xlsx", dm);
    CrfParameters twice = new CrfParameters(true, null, true, false, false, SdvRequirement.NOT_REQUIRED, List.of());
    definitions.attachCrf(study.screening().getId(), vitals.crfId(), twice, dm);
    definitions.attachCrf(study.screening().getId(), adverse.crfId(),
        new CrfParameters(false, null, true, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
    subject = subjects.add(study.siteB().getId(), SubjectFixtures.aSubject(unique("S").substring(0, 10)), null, false, first);
    screening = events.schedule(subject.getId(), study.screening().getId(),
        new EventInput(Instant.parse("2026-04-07T01:00:00Z"), null, null), first);
  }

  /** The vital signs CRF entered and completed by the first user. */
  private EventCrf firstPassOfVitals() {
    EventCrf e = entry.startForEvent(first, screening.getId(), vitals.crfVersionId());
    assertTrue(entry.save(first, e.getId(), typed("VSDAT", "2026-04-07", "HEIGHT", "170.5", "WEIGHT", "60",
        "SYSBP", "120", "SEX", "2", "COMMENT", "体調良好"), Map.of(), null).saved());
    assertEquals(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE, entry.markComplete(first, e.getId()).getStatus());
    return e;
  }

  private Map<ItemKey, Long> seenSecond(String actor, long id) {
    Map<ItemKey, Long> m = new HashMap<>();
    dde.secondValues(actor, id).forEach((k, v) -> m.put(k, v.getVersion()));
    return m;
  }

  private String firstValue(long id, String item) {
    ItemData d = entry.values(dm, id).get(ItemKey.of(item));
    return d == null ? null : d.getValue();
  }

  private static void refused(String key, ThrowingRunnable action) {
    MessageKeyException e = assertThrows(MessageKeyException.class, action);
    assertEquals(key, e.messageKey());
  }

  private List<AuditRecord> audited(String actor, String action, String entityType) {
    return audit.search(new AuditQuery(actor, action, entityType, null), PageRequest.of(0, 50)).getContent();
  }

  @Test
  public void aMatchingSecondPassCompletesTheCrfAndItsEvent() {
    EventCrf e = firstPassOfVitals();
    assertEquals(SubjectEventStatus.DATA_ENTRY_STARTED, events.get(screening.getId()).getStatus());
    assertTrue("the second pass starts blind", dde.secondValues(second, e.getId()).isEmpty());
    // typed differently, the same canonical values
    SecondEntryResult r = dde.save(second, e.getId(), typed("VSDAT", "2026/4/7", "HEIGHT", "170.5", "WEIGHT", "60",
        "SYSBP", "120", "SEX", "2", "COMMENT", "体調良好", "DIABP", ""), Map.of());
    assertTrue(r.toString(), r.saved());
    assertEquals(List.of(), r.mismatches());
    assertEquals(EventCrfStatus.DOUBLE_DATA_ENTRY, entry.get(dm, e.getId()).getStatus());
    EventCrf done = dde.complete(second, e.getId(), null);
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, done.getStatus());
    assertEquals(second, done.getCompletedBy());
    assertEquals(first, done.getInitialCompletedBy());
    // the adverse event CRF is not required: the event is complete
    assertEquals(SubjectEventStatus.COMPLETED, events.get(screening.getId()).getStatus());
    assertEquals("170.5", firstValue(e.getId(), "HEIGHT"));
    assertEquals(1, audited(first, "eventcrf.initialComplete", "EventCrf").size());
    assertEquals(1, audited(second, "eventcrf.secondEntryStart", "EventCrf").size());
    // six values; the empty DIABP against an empty first value stores nothing
    assertEquals(6, audited(second, "item.value.secondEntry", "SecondEntryValue").size());
    AuditRecord completion = audited(second, "eventcrf.complete", "EventCrf").get(0);
    assertEquals("double data entry", completion.oldValue());
    assertEquals("data entry complete", completion.newValue());
  }

  @Test
  public void mismatchesAreListedWithBothValuesAndResolvedEachWayWithAudit() {
    EventCrf e = firstPassOfVitals();
    String bmiBefore = firstValue(e.getId(), "BMI");
    SecondEntryResult r = dde.save(second, e.getId(), typed("VSDAT", "2026-04-07", "HEIGHT", "170.5", "WEIGHT", "65",
        "SYSBP", "121", "SEX", "2", "COMMENT", ""), Map.of());
    assertTrue(r.saved());
    Map<String, Mismatch> byItem =
        dde.mismatches(second, e.getId()).stream().collect(Collectors.toMap(m -> m.item().itemName(), m -> m));
    assertEquals(List.of("WEIGHT", "SYSBP", "COMMENT"),
        dde.mismatches(second, e.getId()).stream().map(m -> m.item().itemName()).toList());
    assertEquals("60", byItem.get("WEIGHT").first());
    assertEquals("65", byItem.get("WEIGHT").second());
    assertEquals("", byItem.get("COMMENT").second());
    assertEquals("the second pass never overwrites the first", "60", firstValue(e.getId(), "WEIGHT"));
    refused("dataentry.dde.mismatchesLeft", () -> dde.complete(second, e.getId(), null));

    Map<ItemKey, Long> seen = seenSecond(second, e.getId());
    // a corrected value is checked like any value, and then nothing is stored
    SecondEntryResult bad = dde.resolve(second, e.getId(),
        Map.of(ItemKey.of("SYSBP"), ItemResolution.corrected("abc"), ItemKey.of("WEIGHT"), ItemResolution.takeSecond()), seen);
    assertEquals(SaveResult.Outcome.INVALID, bad.outcome());
    assertEquals("dataentry.value.notInteger", bad.problems().get(ItemKey.of("SYSBP")).messageKey());
    assertEquals("60", firstValue(e.getId(), "WEIGHT"));

    SecondEntryResult done = dde.resolve(second, e.getId(), Map.of(
        ItemKey.of("WEIGHT"), ItemResolution.takeSecond(),
        ItemKey.of("SYSBP"), ItemResolution.corrected(" 122 "),
        ItemKey.of("COMMENT"), ItemResolution.keepFirst()), seen);
    assertTrue(done.toString(), done.saved());
    assertEquals(List.of(), done.mismatches());
    assertEquals("65", firstValue(e.getId(), "WEIGHT"));
    assertEquals("122", firstValue(e.getId(), "SYSBP"));
    assertEquals("体調良好", firstValue(e.getId(), "COMMENT"));
    assertTrue("BMI follows the reconciled weight", !bmiBefore.equals(firstValue(e.getId(), "BMI")));

    List<AuditRecord> firstPassChanges = audited(second, "item.value", "ItemData");
    AuditRecord weight = firstPassChanges.stream().filter(a -> "65".equals(a.newValue())).findFirst().orElseThrow();
    assertEquals("60", weight.oldValue());
    assertEquals("double data entry reconciliation", weight.reason());
    AuditRecord took = audited(second, "dde.takeSecond", "SecondEntryValue").get(0);
    assertEquals("65", took.newValue());
    assertEquals("double data entry reconciliation", took.reason());
    AuditRecord corrected = audited(second, "dde.corrected", "SecondEntryValue").get(0);
    assertEquals("first: 120 / second: 121", corrected.oldValue());
    assertEquals("122", corrected.newValue());
    AuditRecord kept = audited(second, "dde.keepFirst", "SecondEntryValue").get(0);
    assertEquals("体調良好", kept.newValue());
    assertEquals("double data entry reconciliation", kept.reason());

    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, dde.complete(second, e.getId(), null).getStatus());

    // the subject's audit log places the second pass and each resolution with its item
    List<jp.ac.umin.libreclinica.core.casebook.SubjectAuditLog.Line> lines =
        subjectAudit.log(dm, subject.getId()).events().stream()
            .flatMap(ev -> ev.crfs().stream()).flatMap(c -> c.lines().stream()).toList();
    assertTrue(lines.stream().anyMatch(l -> "dde.takeSecond".equals(l.record().action()) && "WEIGHT".equals(l.itemName())));
    assertTrue(lines.stream().anyMatch(l -> "item.value.secondEntry".equals(l.record().action()) && "SYSBP".equals(l.itemName())));
  }

  @Test
  public void theFirstUserIsRefusedTheSecondPassAndTheFirstPassIsClosed() {
    EventCrf e = firstPassOfVitals();
    refused("dataentry.dde.sameUser", () -> dde.secondValues(first, e.getId()));
    refused("dataentry.dde.sameUser", () -> dde.save(first, e.getId(), typed("HEIGHT", "170.5"), Map.of()));
    refused("dataentry.dde.firstPassClosed",
        () -> entry.save(first, e.getId(), typed("HEIGHT", "171"), Map.of(), null));
    refused("dataentry.dde.noSecondEntryYet", () -> dde.mismatches(second, e.getId()));
    refused("dataentry.dde.noSecondEntryYet", () -> dde.complete(second, e.getId(), null));
    assertEquals(false, dde.maySecondEnter(first, e.getId()));
    assertEquals(true, dde.maySecondEnter(second, e.getId()));
    assertEquals("170.5", firstValue(e.getId(), "HEIGHT"));
  }

  @Test
  public void theSecondPassWaitsForTheFirstToBeComplete() {
    EventCrf e = entry.startForEvent(first, screening.getId(), vitals.crfVersionId());
    refused("dataentry.dde.notInSecondEntry", () -> dde.save(second, e.getId(), typed("HEIGHT", "170"), Map.of()));
  }

  @Test
  public void onlyUsersWhoMayEnterDataAtTheSubjectsSiteDoTheSecondPass() {
    EventCrf e = firstPassOfVitals();
    assertThrows(PermissionDeniedException.class,
        () -> dde.save(study.crcA(), e.getId(), typed("HEIGHT", "170.5"), Map.of()));
    var monitor = fixture.accounts().user();
    roles.assign(dm, monitor.id(), study.siteB().getId(), Role.SITE_MONITOR);
    assertThrows(PermissionDeniedException.class,
        () -> dde.save(monitor.userName(), e.getId(), typed("HEIGHT", "170.5"), Map.of()));
    assertEquals(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE, entry.get(dm, e.getId()).getStatus());
  }

  @Test
  public void forgedItemsAndResolutionsOfMatchingItemsAreRefused() {
    EventCrf e = firstPassOfVitals();
    refused("dataentry.item.unknown", () -> dde.save(second, e.getId(), typed("AETERM", "x"), Map.of()));
    refused("dataentry.item.noSuchRow",
        () -> dde.save(second, e.getId(), Map.of(new ItemKey("HEIGHT", 2), "1"), Map.of()));
    assertTrue(dde.save(second, e.getId(), typed("HEIGHT", "170.5"), Map.of()).saved());
    refused("dataentry.dde.notAMismatch", () -> dde.resolve(second, e.getId(),
        Map.of(ItemKey.of("HEIGHT"), ItemResolution.keepFirst()), seenSecond(second, e.getId())));
    refused("dataentry.item.unknown", () -> dde.resolve(second, e.getId(),
        Map.of(ItemKey.of("AETERM"), ItemResolution.keepFirst()), Map.of()));
  }

  @Test
  public void aConcurrentSecondPassIsRefusedNamingTheItemsAndKeepsTheOther() {
    EventCrf e = firstPassOfVitals();
    var third = fixture.accounts().user();
    roles.assign(dm, third.id(), study.siteB().getId(), Role.INVESTIGATOR);
    // both opened the empty second-pass form
    assertTrue(dde.save(second, e.getId(), typed("HEIGHT", "170.5", "WEIGHT", "61"), Map.of()).saved());
    SecondEntryResult late = dde.save(third.userName(), e.getId(), typed("HEIGHT", "170", "WEIGHT", "60"), Map.of());
    assertEquals(SaveResult.Outcome.CONFLICT, late.outcome());
    assertEquals(List.of(ItemKey.of("HEIGHT"), ItemKey.of("WEIGHT")), late.changedMeanwhile());
    assertEquals("61", dde.secondValues(second, e.getId()).get(ItemKey.of("WEIGHT")).getValue());
    // resolving on a stale page is a conflict as well
    Map<ItemKey, Long> stale = seenSecond(second, e.getId());
    assertTrue(dde.resolve(second, e.getId(), Map.of(ItemKey.of("WEIGHT"), ItemResolution.keepFirst()), stale).saved());
    SecondEntryResult lateResolve = dde.resolve(third.userName(), e.getId(),
        Map.of(ItemKey.of("WEIGHT"), ItemResolution.takeSecond()), stale);
    assertEquals(SaveResult.Outcome.CONFLICT, lateResolve.outcome());
    assertEquals("60", firstValue(e.getId(), "WEIGHT"));
  }

  @Test
  public void repeatingGroupsAreComparedRowByRow() {
    EventCrf e = entry.startForEvent(first, screening.getId(), adverse.crfVersionId());
    Map<ItemKey, String> rows = new HashMap<>(typed("AEYN", "1"));
    rows.put(new ItemKey("AETERM", 1), "頭痛");
    rows.put(new ItemKey("AETERM", 2), "Nausea");
    rows.put(new ItemKey("AESEV", 2), "2");
    assertTrue(entry.save(first, e.getId(), rows, Map.of(), null).saved());
    entry.markComplete(first, e.getId());
    Map<ItemKey, String> again = new HashMap<>(typed("AEYN", "1"));
    again.put(new ItemKey("AETERM", 1), "頭痛");
    again.put(new ItemKey("AETERM", 2), "Vomiting");
    again.put(new ItemKey("AESEV", 2), "2");
    again.put(new ItemKey("AESEV", 3), "1");
    SecondEntryResult r = dde.save(second, e.getId(), again, Map.of());
    assertEquals(List.of(new Mismatch(new ItemKey("AETERM", 2), "Nausea", "Vomiting", r.mismatches().get(0).secondVersion()),
            new Mismatch(new ItemKey("AESEV", 3), "", "1", r.mismatches().get(1).secondVersion())),
        r.mismatches());
  }

  @Test
  public void theSitesOwnSettingDecidesWhetherACrfIsEnteredTwice() {
    long row = definitions.crfsOf(study.screening().getId()).stream()
        .filter(d -> d.getCrfId() == adverse.crfId()).findFirst().orElseThrow().getId();
    definitions.setSiteParameters(study.siteB().getId(), row,
        new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
    EventCrf e = entry.startForEvent(first, screening.getId(), adverse.crfVersionId());
    Map<ItemKey, String> rows = new HashMap<>(typed("AEYN", "0"));
    rows.put(new ItemKey("AETERM", 1), "なし");
    assertTrue(entry.save(first, e.getId(), rows, Map.of(), null).saved());
    assertEquals(false, entry.isDoubleDataEntry(entry.get(dm, e.getId())));
    assertEquals(EventCrfStatus.DATA_ENTRY_COMPLETE, entry.markComplete(first, e.getId()).getStatus());
  }

  @Test
  public void aLockedCrfOrARemovedSubjectRefusesTheSecondPass() {
    EventCrf e = firstPassOfVitals();
    entry.lock(dm, e.getId(), "review");
    refused("dataentry.locked.eventCrf", () -> dde.save(second, e.getId(), typed("HEIGHT", "170.5"), Map.of()));
    entry.unlock(dm, e.getId(), "review done");
    assertEquals(EventCrfStatus.INITIAL_DATA_ENTRY_COMPLETE, entry.get(dm, e.getId()).getStatus());
    subjects.remove(subject.getId(), "withdrew consent", dm);
    refused("dataentry.save.subjectRemoved", () -> dde.save(second, e.getId(), typed("HEIGHT", "170.5"), Map.of()));
    refused("dataentry.save.subjectRemoved", () -> dde.secondValues(second, e.getId()));
  }
}
