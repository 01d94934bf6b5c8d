package jp.ac.umin.libreclinica.core.study;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

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
public class StudyServiceTest {

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

  @Autowired private StudyService service;

  @Test
  public void createsAStudyWithAnOidLikeLibreClinicas() {
    Study s = service.createStudy(aStudy(unique("R01"), "Docetaxel 試験"), dm);
    assertEquals(StudyStatus.PENDING, s.getStatus());
    assertTrue(s.getOid(), s.getOid().startsWith("S_R01"));
    assertEquals(10, s.getOid().length());
    assertEquals("説明 𠮷", service.get(s.getId()).getDescription());
  }

  @Test
  public void rejectsADuplicateProtocolIdWhateverItsCase() {
    String p = unique("Dup");
    service.createStudy(aStudy(p, "first"), dm);
    try {
      service.createStudy(aStudy(p.toUpperCase(), "second"), dm);
      fail("duplicate protocol ID accepted");
    } catch (StudyException e) {
      assertEquals("study.protocolId.duplicate", e.messageKey());
    }
  }

  @Test
  public void removingAStudyAutoRemovesItsSitesAndRestoreBringsThemBack() {
    Study study = service.createStudy(aStudy(unique("Rm"), "study"), dm);
    Study siteA = service.createSite(study.getId(), aStudy(unique("RmA"), "site A"), dm);
    Study siteB = service.createSite(study.getId(), aStudy(unique("RmB"), "site B"), dm);
    service.remove(siteB.getId(), "closed", dm);
    service.changeStatus(study.getId(), StudyStatus.AVAILABLE, "go", dm);
    assertEquals(StudyStatus.AVAILABLE, service.get(siteA.getId()).getStatus());
    service.remove(study.getId(), "withdrawn", dm);
    assertEquals(StudyStatus.REMOVED, service.get(study.getId()).getStatus());
    assertEquals(StudyStatus.AUTO_REMOVED, service.get(siteA.getId()).getStatus());
    assertEquals(StudyStatus.REMOVED, service.get(siteB.getId()).getStatus());
    service.restore(study.getId(), "back", dm);
    assertEquals(StudyStatus.AVAILABLE, service.get(study.getId()).getStatus());
    assertEquals(StudyStatus.AVAILABLE, service.get(siteA.getId()).getStatus());
    // a site removed on its own stays removed
    assertEquals(StudyStatus.REMOVED, service.get(siteB.getId()).getStatus());
  }

  @Test
  public void aSiteCannotOverrideWhatOnlyTheStudySets() {
    Study study = service.createStudy(aStudy(unique("Par"), "study"), dm);
    Study site = service.createSite(study.getId(), aStudy(unique("ParA"), "site"), dm);
    StudyParameters p = site.getParameters().copy();
    p.setSubjectIdGeneration(StudyParameters.SubjectIdGeneration.AUTO_NON_EDITABLE);
    p.setInterviewerName(StudyParameters.Usage.REQUIRED);
    Study saved = service.updateParameters(site.getId(), site.getVersion(), p, dm);
    assertEquals(
        StudyParameters.SubjectIdGeneration.MANUAL, saved.getParameters().getSubjectIdGeneration());
    assertEquals(StudyParameters.Usage.REQUIRED, saved.getParameters().getInterviewerName());
  }

  @Test
  public void refusesADesignChangeOfALockedStudy() {
    Study study = service.createStudy(aStudy(unique("Lk"), "study"), dm);
    service.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    Study locked = service.changeStatus(study.getId(), StudyStatus.LOCKED, null, dm);
    try {
      service.updateDetails(locked.getId(), service.get(locked.getId()).getVersion(), aStudy(locked.getProtocolId(), "renamed"), dm);
      fail("a locked study was changed");
    } catch (StudyException e) {
      assertEquals("study.status.lockedRefused", e.messageKey());
    }
  }

  @Test
  public void refusesAStaleEdit() {
    Study study = service.createStudy(aStudy(unique("Ver"), "study"), dm);
    service.updateDetails(study.getId(), study.getVersion(), aStudy(study.getProtocolId(), "one"), dm);
    try {
      service.updateDetails(study.getId(), study.getVersion(), aStudy(study.getProtocolId(), "two"), dm);
      fail("a stale edit overwrote a newer one");
    } catch (StudyException e) {
      assertEquals("study.changedMeanwhile", e.messageKey());
    }
    assertEquals("one", service.get(study.getId()).getName());
  }

  @Test
  public void aJapaneseNameGivesANumberedOid() {
    Study s = service.createStudy(aStudy(unique("臨床"), "臨床試験"), dm);
    assertTrue(s.getOid(), s.getOid().startsWith("S_"));
  }

  @Test
  public void onlyAdministratorsCreateStudiesAndOnlyBuildersChangeThem() {
    String plainUser = accounts().user().userName();
    try {
      service.createStudy(aStudy(unique("No"), "no"), plainUser);
      fail("a user without CREATE_STUDY created a study");
    } catch (jp.ac.umin.libreclinica.core.account.PermissionDeniedException expected) {
      // refused
    }
    Study s = service.createStudy(aStudy(unique("Own"), "own"), dm);
    try {
      service.updateDetails(s.getId(), s.getVersion(), aStudy(s.getProtocolId(), "taken over"), plainUser);
      fail("a user without a role changed the study");
    } catch (jp.ac.umin.libreclinica.core.account.PermissionDeniedException expected) {
      // refused
    }
    assertEquals(1, service.listStudies(dm, org.springframework.data.domain.PageRequest.of(0, 500))
        .stream().filter(x -> x.getId().equals(s.getId())).count());
    assertEquals(0, service.listStudies(plainUser, org.springframework.data.domain.PageRequest.of(0, 500))
        .getTotalElements());
  }
}
