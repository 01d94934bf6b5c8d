package jp.ac.umin.libreclinica.core.study;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
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
public class ActiveStudyServiceTest {

  @Autowired private ActiveStudyService active;
  @Autowired private StudyService studies;
  @Autowired private RoleAssignmentService roles;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;
  private String admin;
  private Study study;
  private Study siteA;
  private Study siteB;

  @Before
  public void aStudyWithTwoSites() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin().userName();
    study = studies.createStudy(aStudy(unique("AS"), "Active"), admin);
    siteA = studies.createSite(study.getId(), aStudy(unique("ASA"), "A"), admin);
    siteB = studies.createSite(study.getId(), aStudy(unique("ASB"), "B"), admin);
  }

  private List<Long> ids(List<Workplace> places) {
    return places.stream().map(Workplace::studyId).toList();
  }

  @Test
  public void aStudyRoleOffersTheStudyAndItsSitesWithThatRole() {
    TestAccount dm = fixtures.user();
    roles.assign(admin, dm.id(), study.getId(), Role.DATA_MANAGER);
    List<Workplace> places = active.workplacesOf(dm.userName());
    assertEquals(List.of(study.getId(), siteA.getId(), siteB.getId()), ids(places));
    assertTrue(places.stream().allMatch(w -> w.role() == Role.DATA_MANAGER));
  }

  @Test
  public void aSiteRoleOffersThatSiteOnlyAndIsChosenAtSignIn() {
    TestAccount crc = fixtures.user();
    roles.assign(admin, crc.id(), siteA.getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
    assertEquals(List.of(siteA.getId()), ids(active.workplacesOf(crc.userName())));
    assertEquals(siteA.getId(), (Long) active.chooseIfOnlyOne(crc.userName()).orElseThrow().studyId());
    assertEquals(Role.CLINICAL_RESEARCH_COORDINATOR, active.active(crc.userName()).orElseThrow().role());
    assertThrows(PermissionDeniedException.class, () -> active.choose(crc.userName(), siteB.getId()));
    assertThrows(PermissionDeniedException.class, () -> active.choose(crc.userName(), study.getId()));
  }

  @Test
  public void severalStudiesAreNotChosenForTheUser() {
    TestAccount user = fixtures.user();
    Study other = studies.createStudy(aStudy(unique("AS2"), "Other"), admin);
    roles.assign(admin, user.id(), study.getId(), Role.STUDY_MONITOR);
    roles.assign(admin, user.id(), other.getId(), Role.STUDY_MONITOR);
    assertTrue(active.chooseIfOnlyOne(user.userName()).isEmpty());
    assertTrue(active.active(user.userName()).isEmpty());
  }

  @Test
  public void oc2165_aRemovedSiteIsNeitherOfferedNorKeptActive() {
    TestAccount crc = fixtures.user();
    roles.assign(admin, crc.id(), siteB.getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
    active.choose(crc.userName(), siteB.getId());
    studies.remove(siteB.getId(), "closed", admin);
    assertEquals(List.of(), active.workplacesOf(crc.userName()));
    assertTrue(active.active(crc.userName()).isEmpty());
    assertThrows(PermissionDeniedException.class, () -> active.choose(crc.userName(), siteB.getId()));
    assertFalse(ids(active.workplacesOf(admin)).contains(siteB.getId()));
    assertTrue(ids(active.workplacesOf(admin)).contains(siteA.getId()));
  }
}
