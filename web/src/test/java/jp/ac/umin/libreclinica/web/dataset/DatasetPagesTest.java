package jp.ac.umin.libreclinica.web.dataset;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.dataset.Dataset;
import jp.ac.umin.libreclinica.core.dataset.DatasetInput;
import jp.ac.umin.libreclinica.core.dataset.DatasetService;
import jp.ac.umin.libreclinica.core.extract.DatasetExtractor;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@Import({DataCaptureFixture.class, DatasetPagesTest.FakeExtractor.class})
public class DatasetPagesTest {

  /** Stands in for the extract writer. */
  @TestConfiguration
  static class FakeExtractor {
    @Bean
    @Primary
    DatasetExtractor fakeDatasetExtractor() {
      return (actor, baseName, spec, format, out, progress) -> {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(baseName + ".txt"));
        zip.write(spec.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
      };
    }
  }

  @Autowired private MockMvc mvc;
  @Autowired private DataCaptureFixture fixture;
  @Autowired private DatasetService datasets;

  private Captured c;
  private String dm;
  private long study;

  @Before
  public void aStudyWithData() {
    c = fixture.completed(false);
    dm = c.dataManager();
    study = c.study().study().getId();
  }

  private String base() {
    return "/studies/" + study + "/datasets";
  }

  @Test
  public void theStudyPageLinksDatasetsForThoseWhoMayExtractOnly() throws Exception {
    mvc.perform(get("/studies/" + study).with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/studies/" + study + "/datasets")));
    long siteA = c.study().siteA().getId();
    mvc.perform(get("/studies/" + siteA).with(user(c.study().crcA())).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("/studies/" + siteA + "/datasets"))));
    mvc.perform(get("/studies/" + siteA + "/datasets").with(user(c.study().crcA())))
        .andExpect(status().isForbidden());
  }

  @Test
  public void aDataManagerDefinesADatasetWithTheFormRunsAnExtractAndDownloadsIt() throws Exception {
    String eventOid = c.study().screening().getOid();
    mvc.perform(get(base() + "/new").with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"" + eventOid + "\"")))
        .andExpect(content().string(containsString("name=\"itemOids\"")));
    String name = unique("DS");
    String location = mvc.perform(post(base()).with(user(dm)).with(csrf())
            .param("name", name).param("eventOids", eventOid).param("subjectAttributes", "SEX")
            .param("formAttributes", "VERSION").param("subjectStatuses", "AVAILABLE"))
        .andExpect(status().is3xxRedirection())
        .andReturn().getResponse().getRedirectedUrl();
    Dataset d = datasets.list(dm, study, false, PageRequest.of(0, 100)).getContent().stream()
        .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    assertEquals(base() + "/" + d.getId(), location);
    assertEquals(List.of(eventOid), d.getEventOids());

    mvc.perform(get(base()).with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(name)));
    mvc.perform(post(base() + "/" + d.getId() + "/extracts").param("format", "CSV_UTF8_BOM").with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    BackgroundJob job = datasets.extracts(dm, d.getId()).get(0);
    for (int i = 0; i < 600 && !job.getStatus().finished(); i++) {
      Thread.sleep(100);
      job = datasets.extract(dm, job.getId());
    }
    assertEquals(job.getMessageKey(), "DONE", job.getStatus().name());
    String page = mvc.perform(get(base() + "/" + d.getId()).with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("CSV (UTF-8 with BOM)")))
        .andExpect(content().string(containsString(job.getFileSha256())))
        .andExpect(content().string(containsString("Your extract is ready to download.")))
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("/extracts/" + job.getId() + "/file"));
    byte[] zip = mvc.perform(get(base() + "/" + d.getId() + "/extracts/" + job.getId() + "/file").with(user(dm)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("attachment")))
        .andReturn().getResponse().getContentAsByteArray();
    assertEquals('P', zip[0]);
    // another site's CRC may not fetch it
    mvc.perform(get(base() + "/" + d.getId() + "/extracts/" + job.getId() + "/file").with(user(c.study().crcA())))
        .andExpect(status().isForbidden());

    mvc.perform(post(base() + "/" + d.getId() + "/extracts/" + job.getId() + "/removal").param("reason", "")
            .with(user(dm)).with(csrf()).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("give a reason")));
    mvc.perform(post(base() + "/" + d.getId() + "/extracts/" + job.getId() + "/removal").param("reason", "superseded")
            .with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertTrue(datasets.extracts(dm, d.getId()).isEmpty());
  }

  @Test
  public void badInputShowsTheReasonNextToTheFieldAndCreatesNothing() throws Exception {
    long before = datasets.list(dm, study, true, PageRequest.of(0, 500)).getTotalElements();
    mvc.perform(post(base()).with(user(dm)).with(csrf()).header("Accept-Language", "en")
            .param("name", unique("DS")).param("dateFrom", "2026-05-02").param("dateTo", "2026-05-01"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("the start date 2026-05-02 is after the end date 2026-05-01")));
    mvc.perform(post(base()).with(user(dm)).with(csrf()).header("Accept-Language", "en")
            .param("name", unique("DS")).param("itemOids", "I_NOT_THERE"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("I_NOT_THERE")));
    mvc.perform(post(base()).with(user(dm)).with(csrf()).header("Accept-Language", "en").param("name", " "))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("the dataset needs a name")));
    assertEquals(before, datasets.list(dm, study, true, PageRequest.of(0, 500)).getTotalElements());
  }

  @Test
  public void removingAsksForConfirmationAndAReasonAndRestoringBringsItBack() throws Exception {
    Dataset d = datasets.define(dm, study, DatasetInput.named(unique("DS")));
    String path = base() + "/" + d.getId();
    mvc.perform(get(path + "/removal").with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Remove the dataset")));
    mvc.perform(post(path + "/removal").param("reason", "").with(user(dm)).with(csrf()).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("give a reason")));
    mvc.perform(post(path + "/removal").param("reason", "obsolete").with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertTrue(datasets.view(dm, d.getId()).isRemoved());
    mvc.perform(post(path + "/removal").param("reason", "needed").with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertTrue(!datasets.view(dm, d.getId()).isRemoved());
    String copyName = unique("COPY");
    mvc.perform(post(path + "/copy").param("name", copyName).with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertTrue(datasets.list(dm, study, false, PageRequest.of(0, 500)).getContent().stream()
        .anyMatch(x -> x.getName().equals(copyName)));
    mvc.perform(get(base() + "/999999999").with(user(dm))).andExpect(status().isNotFound());
  }

  @Test
  public void aScheduleIsSetFromTheDatasetPage() throws Exception {
    Dataset d = datasets.define(dm, study, new DatasetInput(unique("DS"), "説明", List.of(), List.of(), List.of(),
        java.util.Set.of(jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute.SEX), java.util.Set.of(),
        java.util.Set.of(), java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 12, 31),
        java.util.Set.of("AVAILABLE")));
    String path = base() + "/" + d.getId();
    mvc.perform(get(path).with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Sex")))
        .andExpect(content().string(containsString("Available")));
    mvc.perform(get(path + "/edit").with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"2026-12-31\"")));
    mvc.perform(post(path + "/edit").with(user(dm)).with(csrf()).param("name", d.getName())
            .param("version", Long.toString(d.getVersion())).param("dateFrom", "2026-02-01"))
        .andExpect(status().is3xxRedirection());
    assertEquals(java.time.LocalDate.of(2026, 2, 1), datasets.view(dm, d.getId()).getDateFrom());
    assertEquals(null, datasets.view(dm, d.getId()).getDateTo());
    d = datasets.view(dm, d.getId());
    mvc.perform(post(path + "/schedule").param("frequency", "WEEKLY").param("time", "03:15").param("day", "TUESDAY")
            .param("format", "XLSX").with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertEquals("0 15 3 ? * TUE", datasets.view(dm, d.getId()).getSchedule().cron());
    mvc.perform(get(path).with(user(dm)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Scheduled extract")));
    mvc.perform(post(path + "/schedule").param("frequency", "NONE").with(user(dm)).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertTrue(!datasets.view(dm, d.getId()).getSchedule().active());
  }
}
