package jp.ac.umin.libreclinica.web.study;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.AccountStatus;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.StudyUserRole;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The study's users page and the rules around it: who may assign, what is offered where, and
 * that site users see their own site only (smoke steps 6 and 7, upstream defect OC-2165).
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class StudyUsersPagesTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyService studies;
  @Autowired private RoleAssignmentService roles;
  @Autowired private AuditService audit;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;
  private String admin;
  private TestAccount dm;
  private Study study;
  private Study siteA;
  private Study siteB;

  /** A study with sites A and B, built by an administrator, with a data manager (a plain user). */
  @Before
  public void aStudyWithTwoSites() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin().userName();
    study = studies.createStudy(aStudy(unique("SU"), "Users study"), admin);
    siteA = studies.createSite(study.getId(), aStudy(unique("SUA"), "Site Alpha " + unique("a")), admin);
    siteB = studies.createSite(study.getId(), aStudy(unique("SUB"), "Site Bravo " + unique("b")), admin);
    dm = fixtures.user();
    roles.assign(admin, dm.id(), study.getId(), Role.DATA_MANAGER);
  }

  private static RequestPostProcessor as(TestAccount a) {
    return user(a.userName()).roles("USER");
  }

  private TestAccount withRole(Study where, Role role) {
    TestAccount a = fixtures.user();
    roles.assign(admin, a.id(), where.getId(), role);
    return a;
  }

  private StudyUserRole liveRole(TestAccount a) {
    return roles.rolesOf(a.id()).stream().filter(StudyUserRole::isAvailable).findFirst().orElse(null);
  }

  private org.springframework.test.web.servlet.ResultActions assign(
      TestAccount by, TestAccount whom, Study where, Role role) throws Exception {
    return mvc.perform(
        post("/studies/" + study.getId() + "/users")
            .with(as(by))
            .with(csrf())
            .param("userName", whom.userName())
            .param("target", where.getId().toString())
            .param("role", role.name()));
  }

  @Test
  public void aDataManagerAssignsChangesRemovesAndRestoresRolesAtSites() throws Exception {
    TestAccount crc1 = fixtures.user();
    TestAccount crc2 = fixtures.user();
    TestAccount investigator = fixtures.user();
    TestAccount monitor = fixtures.user();
    assign(dm, crc1, siteA, Role.CLINICAL_RESEARCH_COORDINATOR)
        .andExpect(redirectedUrl("/studies/" + study.getId() + "/users"));
    assign(dm, crc2, siteB, Role.CLINICAL_RESEARCH_COORDINATOR).andExpect(status().is3xxRedirection());
    assign(dm, investigator, siteA, Role.INVESTIGATOR).andExpect(status().is3xxRedirection());
    assign(dm, monitor, siteB, Role.SITE_MONITOR).andExpect(status().is3xxRedirection());

    mvc.perform(get("/studies/" + study.getId() + "/users").with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(crc1.userName())))
        .andExpect(content().string(containsString(crc2.userName())))
        .andExpect(content().string(containsString(investigator.userName())))
        .andExpect(content().string(containsString(monitor.userName())))
        .andExpect(content().string(containsString("Clinical Research Coordinator")))
        .andExpect(content().string(containsString("Investigator")))
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(containsString(siteB.getName())));

    StudyUserRole r = liveRole(crc1);
    assertEquals(siteA.getId(), r.getStudyId());
    mvc.perform(get("/studies/" + study.getId() + "/users/" + r.getId() + "/change").with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Data Entry Person 2")))
        .andExpect(content().string(not(containsString(">Data Manager<"))));
    mvc.perform(post("/studies/" + study.getId() + "/users/" + r.getId() + "/change")
            .with(as(dm)).with(csrf()).param("role", "INVESTIGATOR"))
        .andExpect(status().is3xxRedirection());
    assertEquals(Role.INVESTIGATOR, liveRole(crc1).getRole());

    mvc.perform(get("/studies/" + study.getId() + "/users/" + r.getId() + "/remove").with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"reason\"")));
    mvc.perform(post("/studies/" + study.getId() + "/users/" + r.getId() + "/remove")
            .with(as(dm)).with(csrf()).param("reason", ""))
        .andExpect(status().isOk());
    assertEquals(AccountStatus.AVAILABLE, roles.get(r.getId()).getStatus());
    mvc.perform(post("/studies/" + study.getId() + "/users/" + r.getId() + "/remove")
            .with(as(dm)).with(csrf()).param("reason", "moved to another hospital"))
        .andExpect(status().is3xxRedirection());
    assertEquals(AccountStatus.REMOVED, roles.get(r.getId()).getStatus());
    assertEquals("moved to another hospital", roles.get(r.getId()).getRemovalReason());

    mvc.perform(post("/studies/" + study.getId() + "/users/" + r.getId() + "/restore")
            .with(as(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertEquals(AccountStatus.AVAILABLE, roles.get(r.getId()).getStatus());
    assertEquals(
        1,
        audit.search(new AuditQuery(null, "role.restore", "study_user_role", r.getId().toString()),
                PageRequest.of(0, 5))
            .getTotalElements());
  }

  @Test
  public void theRolesOfferedDependOnWhereTheRoleIsGiven() throws Exception {
    TestAccount someone = fixtures.user();
    String base = "/studies/" + study.getId() + "/users/assign?userName=" + someone.userName();
    mvc.perform(get(base + "&target=" + siteA.getId()).with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"CLINICAL_RESEARCH_COORDINATOR\"")))
        .andExpect(content().string(not(containsString("value=\"DATA_MANAGER\""))));
    mvc.perform(get(base + "&target=" + study.getId()).with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"DATA_MANAGER\"")))
        .andExpect(content().string(not(containsString("value=\"CLINICAL_RESEARCH_COORDINATOR\""))));
    // and a role of the wrong level sent anyway is refused, naming the field
    assign(dm, someone, siteA, Role.DATA_MANAGER)
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("At a site, only site-level roles can be given.")));
    assertEquals(List.of(), roles.rolesOf(someone.id()));
  }

  @Test
  public void anAccountIsFoundByPartOfItsUserName() throws Exception {
    TestAccount someone = fixtures.user();
    String part = someone.userName().substring(2, someone.userName().length() - 1).toUpperCase();
    mvc.perform(get("/studies/" + study.getId() + "/users/assign").param("q", part).with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(someone.userName())));
    mvc.perform(get("/studies/" + study.getId() + "/users/assign").param("q", "%").with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("No available account matches.")));
  }

  @Test
  public void anUnknownUserNameAndHostileInputAreNamedAndChangeNothing() throws Exception {
    String hostile = "<script>alert(1)</script>𠮷";
    mvc.perform(post("/studies/" + study.getId() + "/users").with(as(dm)).with(csrf())
            .param("userName", hostile)
            .param("target", siteA.getId().toString())
            .param("role", "INVESTIGATOR"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("There is no available account with the user name")))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;𠮷")))
        .andExpect(content().string(not(containsString("<script>alert(1)"))));
    mvc.perform(post("/studies/" + study.getId() + "/users").with(as(dm)).with(csrf())
            .param("userName", fixtures.user().userName())
            .param("target", siteA.getId().toString())
            .param("role", "NO_SUCH_ROLE"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The value is not valid here.")));
    assertEquals(
        0L,
        (long) jdbc.queryForObject(
            "select count(*) from study_user_role where study_id = ?", Long.class, siteA.getId()));
  }

  @Test
  public void aCrcCannotAssignRoles() throws Exception {
    TestAccount crc = withRole(siteA, Role.CLINICAL_RESEARCH_COORDINATOR);
    TestAccount other = fixtures.user();
    mvc.perform(get("/studies/" + study.getId() + "/users").with(as(crc))).andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + study.getId() + "/users/assign").with(as(crc))).andExpect(status().isForbidden());
    assign(crc, other, siteA, Role.CLINICAL_RESEARCH_COORDINATOR).andExpect(status().isForbidden());
    assertEquals(List.of(), roles.rolesOf(other.id()));
    StudyUserRole own = liveRole(crc);
    mvc.perform(post("/studies/" + study.getId() + "/users/" + own.getId() + "/change")
            .with(as(crc)).with(csrf()).param("role", "INVESTIGATOR"))
        .andExpect(status().isForbidden());
    assertEquals(Role.CLINICAL_RESEARCH_COORDINATOR, liveRole(crc).getRole());
  }

  @Test
  public void aSiteCrcSeesOnlyTheirSite() throws Exception {
    TestAccount crc = withRole(siteA, Role.CLINICAL_RESEARCH_COORDINATOR);
    mvc.perform(get("/studies/" + siteA.getId()).with(as(crc)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(not(containsString(siteB.getName()))))
        .andExpect(content().string(not(containsString("/studies/" + study.getId() + "\""))));
    mvc.perform(get("/studies/" + siteB.getId()).with(as(crc))).andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + study.getId()).with(as(crc))).andExpect(status().isForbidden());
    mvc.perform(get("/studies").with(as(crc)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/studies/" + siteA.getId() + "\"")))
        .andExpect(content().string(not(containsString(siteB.getName()))))
        .andExpect(content().string(not(containsString("href=\"/studies/" + study.getId() + "\""))));
    mvc.perform(get("/account/study").with(as(crc)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(not(containsString(siteB.getName()))));
    mvc.perform(post("/account/study").with(as(crc)).with(csrf()).param("studyId", siteB.getId().toString()))
        .andExpect(status().isForbidden());
  }

  @Test
  public void aMonitorCanViewButNotBuild() throws Exception {
    TestAccount monitor = withRole(study, Role.STUDY_MONITOR);
    mvc.perform(get("/studies/" + study.getId()).with(as(monitor)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(not(containsString("/studies/" + study.getId() + "/edit"))))
        .andExpect(content().string(not(containsString("/studies/" + study.getId() + "/users"))));
    mvc.perform(get("/studies/" + study.getId() + "/edit").with(as(monitor))).andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + study.getId() + "/sites/new").with(as(monitor))).andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + study.getId() + "/events/new").with(as(monitor))).andExpect(status().isForbidden());
    mvc.perform(post("/studies/" + study.getId() + "/status").with(as(monitor)).with(csrf())
            .param("target", "available"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + study.getId() + "/users").with(as(monitor))).andExpect(status().isForbidden());
    mvc.perform(get("/studies/" + study.getId()).with(as(dm)))
        .andExpect(content().string(containsString("/studies/" + study.getId() + "/edit")))
        .andExpect(content().string(containsString("/studies/" + study.getId() + "/users")));
  }

  @Test
  public void oc2165_removedSiteIsNotOffered() throws Exception {
    TestAccount crcB = withRole(siteB, Role.CLINICAL_RESEARCH_COORDINATOR);
    TestAccount someone = fixtures.user();
    studies.remove(siteB.getId(), "site closed", admin);

    // not in role assignment
    mvc.perform(get("/studies/" + study.getId() + "/users/assign?userName=" + someone.userName()).with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"" + siteA.getId() + "\"")))
        .andExpect(content().string(not(containsString("value=\"" + siteB.getId() + "\""))));
    assign(dm, someone, siteB, Role.CLINICAL_RESEARCH_COORDINATOR)
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Choose the study or one of its sites that is not removed.")));
    assertEquals(List.of(), roles.rolesOf(someone.id()));

    // not in change study/site, for the site's user nor for the data manager
    mvc.perform(get("/account/study").with(as(crcB)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(siteB.getName()))));
    mvc.perform(get("/account/study").with(as(dm)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(not(containsString(siteB.getName()))));
    mvc.perform(post("/account/study").with(as(crcB)).with(csrf()).param("studyId", siteB.getId().toString()))
        .andExpect(status().isForbidden());
    assertNull(accounts.findById(crcB.id()).orElseThrow().getActiveStudyId());

    // direct access refused for the site's user
    mvc.perform(get("/studies/" + siteB.getId()).with(as(crcB))).andExpect(status().isForbidden());
    mvc.perform(get("/studies").with(as(crcB)))
        .andExpect(content().string(not(containsString(siteB.getName()))));
  }

  @Test
  public void choosingAStudyShowsItInTheFrameAndOnTheHomePage() throws Exception {
    TestAccount investigator = withRole(siteA, Role.INVESTIGATOR);
    mvc.perform(post("/account/study").with(as(investigator)).with(csrf())
            .param("studyId", siteA.getId().toString()))
        .andExpect(redirectedUrl("/"));
    assertEquals(siteA.getId(), accounts.findById(investigator.id()).orElseThrow().getActiveStudyId());
    mvc.perform(get("/").with(as(investigator)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Your site")))
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(containsString("(Investigator)")))
        .andExpect(content().string(containsString("/studies/" + siteA.getId())));
    assertTrue(
        audit.search(new AuditQuery(investigator.userName(), "account.activeStudy", null, null),
                PageRequest.of(0, 5))
            .getTotalElements() >= 1);
  }

  @Test
  public void someoneWithoutARoleIsToldKindly() throws Exception {
    TestAccount nobody = fixtures.user();
    mvc.perform(get("/").with(as(nobody)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("You have no role in any study yet.")));
    mvc.perform(get("/account/study").with(as(nobody)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("You have no role in any study yet.")));
    assertFalse(studies.mayView(nobody.userName(), study.getId()));
  }

  /** Smoke step 7 then 2: an administrator gives a CRC a site; the CRC signs in and is there. */
  @Test
  public void aCrcAssignedByAnAdministratorSignsInAndStartsInTheirSite() throws Exception {
    TestAccount crc = fixtures.user();
    mvc.perform(post("/studies/" + study.getId() + "/users")
            .with(user(admin).roles("BUSINESS_ADMIN"))
            .with(csrf())
            .param("userName", crc.userName())
            .param("target", siteA.getId().toString())
            .param("role", "CLINICAL_RESEARCH_COORDINATOR"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders
            .formLogin("/login").user(crc.userName()).password(crc.password()))
        .andExpect(status().is3xxRedirection())
        .andExpect(org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers
            .authenticated().withUsername(crc.userName()));
    assertEquals(siteA.getId(), accounts.findById(crc.id()).orElseThrow().getActiveStudyId());
    mvc.perform(get("/").with(as(crc)))
        .andExpect(content().string(containsString(siteA.getName())))
        .andExpect(content().string(containsString("(Clinical Research Coordinator)")))
        .andExpect(content().string(not(containsString(siteB.getName()))));
  }
}
