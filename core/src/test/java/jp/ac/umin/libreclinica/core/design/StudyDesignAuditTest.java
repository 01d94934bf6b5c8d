package jp.ac.umin.libreclinica.core.design;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/** A study's design audit log: every design change of the study and its sites, newest first. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class StudyDesignAuditTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private StudyDesignService designs;

  private AccountFixtures accounts;
  private String dm;

  @Before
  public void administrator() {
    accounts = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
    dm = accounts.businessAdmin().userName();
  }

  @Test
  public void listsTheDesignChangesOfTheStudyAndItsSitesNewestFirstWithOldAndNewValues() {
    Study s = studies.createStudy(aStudy(unique("DA"), "設計監査"), dm);
    Study site = studies.createSite(s.getId(), aStudy(unique("DAS"), "施設A"), dm);
    StudyEventDefinition d = events.create(s.getId(),
        new EventDefinitionDetails("来院1", null, false, EventType.SCHEDULED, null), dm);
    long crfId = crfs.commit(RealisticCrfs.vitalSigns(unique("DAV"), "v1").xlsx(), "v.xlsx", dm).crfId();
    EventDefinitionCrf c = events.attachCrf(d.getId(), crfId, new CrfParameters(), dm);
    events.removeCrf(c.getId(), "誤って追加", dm);
    StudyParameters p = s.getParameters().copy();
    p.setEraShown(true);
    studies.updateParameters(s.getId(), studies.get(s.getId()).getVersion(), p, dm);

    Page<AuditRecord> log = designs.designAudit(dm, s.getId(), PageRequest.of(0, 50));
    List<String> actions = log.getContent().stream().map(AuditRecord::action).toList();
    assertEquals("study.parameters", actions.get(0));
    assertEquals("event.crf.remove", actions.get(1));
    assertTrue(actions.toString(), actions.containsAll(List.of(
        "event.crf.attach", "event.definition.create", "site.create", "study.create")));
    AuditRecord parameters = log.getContent().get(0);
    assertTrue(parameters.oldValue().contains("eraShown=false"));
    assertTrue(parameters.newValue().contains("eraShown=true"));
    assertEquals(dm, parameters.actor());
    assertEquals("誤って追加", log.getContent().get(1).reason());
    // the site follows the study's era setting
    assertTrue(studies.get(site.getId()).getParameters().isEraShown());

    Page<AuditRecord> firstTwo = designs.designAudit(dm, s.getId(), PageRequest.of(0, 2));
    assertEquals(2, firstTwo.getContent().size());
    assertEquals(log.getTotalElements(), firstTwo.getTotalElements());
    Page<AuditRecord> second = designs.designAudit(dm, s.getId(), PageRequest.of(1, 2));
    assertEquals(actions.subList(2, 4), second.getContent().stream().map(AuditRecord::action).toList());
  }

  @Test
  public void leavesOutOtherStudiesAndIsRefusedToUsersWithoutTheRightToBuild() {
    Study a = studies.createStudy(aStudy(unique("DB"), "A"), dm);
    Study b = studies.createStudy(aStudy(unique("DC"), "B"), dm);
    events.create(b.getId(), new EventDefinitionDetails("other", null, false, EventType.SCHEDULED, null), dm);
    List<AuditRecord> log = designs.designAudit(dm, a.getId(), PageRequest.of(0, 50)).getContent();
    assertFalse(log.stream().anyMatch(r -> r.action().startsWith("event.")));
    String stranger = accounts.user().userName();
    assertThrows(PermissionDeniedException.class, () -> designs.designAudit(stranger, a.getId(), PageRequest.of(0, 5)));
  }
}
