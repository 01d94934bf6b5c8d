package jp.ac.umin.libreclinica.ws.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.design.DesignFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import jp.ac.umin.libreclinica.ws.api.LegacyRestSecurityConfiguration;

/** LibreClinica's REST URLs over a study with data entered through the services. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = RealAccountsWsTestApplication.class, properties = "spring.jpa.open-in-view=false")
@AutoConfigureMockMvc
public class LegacyRestTest {

  @Autowired private MockMvc mvc;
  @Autowired private ApiTokenService tokens;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private GroupClassService groupClasses;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService studyEvents;
  @Autowired private DataEntryService entry;
  @Autowired private RoleAssignmentService roles;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  private static DesignFixture design;
  private static TestAccount dm;
  private static TestAccount monitor;
  private static TestAccount stranger;
  private static StudySubject subject;

  @Before
  public void aStudyWithData() {
    if (subject != null) {
      return;
    }
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    TestAccount admin = fixtures.businessAdmin();
    DesignFixture d = DesignFixture.build(admin.userName(), studies, events, crfs, groupClasses);
    studies.changeStatus(d.study.getId(), StudyStatus.AVAILABLE, null, admin.userName());
    dm = fixtures.user();
    roles.assign(admin.userName(), dm.id(), d.study.getId(), Role.DATA_MANAGER);
    monitor = fixtures.user();
    roles.assign(admin.userName(), monitor.id(), d.site.getId(), Role.INVESTIGATOR);
    stranger = fixtures.user();
    Map<Long, Long> groups = new HashMap<>();
    jdbc.query("SELECT c.id, min(g.id) FROM subject_group_class c JOIN subject_group g ON g.group_class_id = c.id"
        + " WHERE c.study_id = ? GROUP BY c.id", rs -> {
          groups.put(rs.getLong(1), rs.getLong(2));
        }, d.study.getId());
    StudySubject s = subjects.add(d.site.getId(),
        new SubjectInput("REST-𠮷1", null, LocalDate.of(2026, 4, 1), Sex.MALE, "1960-01-02", null, groups),
        null, false, dm.userName());
    StudyEvent reg = studyEvents.schedule(s.getId(), d.registration.getId(),
        new EventInput(Instant.parse("2026-04-07T01:30:00Z"), null, null), dm.userName());
    EventCrf form = entry.start(dm.userName(), reg.getId(), d.site.getId(), d.japanese.crfVersionId());
    assertTrue(entry.save(dm.userName(), form.getId(),
        Map.of(ItemKey.of("KANJA_SEI"), "𩸽山", ItemKey.of("KOMENTO"), "一行目\n二行目"), Map.of(), null).saved());
    design = d;
    subject = s;
  }

  private MockHttpServletRequestBuilder as(TestAccount a, String url) {
    return get(url).header(HttpHeaders.AUTHORIZATION,
        "Bearer " + tokens.create(a.userName(), "t" + System.nanoTime(), null).secret());
  }

  @Test
  public void xmlClinicalDataOfTheWholeStudy() throws Exception {
    mvc.perform(as(dm, "/rest/clinicaldata/xml/view/" + design.study.getOid() + "/*/*/*"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/xml"))
        .andExpect(content().string(containsString("OpenClinica:StudySubjectID=\"REST-𠮷1\"")))
        .andExpect(content().string(containsString("Value=\"𩸽山\"")))
        .andExpect(content().string(containsString("Value=\"一行目&#10;二行目\"")))
        .andExpect(content().string(not(containsString("OpenClinica:AuditLog "))));
  }

  @Test
  public void auditsOnlyWhenAskedFor() throws Exception {
    mvc.perform(as(dm, "/rest/clinicaldata/xml/view/" + design.study.getOid() + "/" + subject.getOid() + "/*/*?includeAudits=y&includeDNs=y"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<OpenClinica:AuditLog ")))
        .andExpect(content().string(containsString("NewValue=\"𩸽山\"")));
  }

  @Test
  public void jsonInLibreClinicaShape() throws Exception {
    mvc.perform(as(dm, "/rest/clinicaldata/json/view/" + design.study.getOid() + "/" + subject.getOid() + "/*/*"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/json"))
        .andExpect(jsonPath("$['@ODMVersion']").value("1.3"))
        .andExpect(jsonPath("$.Study[0]['@OID']").value(design.study.getOid()))
        .andExpect(jsonPath("$.ClinicalData[0]['@StudyOID']").value(design.site.getOid()))
        .andExpect(jsonPath("$.ClinicalData[0].SubjectData[0]['@OpenClinica:StudySubjectID']").value("REST-𠮷1"))
        .andExpect(jsonPath("$.ClinicalData[0].SubjectData[0].StudyEventData[0].FormData[0].ItemGroupData[0].ItemData[?(@['@Value']=='一行目\n二行目')]").exists())
        .andExpect(jsonPath("$.ClinicalData[0].SubjectData.length()").value(1));
  }

  @Test
  public void htmlPrintViewEscapesValues() throws Exception {
    mvc.perform(as(dm, "/rest/clinicaldata/html/print/" + design.study.getOid() + "/*/*/*").header("Accept-Language", "ja"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/html"))
        .andExpect(content().string(containsString("<html lang=\"ja\">")))
        .andExpect(content().string(containsString("<h1>Clinical data (ODM 1.3)</h1>")))
        .andExpect(content().string(containsString("𩸽山")))
        .andExpect(content().string(not(containsString("<b>&amp;</b>"))));
  }

  @Test
  public void aSiteInvestigatorExtractsTheSiteButNotTheStudy() throws Exception {
    mvc.perform(as(monitor, "/rest/clinicaldata/xml/view/" + design.site.getOid() + "/*/*/*"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("REST-𠮷1")));
    mvc.perform(as(monitor, "/rest/clinicaldata/xml/view/" + design.study.getOid() + "/*/*/*"))
        .andExpect(status().isForbidden());
  }

  @Test
  public void refusalsAreProblemDetails() throws Exception {
    mvc.perform(as(stranger, "/rest/clinicaldata/xml/view/" + design.study.getOid() + "/*/*/*"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(as(dm, "/rest/clinicaldata/xml/view/S_NO_SUCH_STUDY/*/*/*"))
        .andExpect(status().isNotFound());
    mvc.perform(as(dm, "/rest/clinicaldata/pdf/view/" + design.study.getOid() + "/*/*/*"))
        .andExpect(status().isNotFound());
    mvc.perform(get("/rest/clinicaldata/xml/view/" + design.study.getOid() + "/*/*/*"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  public void metadataAsXmlAndJson() throws Exception {
    mvc.perform(as(dm, "/rest/metadata/xml/view/" + design.study.getOid() + "/*/*"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<MetaDataVersion")));
    mvc.perform(as(dm, "/rest/metadata/json/view/" + design.study.getOid() + "/*/*"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.Study[0].MetaDataVersion[0].StudyEventDef").isArray());
  }

  @Test
  public void scriptLoginRefusesRequestsBrowsersMarkAsCrossSite() {
    MockHttpServletRequest same = new MockHttpServletRequest("POST", LegacyRestSecurityConfiguration.SCRIPT_LOGIN);
    same.setServerName("edc.example.org");
    same.setServerPort(443);
    same.addHeader("Origin", "https://edc.example.org");
    assertFalse(LegacyRestSecurityConfiguration.crossSite(same));
    MockHttpServletRequest script = new MockHttpServletRequest("POST", LegacyRestSecurityConfiguration.SCRIPT_LOGIN);
    assertFalse(LegacyRestSecurityConfiguration.crossSite(script));
    MockHttpServletRequest evil = new MockHttpServletRequest("POST", LegacyRestSecurityConfiguration.SCRIPT_LOGIN);
    evil.setServerName("edc.example.org");
    evil.addHeader("Origin", "https://evil.example.com");
    assertTrue(LegacyRestSecurityConfiguration.crossSite(evil));
    MockHttpServletRequest fetch = new MockHttpServletRequest("POST", LegacyRestSecurityConfiguration.SCRIPT_LOGIN);
    fetch.addHeader("Sec-Fetch-Site", "cross-site");
    assertTrue(LegacyRestSecurityConfiguration.crossSite(fetch));
  }
}
