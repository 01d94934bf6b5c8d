package jp.ac.umin.libreclinica.ws.api.study;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyRepository;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.ws.api.ApiSecurityConfiguration;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The study API with real accounts, roles and tokens. */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = RealAccountsWsTestApplication.class,
    properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class StudyApiTest {

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private StudyService studies;
  @Autowired private StudyRepository studyRepository;
  @Autowired private RoleAssignmentService roles;
  @Autowired private AuditService audit;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;
  private TestAccount admin;
  private Study study;
  private Study siteA;
  private Study siteB;

  @Before
  public void aStudyWithTwoSites() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin();
    study = studies.createStudy(aStudy(unique("API"), "API study"), admin.userName());
    siteA = studies.createSite(study.getId(), aStudy(unique("APIA"), "API site A"), admin.userName());
    siteB = studies.createSite(study.getId(), aStudy(unique("APIB"), "API site B"), admin.userName());
  }

  private String bearer(TestAccount a) {
    return "Bearer " + tokens.create(a.userName(), unique("t"), null).secret();
  }

  private MockHttpServletRequestBuilder as(TestAccount a, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, bearer(a));
  }

  private TestAccount withRole(Study where, Role role) {
    TestAccount a = fixtures.user();
    roles.assign(admin.userName(), a.id(), where.getId(), role);
    return a;
  }

  @Test
  public void aDataManagerListsTheStudyWithAllItsSites() throws Exception {
    TestAccount dm = withRole(study, Role.DATA_MANAGER);
    mvc.perform(as(dm, get("/api/v1/studies")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.studies[0].oid").value(study.getOid()))
        .andExpect(jsonPath("$.studies[0].sites[*].oid")
            .value(containsInAnyOrder(siteA.getOid(), siteB.getOid())));
    mvc.perform(as(dm, get("/api/v1/studies/" + study.getOid())))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.protocolId").value(study.getProtocolId()))
        .andExpect(jsonPath("$.status").value("pending"))
        .andExpect(jsonPath("$.sites.length()").value(2));
  }

  @Test
  public void aSiteUserSeesOnlyTheirSite() throws Exception {
    TestAccount crc = withRole(siteA, Role.CLINICAL_RESEARCH_COORDINATOR);
    mvc.perform(as(crc, get("/api/v1/studies")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.studies[0].sites[*].oid").value(containsInAnyOrder(siteA.getOid())));
    mvc.perform(as(crc, get("/api/v1/studies/" + siteA.getOid())))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.parentOid").value(study.getOid()));
    mvc.perform(as(crc, get("/api/v1/studies/" + siteB.getOid())))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(as(crc, get("/api/v1/studies/" + study.getOid()))).andExpect(status().isForbidden());
  }

  @Test
  public void oc2165_removedSiteIsNotOfferedThroughTheApi() throws Exception {
    TestAccount crcB = withRole(siteB, Role.CLINICAL_RESEARCH_COORDINATOR);
    studies.remove(siteB.getId(), "closed", admin.userName());
    mvc.perform(as(crcB, get("/api/v1/studies/" + siteB.getOid()))).andExpect(status().isForbidden());
    mvc.perform(as(crcB, get("/api/v1/studies")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.studies[*].sites[*].oid").value(not(hasItem(siteB.getOid()))));
  }

  @Test
  public void anAdministratorCreatesAStudyAndBecomesItsDataManagerAudited() throws Exception {
    String protocolId = unique("NEW");
    mvc.perform(as(admin, post("/api/v1/studies"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"新しい試験 𠮷\",\"protocolId\":\"" + protocolId + "\","
                + "\"principalInvestigator\":\"研究 太郎\",\"phase\":\"PHASE_II\","
                + "\"protocolType\":\"interventional\",\"expectedEnrollment\":40,"
                + "\"startDate\":\"2026-04-01\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION,
            org.hamcrest.Matchers.startsWith("/api/v1/studies/S_")))
        .andExpect(jsonPath("$.name").value("新しい試験 𠮷"))
        .andExpect(jsonPath("$.status").value("pending"));
    Study created =
        studyRepository.findAll().stream()
            .filter(s -> s.getProtocolId().equals(protocolId))
            .findFirst()
            .orElseThrow();
    assertEquals(
        1,
        audit.search(new AuditQuery(admin.userName(), "study.create", "Study", created.getId().toString()),
                PageRequest.of(0, 5))
            .getTotalElements());
    assertEquals(
        Role.DATA_MANAGER,
        roles.liveRolesOf(admin.id()).stream()
            .filter(r -> r.getStudyId().equals(created.getId()))
            .findFirst()
            .orElseThrow()
            .getRole());
  }

  @Test
  public void anInvalidStudyIsAProblemListingTheFieldsAndNothingIsStored() throws Exception {
    long before = studyRepository.count();
    mvc.perform(as(admin, post("/api/v1/studies"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"\",\"protocolId\":\"<script>\",\"phase\":\"PHASE_X\","
                + "\"protocolType\":\"INTERVENTIONAL\",\"contactEmail\":\"no-mail\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("api.error.validation"))
        .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems(
            "name", "protocolId", "principalInvestigator", "phase", "contactEmail")))
        .andExpect(jsonPath("$.errors[?(@.field=='phase')].message")
            .value(hasItem("\"PHASE_X\" is not one of the values allowed here.")));
    assertEquals(before, studyRepository.count());
  }

  @Test
  public void aDuplicateProtocolIdIsNamedOnItsField() throws Exception {
    mvc.perform(as(admin, post("/api/v1/studies"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"again\",\"protocolId\":\"" + study.getProtocolId().toLowerCase()
                + "\",\"principalInvestigator\":\"PI\",\"phase\":\"PHASE_II\","
                + "\"protocolType\":\"OBSERVATIONAL\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("protocolId"));
  }

  @Test
  public void aUserWithoutTheRightCannotCreateAStudy() throws Exception {
    TestAccount dm = withRole(study, Role.DATA_MANAGER);
    mvc.perform(as(dm, post("/api/v1/studies"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"x\",\"protocolId\":\"" + unique("NO") + "\","
                + "\"principalInvestigator\":\"PI\",\"phase\":\"PHASE_II\","
                + "\"protocolType\":\"OBSERVATIONAL\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("api.error.forbidden"));
  }

  @Test
  public void aDataManagerCreatesAndListsEventDefinitionsAndAMonitorMayOnlyList() throws Exception {
    TestAccount dm = withRole(study, Role.DATA_MANAGER);
    TestAccount monitor = withRole(study, Role.STUDY_MONITOR);
    mvc.perform(as(dm, post("/api/v1/studies/" + study.getOid() + "/event-definitions"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"登録時\",\"type\":\"scheduled\",\"repeating\":false}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.oid").value(org.hamcrest.Matchers.startsWith("SE_")))
        .andExpect(jsonPath("$.type").value("scheduled"));
    mvc.perform(as(monitor, post("/api/v1/studies/" + study.getOid() + "/event-definitions"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"追跡\",\"type\":\"scheduled\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(as(monitor, get("/api/v1/studies/" + study.getOid() + "/event-definitions")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].name").value("登録時"));
    mvc.perform(as(dm, post("/api/v1/studies/" + study.getOid() + "/event-definitions"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"\",\"type\":\"weekly\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("name", "type")));
    mvc.perform(as(dm, post("/api/v1/studies/" + siteA.getOid() + "/event-definitions"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"施設で\",\"type\":\"common\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("api.error.refused"));
  }

  @Test
  public void anUnknownOidIsNotFound() throws Exception {
    mvc.perform(as(admin, get("/api/v1/studies/S_NOPE_" + unique("x"))))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("There is no study or site with the OID")));
  }

  @Test
  public void theStudyEndpointsAreInTheOpenApiDocument() throws Exception {
    mvc.perform(get(ApiSecurityConfiguration.OPENAPI_PATH))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/studies'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/event-definitions'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/event-definitions'].post").exists())
        .andExpect(jsonPath("$.components.schemas.NewStudy").exists());
    assertFalse(studies.mayView(fixtures.user().userName(), study.getId()));
  }
}
