package jp.ac.umin.libreclinica.web.study;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Attaching CRFs to event definitions, their parameters, and sites' own settings. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class EventCrfPagesTest {

  @Autowired private MockMvc mvc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  private AccountFixtures fixtures;
  private String admin;
  private Study study;
  private Study siteA;
  private Study siteB;
  private StudyEventDefinition event;
  private long crfId;
  private long v1;
  private long v2;

  @Before
  public void aStudyWithTwoSitesAnEventAndACrfOfTwoVersions() {
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    admin = fixtures.businessAdmin().userName();
    study = studies.createStudy(aStudy(unique("ECRF"), "event CRFs"), admin);
    siteA = studies.createSite(study.getId(), aStudy(unique("ECRF-A"), "Site A"), admin);
    siteB = studies.createSite(study.getId(), aStudy(unique("ECRF-B"), "Site B"), admin);
    event = events.create(study.getId(),
        new EventDefinitionDetails("Baseline", null, false, EventType.SCHEDULED, null), admin);
    String name = unique("Vitals");
    CrfUploadOutcome first = crfs.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v1.xlsx", admin);
    CrfUploadOutcome second = crfs.commit(RealisticCrfs.vitalSigns(name, "v2").xlsx(), "v2.xlsx", admin);
    crfId = first.crfId();
    v1 = first.crfVersionId();
    v2 = second.crfVersionId();
  }

  private RequestPostProcessor asAdmin() {
    return user(admin).roles("BUSINESS_ADMIN");
  }

  private Document page(String path) throws Exception {
    return Jsoup.parse(mvc.perform(get(path).with(asAdmin()).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private MockHttpServletRequestBuilder attach(long defaultVersion) {
    return post("/events/" + event.getId() + "/crfs").with(asAdmin()).with(csrf())
        .header("Accept-Language", "en")
        .param("crfId", String.valueOf(crfId))
        .param("_required", "on").param("required", "true")
        .param("defaultVersionId", String.valueOf(defaultVersion))
        .param("_doubleDataEntry", "on").param("_electronicSignature", "on")
        .param("_hideFromSites", "on").param("hideFromSites", "true")
        .param("sdvRequirement", "ALL")
        .param("_allowedVersionIds", "1");
  }

  @Test
  public void aCrfIsAttachedFromTheEventPageWithItsParameters() throws Exception {
    Document list = page("/events/" + event.getId() + "/crfs");
    assertFalse(list.select("select#crfId option[value=" + crfId + "]").isEmpty());
    Document form = page("/events/" + event.getId() + "/crfs/new?crfId=" + crfId);
    assertEquals("the newest version is offered as default",
        String.valueOf(v2), form.select("select#defaultVersionId option[selected]").val());
    assertEquals(2, form.select("input[name=allowedVersionIds]").size());

    mvc.perform(attach(v1)).andExpect(status().is3xxRedirection());
    List<EventDefinitionCrf> attached = events.crfsOf(event.getId());
    assertEquals(1, attached.size());
    CrfParameters p = attached.get(0).getParameters();
    assertTrue(p.isRequired());
    assertTrue(p.isHideFromSites());
    assertFalse(p.isDoubleDataEntry());
    assertEquals(Long.valueOf(v1), p.getDefaultVersionId());
    assertEquals(SdvRequirement.ALL, p.getSdvRequirement());
    Document after = page("/events/" + event.getId() + "/crfs");
    assertTrue(after.select("table.list").text().contains("100% required"));
    // where the CRF is used
    mvc.perform(get("/crfs/" + crfId).with(asAdmin()))
        .andExpect(content().string(containsString("/events/" + event.getId() + "/crfs")));
    // the event list of the study links to the page
    mvc.perform(get("/studies/" + study.getId()).with(asAdmin()))
        .andExpect(content().string(containsString("/events/" + event.getId() + "/crfs")));
  }

  @Test
  public void aVersionOfAnotherCrfIsRefusedOnTheForm() throws Exception {
    long foreign = crfs.commit(RealisticCrfs.vitalSigns(unique("Other"), "v1").xlsx(), "o.xlsx", admin).crfVersionId();
    mvc.perform(attach(foreign))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is not a version of this CRF")));
    assertTrue(events.crfsOf(event.getId()).isEmpty());
    mvc.perform(post("/events/" + event.getId() + "/crfs").with(asAdmin()).with(csrf())
            .param("crfId", "-7").param("sdvRequirement", "ALL"))
        .andExpect(status().is4xxClientError());
    assertTrue(events.crfsOf(event.getId()).isEmpty());
  }

  @Test
  public void anAttachedCrfIsRemovedAndRestoredAfterConfirmationWithAReasonAndBothShowInTheDesignAuditLog()
      throws Exception {
    mvc.perform(attach(v1)).andExpect(status().is3xxRedirection());
    EventDefinitionCrf row = events.crfsOf(event.getId()).get(0);
    String statusPath = "/events/" + event.getId() + "/crfs/" + row.getId() + "/status";
    Document list = page("/events/" + event.getId() + "/crfs");
    assertEquals(statusPath + "?action=remove", list.select("a.remove-crf").attr("href"));

    Document confirm = page(statusPath + "?action=remove");
    assertTrue(confirm.text(), confirm.text().contains("No new data entry in it will start"));
    assertFalse(confirm.select("textarea#reason[required]").isEmpty());
    // without a reason nothing changes and the page says why
    mvc.perform(post(statusPath).with(asAdmin()).with(csrf()).header("Accept-Language", "en")
            .param("action", "remove").param("reason", " "))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("reason")));
    assertEquals("available", events.crfsOf(event.getId()).get(0).getStatus().code());

    mvc.perform(post(statusPath).with(asAdmin()).with(csrf())
            .param("action", "remove").param("reason", "wrong form"))
        .andExpect(status().is3xxRedirection());
    assertEquals("removed", events.crfsOf(event.getId()).get(0).getStatus().code());
    Document removed = page("/events/" + event.getId() + "/crfs");
    assertTrue(removed.select("a.remove-crf").isEmpty());
    assertEquals(statusPath + "?action=restore", removed.select("a.restore-crf").attr("href"));

    mvc.perform(post(statusPath).with(asAdmin()).with(csrf())
            .param("action", "restore").param("reason", "right form"))
        .andExpect(status().is3xxRedirection());
    assertEquals("available", events.crfsOf(event.getId()).get(0).getStatus().code());

    // the study view links to the design audit log, which shows both changes with their reasons
    Document view = page("/studies/" + study.getId());
    assertEquals("/studies/" + study.getId() + "/audit", view.select("a#design-audit").attr("href"));
    Document audit = page("/studies/" + study.getId() + "/audit");
    String table = audit.select("table.records").text();
    assertTrue(table, table.contains("event.crf.remove") && table.contains("wrong form"));
    assertTrue(table, table.contains("event.crf.restore") && table.contains("right form"));
    assertTrue(table, table.contains("event.crf.attach") && table.contains(admin));
    assertEquals("newest first", "event.crf.restore",
        audit.select("table.records tbody tr").get(0).select("span.code").text().split(" ")[0]);
    assertEquals("CRF restored to an event definition",
        audit.select("table.records tbody tr").get(0).select("span.action").text());
  }

  @Test
  public void theDesignAuditLogIsRefusedToAUserWhoMayNotBuildTheStudy() throws Exception {
    String stranger = fixtures.user().userName();
    mvc.perform(get("/studies/" + study.getId() + "/audit").with(user(stranger).roles("USER")))
        .andExpect(status().isForbidden());
  }

  /** Upstream LC issue #15: some per-event-definition settings of a site were silently not saved. */
  @Test
  public void lc15_siteEventDefinitionFormPersistsEveryValue() throws Exception {
    mvc.perform(attach(v1)).andExpect(status().is3xxRedirection());
    EventDefinitionCrf row = events.crfsOf(event.getId()).get(0);
    String path = "/events/" + event.getId() + "/crfs/" + row.getId() + "/sites/" + siteA.getId();
    Document before = page(path);
    assertFalse("the form shows the study value", before.select("input[name=hideFromSites][checked]").isEmpty());

    // every value differs from the study level (and from the form's defaults)
    mvc.perform(post(path).with(asAdmin()).with(csrf())
            .param("_required", "on")
            .param("defaultVersionId", String.valueOf(v2))
            .param("doubleDataEntry", "true").param("_doubleDataEntry", "on")
            .param("electronicSignature", "true").param("_electronicSignature", "on")
            .param("_hideFromSites", "on")
            .param("sdvRequirement", "PARTIAL")
            .param("allowedVersionIds", String.valueOf(v1), String.valueOf(v2)).param("_allowedVersionIds", "1"))
        .andExpect(status().is3xxRedirection());

    Document edit = page(path);
    assertTrue(edit.select("input[name=required][checked]").isEmpty());
    assertEquals(String.valueOf(v2), edit.select("select#defaultVersionId option[selected]").val());
    assertFalse(edit.select("input[name=doubleDataEntry][checked]").isEmpty());
    assertFalse(edit.select("input[name=electronicSignature][checked]").isEmpty());
    assertTrue(edit.select("input[name=hideFromSites][checked]").isEmpty());
    assertEquals("PARTIAL", edit.select("select#sdvRequirement option[selected]").val());
    assertEquals(List.of(String.valueOf(v1), String.valueOf(v2)),
        edit.select("input[name=allowedVersionIds][checked]").eachAttr("value"));

    CrfParameters stored = events.effectiveParameters(siteA.getId(), row.getId());
    assertEquals(new CrfParameters(false, v2, true, true, false, SdvRequirement.PARTIAL, List.of(v1, v2)).describe(),
        stored.describe());
    // the study level and the other site keep theirs
    assertEquals(row.getParameters().describe(), events.effectiveParameters(study.getId(), row.getId()).describe());
    assertEquals(row.getParameters().describe(), events.effectiveParameters(siteB.getId(), row.getId()).describe());
  }

  /** Smoke step 6: a CRF hidden from sites at study level and shown again at one site only. */
  @Test
  public void aCrfCanBeMadeAvailableAtOneSiteOnly() throws Exception {
    mvc.perform(attach(v1)).andExpect(status().is3xxRedirection());
    EventDefinitionCrf row = events.crfsOf(event.getId()).get(0);
    mvc.perform(post("/events/" + event.getId() + "/crfs/" + row.getId() + "/sites/" + siteA.getId())
            .with(asAdmin()).with(csrf())
            .param("required", "true").param("_required", "on")
            .param("defaultVersionId", String.valueOf(v1))
            .param("_doubleDataEntry", "on").param("_electronicSignature", "on").param("_hideFromSites", "on")
            .param("sdvRequirement", "ALL").param("_allowedVersionIds", "1"))
        .andExpect(status().is3xxRedirection());
    assertFalse(events.effectiveParameters(siteA.getId(), row.getId()).isHideFromSites());
    assertTrue(events.effectiveParameters(siteB.getId(), row.getId()).isHideFromSites());
    Document list = page("/events/" + event.getId() + "/crfs");
    String sites = list.select("table.list tbody td:nth-child(10)").text();
    assertTrue(sites, sites.contains("Site A (shown, own settings)"));
    assertTrue(sites, sites.contains("Site B (hidden)"));
  }

  @Test
  public void aSiteOfAnotherStudyIsNotFound() throws Exception {
    mvc.perform(attach(v1)).andExpect(status().is3xxRedirection());
    EventDefinitionCrf row = events.crfsOf(event.getId()).get(0);
    Study other = studies.createStudy(aStudy(unique("ECRF-X"), "other"), admin);
    Study foreignSite = studies.createSite(other.getId(), aStudy(unique("ECRF-XA"), "X site"), admin);
    mvc.perform(get("/events/" + event.getId() + "/crfs/" + row.getId() + "/sites/" + foreignSite.getId()).with(asAdmin()))
        .andExpect(status().isNotFound());
    mvc.perform(get("/events/" + event.getId() + "/crfs/" + row.getId() + "/sites/" + study.getId()).with(asAdmin()))
        .andExpect(status().isNotFound());
  }

  @Test
  public void aUserWithoutBuildRightsCannotAttach() throws Exception {
    String plain = fixtures.user().userName();
    mvc.perform(attach(v1).with(user(plain).roles("USER"))).andExpect(status().isForbidden());
    assertTrue(events.crfsOf(event.getId()).isEmpty());
  }
}
