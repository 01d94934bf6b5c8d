package jp.ac.umin.libreclinica.core.sdv;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfRepository;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.discrepancy.NotesFixture;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
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
public class SdvServiceTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private EventCrfRepository eventCrfs;
  @Autowired private SdvService sdv;
  @Autowired private AuditService audit;

  private NotesFixture f;

  @Before
  public void completedCrfsAtBothSites() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
    complete(f.r.crcA(), f.crfA);
    complete(f.r.investigatorB(), f.crfB);
  }

  private void complete(String who, EventCrf e) {
    assertTrue(entry.save(who, e.getId(), Map.of(ItemKey.of("VSDAT"), "2026-04-07"), Map.of(), null).saved());
    entry.markComplete(who, e.getId());
  }

  private boolean verified(EventCrf e) {
    return eventCrfs.findById(e.getId()).orElseThrow().isSdvVerified();
  }

  /** OC PRs #376/#377: the audit trail named the wrong user for SDV and un-SDV. */
  @Test
  public void oc376_verifyAndUndoAreAuditedWithTheMonitorWhoDidThem() {
    assertEquals(1, sdv.verify(f.siteMonitorA, List.of(f.crfA.getId())));
    assertTrue(verified(f.crfA));
    assertEquals(f.siteMonitorA, eventCrfs.findById(f.crfA.getId()).orElseThrow().getSdvBy());
    assertEquals(1, sdv.unverify(f.siteMonitorA, List.of(f.crfA.getId())));
    assertFalse(verified(f.crfA));
    List<AuditRecord> trail = audit.search(
        new AuditQuery(null, null, "EventCrf", String.valueOf(f.crfA.getId())), PageRequest.of(0, 20)).getContent();
    AuditRecord undo = trail.stream().filter(r -> r.action().equals("eventcrf.sdv.undo")).findFirst().orElseThrow();
    AuditRecord done = trail.stream().filter(r -> r.action().equals("eventcrf.sdv")).findFirst().orElseThrow();
    assertEquals(f.siteMonitorA, done.actor());
    assertEquals(f.siteMonitorA, undo.actor());
    assertEquals("not verified", done.oldValue());
    assertEquals("verified", done.newValue());
    assertEquals("verified", undo.oldValue());
    assertEquals("not verified", undo.newValue());
    assertTrue(!undo.occurredAt().isBefore(done.occurredAt()));
  }

  @Test
  public void onlyThoseWhoMayVerifyDoAndOnlyCompletedCrfsAllOrNothing() {
    assertThrows(PermissionDeniedException.class, () -> sdv.verify(f.r.crcA(), List.of(f.crfA.getId())));
    assertThrows(PermissionDeniedException.class, () -> sdv.verify(f.siteMonitorA, List.of(f.crfA.getId(), f.crfB.getId())));
    assertFalse("nothing half-done", verified(f.crfA));
    EventCrf started = entry.start(f.r.crcA(), f.eventA.getId(), f.r.siteA().getId(),
        crfs.commit(RealisticCrfs.large(Fixtures.unique("LG"), "v1", 5).xlsx(), "lg.xlsx", f.r.dataManager()).crfVersionId());
    SdvException e = assertThrows(SdvException.class, () -> sdv.verify(f.studyMonitor, List.of(f.crfA.getId(), started.getId())));
    assertEquals("sdv.notComplete", e.messageKey());
    assertFalse(verified(f.crfA));
    assertEquals(2, sdv.verify(f.studyMonitor, List.of(f.crfA.getId(), f.crfB.getId())));
  }

  @Test
  public void changingDataAfterSdvResetsItAndSaysWho() {
    sdv.verify(f.siteMonitorA, List.of(f.crfA.getId()));
    Map<ItemKey, Long> seen = new java.util.HashMap<>();
    entry.values(f.r.crcA(), f.crfA.getId()).forEach((k, v) -> seen.put(k, v.getVersion()));
    assertTrue(entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("WEIGHT"), "61"), seen, "late lab value").saved());
    assertFalse(verified(f.crfA));
    AuditRecord reset = audit.search(new AuditQuery(null, "eventcrf.sdv.reset", "EventCrf", String.valueOf(f.crfA.getId())),
        PageRequest.of(0, 5)).getContent().get(0);
    assertEquals(f.r.crcA(), reset.actor());
    assertEquals("verified by " + f.siteMonitorA, reset.oldValue());
  }

  /** OC PR #2275: at site level the requirement filter looked at the site's children and found nothing. */
  @Test
  public void oc2275_aSiteMonitorFiltersByTheRequirementThatAppliesAtTheSite() {
    // the study says 100%; site A says partial for the same CRF; a second CRF needs no SDV
    CrfParameters partial = new CrfParameters(true, null, false, false, false, SdvRequirement.PARTIAL, List.of());
    definitions.setSiteParameters(f.r.siteA().getId(), f.screeningVitals.getId(), partial, f.r.dataManager());
    CrfUploadOutcome other = crfs.commit(RealisticCrfs.large(Fixtures.unique("LG"), "v1", 5).xlsx(), "lg.xlsx", f.r.dataManager());
    definitions.attachCrf(f.r.screening().getId(), other.crfId(),
        new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), f.r.dataManager());
    EventCrf otherA = entry.startForEvent(f.r.crcA(), f.eventA.getId(), other.crfVersionId());
    entry.markComplete(f.r.crcA(), otherA.getId());

    long siteA = f.r.siteA().getId();
    String monitor = f.siteMonitorA;
    assertEquals(List.of(f.crfA.getId()), ids(sdv.page(monitor, siteA, requirement(SdvRequirement.PARTIAL), 0, 50)));
    assertEquals(List.of(), ids(sdv.page(monitor, siteA, requirement(SdvRequirement.ALL), 0, 50)));
    assertEquals(List.of(otherA.getId()), ids(sdv.page(monitor, siteA, requirement(SdvRequirement.NOT_REQUIRED), 0, 50)));
    assertEquals(2, sdv.page(monitor, siteA, SdvQuery.any(), 0, 50).total());
    // at study level each site's CRF shows the requirement of its own site
    long study = f.r.study().getId();
    assertEquals(List.of(f.crfB.getId()), ids(sdv.page(f.studyMonitor, study, requirement(SdvRequirement.ALL), 0, 50)));
    SdvRow a = sdv.page(f.studyMonitor, study, SdvQuery.any(), 0, 50).rows().stream()
        .filter(r -> r.eventCrfId() == f.crfA.getId()).findFirst().orElseThrow();
    assertEquals(SdvRequirement.PARTIAL, a.requirement());
    assertThrows(PermissionDeniedException.class, () -> sdv.page(monitor, f.r.siteB().getId(), SdvQuery.any(), 0, 50));
  }

  @Test
  public void filtersBySdvStatusSubjectEventAndCrf() {
    sdv.verify(f.studyMonitor, List.of(f.crfB.getId()));
    long study = f.r.study().getId();
    assertEquals(List.of(f.crfB.getId()), ids(sdv.page(f.studyMonitor, study, new SdvQuery(null, null, null, null, true, null), 0, 50)));
    assertEquals(List.of(f.crfA.getId()), ids(sdv.page(f.studyMonitor, study, new SdvQuery(null, null, null, null, false, null), 0, 50)));
    assertEquals(List.of(f.crfA.getId()), ids(sdv.page(f.studyMonitor, study,
        new SdvQuery(null, f.subjectA.getLabel().toLowerCase(), null, null, null, null), 0, 50)));
    assertEquals(2, sdv.page(f.studyMonitor, study, new SdvQuery(null, null, f.r.screening().getId(), f.vitals.crfId(), null, null), 0, 50).total());
    assertEquals(List.of(f.crfB.getId()), ids(sdv.page(f.studyMonitor, study, new SdvQuery(f.r.siteB().getId(), null, null, null, null, null), 0, 50)));
  }

  private static SdvQuery requirement(SdvRequirement r) {
    return new SdvQuery(null, null, null, null, null, r);
  }

  private static List<Long> ids(SdvPage p) {
    return p.rows().stream().map(SdvRow::eventCrfId).toList();
  }
}
