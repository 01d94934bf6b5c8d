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
    EventDefinitionCrf c = events.attachCrf(d.getId(), 9_001L, new CrfParameters(), dm);
    events.remove(d.getId(), "not needed", dm);
    assertEquals(DesignStatus.AUTO_REMOVED, rows.findById(c.getId()).orElseThrow().getStatus());
    events.restore(d.getId(), "needed after all", dm);
    assertEquals(DesignStatus.AVAILABLE, events.get(d.getId()).getStatus());
    assertEquals(DesignStatus.AVAILABLE, rows.findById(c.getId()).orElseThrow().getStatus());
  }

  /** Upstream LC issue #15: a site's per-event-definition settings were not all saved. */
  @Test
  public void lc15_everySiteEventDefinitionSettingPersists() {
    Study s = newStudy();
    Study site = studies.createSite(s.getId(),
        aStudy(unique("EvA"), "site A"), dm);
    StudyEventDefinition d = events.create(s.getId(), visit("Screening", EventType.SCHEDULED, false), dm);
    CrfParameters studyLevel = new CrfParameters();
    EventDefinitionCrf c = events.attachCrf(d.getId(), 9_002L, studyLevel, dm);
    CrfParameters everythingChanged =
        new CrfParameters(false, 77L, true, true, true, SdvRequirement.PARTIAL, List.of(77L, 78L));
    events.setSiteParameters(site.getId(), c.getId(), everythingChanged, dm);

    CrfParameters reloaded = events.effectiveParameters(site.getId(), c.getId());
    assertEquals(everythingChanged.describe(), reloaded.describe());
    EventDefinitionCrf row = rows.findByParentIdAndSiteId(c.getId(), site.getId()).orElseThrow();
    assertEquals(false, row.getParameters().isRequired());
    assertEquals(Long.valueOf(77L), row.getParameters().getDefaultVersionId());
    assertTrue(row.getParameters().isDoubleDataEntry());
    assertTrue(row.getParameters().isElectronicSignature());
    assertTrue(row.getParameters().isHideFromSites());
    assertEquals(SdvRequirement.PARTIAL, row.getParameters().getSdvRequirement());
    assertEquals(List.of(77L, 78L), row.getParameters().getAllowedVersionIds());
    // the study level is untouched
    assertEquals(studyLevel.describe(), events.effectiveParameters(s.getId(), c.getId()).describe());
  }
}
