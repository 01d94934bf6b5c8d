package jp.ac.umin.libreclinica.ws.api.crf;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The CRF API with real accounts, roles and tokens. */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = RealAccountsWsTestApplication.class,
    properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class CrfApiTest {

  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private RoleAssignmentService roles;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private AccountFixtures fixtures;
  private TestAccount admin;
  private TestAccount dm;
  private Study study;
  private StudyEventDefinition baseline;

  @Before
  public void aStudyWithADataManagerAndAnEvent() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin();
    study = studies.createStudy(aStudy(unique("CAPI"), "CRF API study"), admin.userName());
    dm = fixtures.user();
    roles.assign(admin.userName(), dm.id(), study.getId(), Role.DATA_MANAGER);
    baseline = events.create(study.getId(),
        new EventDefinitionDetails("Baseline", null, false, EventType.SCHEDULED, null), admin.userName());
  }

  private MockHttpServletRequestBuilder as(TestAccount a, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.create(a.userName(), unique("t"), null).secret());
  }

  private MockHttpServletRequestBuilder upload(TestAccount a, byte[] xlsx, String name) {
    return as(a, multipart("/api/v1/crfs").file(new MockMultipartFile("file", name, XLSX, xlsx)));
  }

  @Test
  public void aDataManagerUploadsANewCrfThenANewVersionAndListsThem() throws Exception {
    String name = unique("VitalsApi");
    mvc.perform(upload(dm, RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v1.xlsx"))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/v1/crfs/F_")))
        .andExpect(jsonPath("$.crfName").value(name))
        .andExpect(jsonPath("$.versionName").value("v1"))
        .andExpect(jsonPath("$.newCrf").value(true))
        .andExpect(jsonPath("$.checkOnly").value(false))
        .andExpect(jsonPath("$.itemCount").value(org.hamcrest.Matchers.greaterThan(5)));
    String crfOid = jdbc.queryForObject("select oid from crf where name = ?", String.class, name);

    mvc.perform(upload(dm, RealisticCrfs.vitalSigns(name, "v2").xlsx(), "v2.xlsx"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.crfOid").value(crfOid))
        .andExpect(jsonPath("$.newCrf").value(false));

    mvc.perform(as(dm, get("/api/v1/crfs/" + crfOid)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value(name))
        .andExpect(jsonPath("$.versionCount").value(2))
        .andExpect(jsonPath("$.versions[0].name").value("v1"))
        .andExpect(jsonPath("$.versions[1].name").value("v2"))
        .andExpect(jsonPath("$.versions[1].status").value("available"))
        .andExpect(jsonPath("$.versions[1].fileName").value("v2.xlsx"));
    mvc.perform(as(dm, get("/api/v1/crfs").param("name", name)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.crfs[0].oid").value(crfOid));
  }

  @Test
  public void aFaultySpreadsheetListsEveryErrorWithItsPlaceAndSavesNothing() throws Exception {
    String name = unique("FaultyApi");
    byte[] faulty = CrfWorkbookBuilder.crf(name, "v1")
        .section("S1", "Section one")
        .item("AGE").dataType("INTEGER").done()
        .item("AGE").dataType("INT").done()
        .xlsx();
    mvc.perform(upload(dm, faulty, "faulty.xlsx").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("api.error.crfRejected"))
        .andExpect(jsonPath("$.detail").value(containsString("2 error(s)")))
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[0].severity").value("error"))
        .andExpect(jsonPath("$.errors[0].sheet").value("Items"))
        .andExpect(jsonPath("$.errors[0].row").value(2))
        .andExpect(jsonPath("$.errors[0].column").value("DATA_TYPE"))
        .andExpect(jsonPath("$.errors[0].value").value("INTEGER"))
        .andExpect(jsonPath("$.errors[0].code").value("crf.item.dataType.unknown"))
        .andExpect(jsonPath("$.errors[0].message")
            .value("\"INTEGER\" cannot be used. Use one of ST, INT, REAL, DATE, PDATE, FILE."))
        .andExpect(jsonPath("$.errors[0].location")
            .value("Items sheet, row 2, column DATA_TYPE: \"INTEGER\" cannot be used. Use one of ST, INT, REAL, DATE, PDATE, FILE."))
        .andExpect(jsonPath("$.errors[*].code").value(hasItem("crf.item.name.duplicate")));
    assertEquals(0, (int) jdbc.queryForObject("select count(*) from crf where name = ?", Integer.class, name));
  }

  @Test
  public void checkOnlySavesNothingAndTheEmptyTemplateIsAClearError() throws Exception {
    String name = unique("CheckApi");
    mvc.perform(upload(dm, RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v1.xlsx").param("check", "true"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.checkOnly").value(true))
        .andExpect(jsonPath("$.newCrf").value(true))
        .andExpect(jsonPath("$.crfOid").doesNotExist());
    assertEquals(0, (int) jdbc.queryForObject("select count(*) from crf where name = ?", Integer.class, name));
    mvc.perform(upload(dm, CrfWorkbookBuilder.empty().xlsx(), "empty.xlsx"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(org.hamcrest.Matchers.greaterThan(0)));
  }

  @Test
  public void onlyCrfDesignersUploadAndListCrfs() throws Exception {
    TestAccount crc = fixtures.user();
    roles.assign(admin.userName(), crc.id(), study.getId(), Role.STUDY_MONITOR);
    mvc.perform(upload(crc, RealisticCrfs.vitalSigns(unique("No"), "v1").xlsx(), "v1.xlsx"))
        .andExpect(status().isForbidden());
    mvc.perform(as(crc, get("/api/v1/crfs"))).andExpect(status().isForbidden());
    mvc.perform(multipart("/api/v1/crfs").file(new MockMultipartFile("file", "x.xlsx", XLSX, new byte[] {1})))
        .andExpect(status().isUnauthorized());
    mvc.perform(as(dm, get("/api/v1/crfs/F_NO_SUCH_CRF_" + unique("x").toUpperCase())))
        .andExpect(status().isNotFound());
  }

  @Test
  public void aCrfIsAttachedToAnEventDefinitionFromJsonAndListedAsUsedByTheStudy() throws Exception {
    String name = unique("AttachApi");
    var v1 = crfs.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v1.xlsx", admin.userName());
    var v2 = crfs.commit(RealisticCrfs.vitalSigns(name, "v2").xlsx(), "v2.xlsx", admin.userName());
    String body = "{\"crfOid\":\"" + v1.crfOid() + "\",\"required\":false,"
        + "\"defaultVersionOid\":\"" + v2.crfVersionOid() + "\",\"electronicSignature\":true,"
        + "\"sdvRequirement\":\"PARTIAL\",\"allowedVersionOids\":[\"" + v2.crfVersionOid() + "\"]}";
    mvc.perform(as(dm, post("/api/v1/studies/" + study.getOid() + "/event-definitions/"
                + baseline.getOid() + "/crfs"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.eventOid").value(baseline.getOid()))
        .andExpect(jsonPath("$.crfOid").value(v1.crfOid()))
        .andExpect(jsonPath("$.required").value(false))
        .andExpect(jsonPath("$.defaultVersionOid").value(v2.crfVersionOid()))
        .andExpect(jsonPath("$.electronicSignature").value(true))
        .andExpect(jsonPath("$.sdvRequirement").value("PARTIAL"))
        .andExpect(jsonPath("$.allowedVersionOids[0]").value(v2.crfVersionOid()));
    assertTrue(events.crfsOf(baseline.getId()).get(0).getParameters().isElectronicSignature());
    // attached once only
    mvc.perform(as(dm, post("/api/v1/studies/" + study.getOid() + "/event-definitions/"
                + baseline.getOid() + "/crfs"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.reason").value("event.crf.alreadyAttached"));

    mvc.perform(as(dm, get("/api/v1/studies/" + study.getOid() + "/crfs")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].crf.oid").value(v1.crfOid()))
        .andExpect(jsonPath("$[0].crf.versions.length()").value(2))
        .andExpect(jsonPath("$[0].usedIn[0].eventOid").value(baseline.getOid()))
        .andExpect(jsonPath("$[0].usedIn[0].status").value("available"));
  }

  @Test
  public void attachingRefusesUnknownVersionsAndCallersWhoMayNotBuild() throws Exception {
    var v1 = crfs.commit(RealisticCrfs.vitalSigns(unique("RefApi"), "v1").xlsx(), "v1.xlsx", admin.userName());
    String path = "/api/v1/studies/" + study.getOid() + "/event-definitions/" + baseline.getOid() + "/crfs";
    mvc.perform(as(dm, post(path)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"crfOid\":\"" + v1.crfOid() + "\",\"defaultVersionOid\":\"F_NOPE\",\"sdvRequirement\":\"SOME\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
            "defaultVersionOid", "sdvRequirement")));
    TestAccount monitor = fixtures.user();
    roles.assign(admin.userName(), monitor.id(), study.getId(), Role.STUDY_MONITOR);
    mvc.perform(as(monitor, post(path)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"crfOid\":\"" + v1.crfOid() + "\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(as(dm, post("/api/v1/studies/" + study.getOid() + "/event-definitions/SE_NONE/crfs"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"crfOid\":\"" + v1.crfOid() + "\"}"))
        .andExpect(status().isNotFound());
    assertEquals(List.of(), events.crfsOf(baseline.getId()));
  }

  /**
   * Upstream LC PRs #322/#323 (OC-17141): SQL built from request values. CRF and version OIDs,
   * event OIDs and the name filter of the CRF API are bound parameters: payloads find nothing.
   */
  @Test
  public void lc322_sqlPayloadsInCrfOidsAndFiltersFindNothing() throws Exception {
    var v1 = crfs.commit(RealisticCrfs.vitalSigns(unique("SqlApi"), "v1").xlsx(), "v1.xlsx", admin.userName());
    for (String payload : List.of("x' OR '1'='1", "';--", "F_%", "%' OR 1=1 --")) {
      mvc.perform(as(dm, get("/api/v1/crfs/{oid}", payload))).andExpect(status().is4xxClientError());
      mvc.perform(as(dm, get("/api/v1/crfs").param("name", payload)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.total").value(0));
      mvc.perform(as(dm, post("/api/v1/studies/" + study.getOid() + "/event-definitions/"
                  + baseline.getOid() + "/crfs"))
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"crfOid\":\"" + v1.crfOid() + "\",\"defaultVersionOid\":\"" + payload.replace("\"", "") + "\"}"))
          .andExpect(status().isBadRequest());
    }
    assertEquals(List.of(), events.crfsOf(baseline.getId()));
  }
}
