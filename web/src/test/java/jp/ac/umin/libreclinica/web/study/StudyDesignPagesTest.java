package jp.ac.umin.libreclinica.web.study;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.design.DesignFixture;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.odm.OdmSchemas;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
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
import org.springframework.test.web.servlet.MvcResult;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class StudyDesignPagesTest {

  @Autowired private MockMvc mvc;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService events;
  @Autowired private CrfService crfs;
  @Autowired private GroupClassService groupClasses;

  private static DesignFixture design;
  private static String dm;

  @Before
  public void aDesignedStudy() {
    if (design == null) {
      dm = fixtures().businessAdmin().userName();
      design = DesignFixture.build(dm, studies, events, crfs, groupClasses);
    }
  }

  private AccountFixtures fixtures() {
    return new AccountFixtures(accounts, history, encoder, jdbc);
  }

  @Test
  public void designPageShowsTheWholeDesignInOrderWithTextEscaped() throws Exception {
    String html = mvc.perform(get("/studies/{id}/design", design.study.getId())
            .with(user(dm).roles("BUSINESS_ADMIN")).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertTrue(html.contains("Study design"));
    assertTrue(html.contains(DesignFixture.NON_BMP));
    assertTrue(html, html.contains("UMIN &lt;Sponsor&gt; &amp; Co"));
    assertTrue(html.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"));
    int registration = html.indexOf("1. Registration Visit");
    int ae = html.indexOf("2. 有害事象");
    int common = html.indexOf("3. Concomitant Medications");
    assertTrue(registration > 0 && ae > registration && common > ae);
    assertTrue(html.contains(design.japaneseCrfName));
    assertTrue(html.contains("v2.0</span><strong> (default)</strong>"));
    assertTrue(html.contains(design.site.getOid()));
    assertTrue(html.contains("A群"));
    assertTrue(html.contains("Manual entry"));
    assertTrue(html.contains(design.aeV2.crfVersionOid()));
    assertTrue(html.contains("/studies/" + design.study.getId() + "/odm-metadata.xml"));
  }

  @Test
  public void siteDesignShowsTheStudyEventsWithTheSiteOwnOid() throws Exception {
    mvc.perform(get("/studies/{id}/design", design.site.getId()).with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(design.site.getOid())))
        .andExpect(content().string(containsString("Registration Visit")));
  }

  @Test
  public void odmMetadataIsAnAttachmentNamedAfterTheStudyOidAndValid() throws Exception {
    MvcResult result = mvc.perform(get("/studies/{id}/odm-metadata.xml", design.study.getId())
            .with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition",
            containsString("attachment; filename=\"" + design.study.getOid() + "-odm-metadata.xml\"")))
        .andExpect(header().string("Content-Type", containsString("application/xml")))
        .andReturn();
    byte[] xml = result.getResponse().getContentAsByteArray();
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
  }

  @Test
  public void strictAndPlainDownloadsValidateAgainstThePublishedSchemas() throws Exception {
    byte[] strict = mvc.perform(get("/studies/{id}/odm-metadata.xml", design.study.getId())
            .param("strict", "true").with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinica(), strict));
    byte[] plain = mvc.perform(get("/studies/{id}/odm-metadata.xml", design.study.getId())
            .param("extensions", "false").with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.plainOdm(), plain));
  }

  @Test
  public void fullOdmWithClinicalDataIsAValidAttachment() throws Exception {
    MvcResult result = mvc.perform(get("/studies/{id}/odm-full.xml", design.study.getId())
            .param("audits", "true").with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition",
            containsString("attachment; filename=\"" + design.study.getOid() + "-odm-full.xml\"")))
        .andReturn();
    byte[] xml = result.getResponse().getContentAsByteArray();
    assertEquals(List.of(), OdmSchemas.errors(OdmSchemas.openClinicaWithAddendum(), xml));
    assertTrue(new String(xml, java.nio.charset.StandardCharsets.UTF_8).contains("<ClinicalData "));
    String stranger = fixtures().user().userName();
    mvc.perform(get("/studies/{id}/odm-full.xml", design.study.getId()).with(user(stranger).roles("USER")))
        .andExpect(status().isForbidden())
        .andExpect(header().doesNotExist("Content-Disposition"));
  }

  @Test
  public void aUserWithoutARoleSeesNeitherThePageNorTheFile() throws Exception {
    String stranger = fixtures().user().userName();
    mvc.perform(get("/studies/{id}/design", design.study.getId()).with(user(stranger).roles("USER")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/studies/{id}/odm-metadata.xml", design.study.getId()).with(user(stranger).roles("USER")))
        .andExpect(status().isForbidden())
        .andExpect(header().doesNotExist("Content-Disposition"));
  }

  @Test
  public void anUnknownStudyIsNotFound() throws Exception {
    mvc.perform(get("/studies/{id}/design", Long.MAX_VALUE).with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/studies/{id}/odm-metadata.xml", Long.MAX_VALUE).with(user(dm).roles("BUSINESS_ADMIN")))
        .andExpect(status().isNotFound());
  }
}
