package jp.ac.umin.libreclinica.core.event;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;

import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
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

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class EventDefinitionServiceTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  /** A business administrator: may create studies, and becomes their data manager. */
  private String dm;

  @Before
  public void signInAsAdministrator() {
    dm = accounts().businessAdmin().userName();
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private EventDefinitionCrfRepository rows;
  @Autowired private CrfService crfService;

  /** A stored CRF with two versions. */
  private List<CrfUploadOutcome> aCrfWithTwoVersions() {
    String name = unique("Vitals");
    return List.of(
        crfService.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v1.xlsx", dm),
        crfService.commit(RealisticCrfs.vitalSigns(name, "v2").xlsx(), "v2.xlsx", dm));
  }

  private Study newStudy() {
    return studies.createStudy(
        aStudy(unique("Ev"), "event study"), dm);
  }

  private static EventDefinitionDetails visit(String name, EventType type, boolean repeating) {
    return new EventDefinitionDetails(name, "説明", repeating, type, "visits");
  }

  @Test
  public void createsEventsOfEveryTypeInOrderWithLibreClinicaOids() {
    Study s = newStudy();
    StudyEventDefinition a = events.create(s.getId(), visit("Registration Visit", EventType.SCHEDULED, false), dm);
    StudyEventDefinition b = events.create(s.getId(), visit("有害事象", EventType.UNSCHEDULED, true), dm);
    StudyEventDefinition c = events.create(s.getId(), visit("Concomitant meds", EventType.COMMON, true), dm);
    assertTrue(a.getOid(), a.getOid().startsWith("SE_REGISTRATIONVISIT"));
    assertTrue(b.getOid().startsWith("SE_"));
    assertEquals(List.of(a.getId(), b.getId(), c.getId()),
        events.list(s.getId()).stream().map(StudyEventDefinition::getId).toList());
  }

  @Test
  public void refusesADuplicateNameInTheSameStudy() {
    Study s = newStudy();
    events.create(s.getId(), visit("Baseline", EventType.SCHEDULED, false), dm);
    try {
      events.create(s.getId(), visit("baseline", EventType.SCHEDULED, false), dm);
      fail("duplicate accepted");
    } catch (StudyException e) {
      assertEquals("event.name.duplicate", e.messageKey());
    }
  }

  @Test
  public void removeAutoRemovesItsCrfsAndRestoreBringsThemBack() {
    Study s = newStudy();
    StudyEventDefinition d = events.create(s.getId(), visit("Week 1", EventType.SCHEDULED, false), dm);
    long crfId = aCrfWithTwoVersions().get(0).crfId();
    EventDefinitionCrf c = events.attachCrf(d.getId(), crfId, new CrfParameters(), dm);
    events.remove(d.getId(), "not needed", dm);
    assertEquals(DesignStatus.AUTO_REMOVED, rows.findById(c.getId()).orElseThrow().getStatus());
    events.restore(d.getId(), "needed after all", dm);
    assertEquals(DesignStatus.AVAILABLE, events.get(d.getId()).getStatus());
    assertEquals(DesignStatus.AVAILABLE, rows.findById(c.getId()).orElseThrow().getStatus());
  }

  @Test
  public void removingAnAttachedCrfTakesItAndItsSiteParametersOutAndRestoreBringsThemBack() {
    Study s = newStudy();
    Study site = studies.createSite(s.getId(), aStudy(unique("EvR"), "site R"), dm);
    StudyEventDefinition d = events.create(s.getId(), visit("Week 2", EventType.SCHEDULED, false), dm);
    long crfId = aCrfWithTwoVersions().get(0).crfId();
    EventDefinitionCrf c = events.attachCrf(d.getId(), crfId, new CrfParameters(), dm);
    EventDefinitionCrf override = events.setSiteParameters(site.getId(), c.getId(), new CrfParameters(), dm);

    events.removeCrf(c.getId(), "wrong form", dm);
    assertEquals(DesignStatus.REMOVED, rows.findById(c.getId()).orElseThrow().getStatus());
    assertEquals(DesignStatus.AUTO_REMOVED, rows.findById(override.getId()).orElseThrow().getStatus());
    assertRefused("event.crf.alreadyRemoved", () -> events.removeCrf(c.getId(), "again", dm));
    assertRefused("study.reason.required", () -> events.restoreCrf(c.getId(), " ", dm));

    events.restoreCrf(c.getId(), "right form after all", dm);
    assertEquals(DesignStatus.AVAILABLE, rows.findById(c.getId()).orElseThrow().getStatus());
    assertEquals(DesignStatus.AVAILABLE, rows.findById(override.getId()).orElseThrow().getStatus());
    assertRefused("event.crf.notRemoved", () -> events.restoreCrf(c.getId(), "again", dm));

    List<java.util.Map<String, Object>> trail = jdbc.queryForList(
        "select action, old_value, new_value, reason, study_id from audit_log"
            + " where entity_type = 'EventDefinitionCrf' and entity_id = ? order by id",
        String.valueOf(c.getId()));
    List<Object> actions = trail.stream().map(r -> r.get("action")).toList();
    assertTrue(actions.toString(), actions.containsAll(List.of("event.crf.remove", "event.crf.restore")));
    java.util.Map<String, Object> removal =
        trail.stream().filter(r -> "event.crf.remove".equals(r.get("action"))).findFirst().orElseThrow();
    assertEquals("available", removal.get("old_value"));
    assertTrue(String.valueOf(removal.get("new_value")).startsWith("removed"));
    assertEquals("wrong form", removal.get("reason"));
    assertEquals(s.getId().longValue(), ((Number) removal.get("study_id")).longValue());
  }

  @Test
  public void aCrfOfARemovedEventCannotBeRestoredAlone() {
    Study s = newStudy();
    StudyEventDefinition d = events.create(s.getId(), visit("Week 3", EventType.SCHEDULED, false), dm);
    long crfId = aCrfWithTwoVersions().get(0).crfId();
    EventDefinitionCrf c = events.attachCrf(d.getId(), crfId, new CrfParameters(), dm);
    events.remove(d.getId(), "not needed", dm);
    assertRefused("event.crf.eventRemoved", () -> events.restoreCrf(c.getId(), "want it", dm));
  }

  /** Upstream LC issue #15: a site's per-event-definition settings were not all saved. */
  @Test
  public void lc15_everySiteEventDefinitionSettingPersists() {
    Study s = newStudy();
    Study site = studies.createSite(s.getId(),
        aStudy(unique("EvA"), "site A"), dm);
    StudyEventDefinition d = events.create(s.getId(), visit("Screening", EventType.SCHEDULED, false), dm);
    CrfParameters studyLevel = new CrfParameters();
    List<CrfUploadOutcome> crf = aCrfWithTwoVersions();
    long v1 = crf.get(0).crfVersionId();
    long v2 = crf.get(1).crfVersionId();
    EventDefinitionCrf c = events.attachCrf(d.getId(), crf.get(0).crfId(), studyLevel, dm);
    CrfParameters everythingChanged =
        new CrfParameters(false, v2, true, true, true, SdvRequirement.PARTIAL, List.of(v2, v1));
    events.setSiteParameters(site.getId(), c.getId(), everythingChanged, dm);

    CrfParameters reloaded = events.effectiveParameters(site.getId(), c.getId());
    assertEquals(everythingChanged.describe(), reloaded.describe());
    EventDefinitionCrf row = rows.findByParentIdAndSiteId(c.getId(), site.getId()).orElseThrow();
    assertEquals(false, row.getParameters().isRequired());
    assertEquals(Long.valueOf(v2), row.getParameters().getDefaultVersionId());
    assertTrue(row.getParameters().isDoubleDataEntry());
    assertTrue(row.getParameters().isElectronicSignature());
    assertTrue(row.getParameters().isHideFromSites());
    assertEquals(SdvRequirement.PARTIAL, row.getParameters().getSdvRequirement());
    assertEquals(List.of(Math.min(v1, v2), Math.max(v1, v2)), row.getParameters().getAllowedVersionIds());
    // the study level is untouched
    assertEquals(studyLevel.describe(), events.effectiveParameters(s.getId(), c.getId()).describe());
  }

  private void assertRefused(String key, Runnable action) {
    try {
      action.run();
      fail("accepted, expected " + key);
    } catch (StudyException e) {
      assertEquals(key, e.messageKey());
    }
  }

  @Test
  public void refusesAnUnknownCrfAndVersionsOfAnotherCrf() {
    Study s = newStudy();
    Study site = studies.createSite(s.getId(), aStudy(unique("EvB"), "site B"), dm);
    StudyEventDefinition d = events.create(s.getId(), visit("Follow-up", EventType.SCHEDULED, false), dm);
    List<CrfUploadOutcome> mine = aCrfWithTwoVersions();
    long otherVersion = aCrfWithTwoVersions().get(0).crfVersionId();
    long crfId = mine.get(0).crfId();
    long v1 = mine.get(0).crfVersionId();
    long v2 = mine.get(1).crfVersionId();

    assertRefused("event.crf.unknownCrf", () -> events.attachCrf(d.getId(), -5L, new CrfParameters(), dm));
    assertRefused("event.crf.defaultVersion.notOfCrf", () -> events.attachCrf(d.getId(), crfId,
        new CrfParameters(true, otherVersion, false, false, false, SdvRequirement.ALL, List.of()), dm));
    assertRefused("event.crf.allowedVersion.notOfCrf", () -> events.attachCrf(d.getId(), crfId,
        new CrfParameters(true, v1, false, false, false, SdvRequirement.ALL, List.of(v1, otherVersion)), dm));
    assertRefused("event.crf.defaultVersion.notAllowed", () -> events.attachCrf(d.getId(), crfId,
        new CrfParameters(true, v1, false, false, false, SdvRequirement.ALL, List.of(v2)), dm));
    assertTrue(events.crfsOf(d.getId()).isEmpty());

    EventDefinitionCrf c = events.attachCrf(d.getId(), crfId,
        new CrfParameters(true, v1, false, false, true, SdvRequirement.ALL, List.of()), dm);
    assertRefused("event.crf.defaultVersion.notOfCrf", () -> events.updateCrfParameters(c.getId(),
        new CrfParameters(true, otherVersion, false, false, false, SdvRequirement.ALL, List.of()), dm));
    assertRefused("event.crf.allowedVersion.notOfCrf", () -> events.setSiteParameters(site.getId(), c.getId(),
        new CrfParameters(true, v1, false, false, false, SdvRequirement.ALL, List.of(otherVersion)), dm));
    assertEquals(Long.valueOf(v1), events.effectiveParameters(site.getId(), c.getId()).getDefaultVersionId());
    assertTrue(events.effectiveParameters(site.getId(), c.getId()).isHideFromSites());
  }

  @Test
  public void tellsWhereACrfIsUsed() {
    Study s = newStudy();
    StudyEventDefinition d = events.create(s.getId(), visit("Baseline", EventType.SCHEDULED, false), dm);
    long crfId = aCrfWithTwoVersions().get(0).crfId();
    EventDefinitionCrf c = events.attachCrf(d.getId(), crfId, new CrfParameters(), dm);
    List<CrfUse> uses = events.usesOfCrf(dm, crfId);
    assertEquals(1, uses.size());
    assertEquals(d.getName(), uses.get(0).eventName());
    assertEquals(s.getName(), uses.get(0).studyName());
    assertEquals(c.getId().longValue(), uses.get(0).eventDefinitionCrfId());
    String stranger = accounts().user().userName();
    assertTrue("a user without a role in the study does not see it", events.usesOfCrf(stranger, crfId).isEmpty());
  }
}
