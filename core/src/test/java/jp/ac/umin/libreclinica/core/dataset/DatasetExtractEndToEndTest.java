package jp.ac.umin.libreclinica.core.dataset;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.job.JobStatus;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit4.SpringRunner;

/** A dataset extracted by the real extract writer ({@code core.extract.ZippedExtractor}) as a background job. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import(DataCaptureFixture.class)
public class DatasetExtractEndToEndTest {

  @Autowired private DataCaptureFixture fixture;
  @Autowired private DatasetService datasets;
  @Autowired private BackgroundJobService jobs;
  @Autowired private StudyEventService events;
  @Value("${lc.time-zone:Asia/Tokyo}") private String zone;

  private BackgroundJob waitFor(String actor, long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      BackgroundJob j = jobs.view(actor, id);
      if (j.getStatus().finished()) {
        return j;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish in 60 s");
  }

  private Map<String, byte[]> unzip(String actor, long jobId) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(datasets.extractFile(actor, jobId)))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        zip.transferTo(b);
        entries.put(e.getName(), b.toByteArray());
      }
    }
    return entries;
  }

  @Test
  public void aCsvExtractOfADatasetHoldsTheSubjectsValuesWithABom() throws Exception {
    DataCaptureFixture.Captured c = fixture.completed(false);
    String dm = c.dataManager();
    long study = c.study().study().getId();
    Dataset d = datasets.define(dm, study, new DatasetInput(unique("DS"), null,
        List.of(c.study().screening().getOid()), List.of(), List.of(), Set.of(ExtractSpec.SubjectAttribute.SEX),
        Set.of(), Set.of(), null, null, Set.of()));
    BackgroundJob job = datasets.startExtract(dm, d.getId(), null, ExtractFormat.CSV_UTF8_BOM, Locale.JAPANESE);
    BackgroundJob done = waitFor(dm, job.getId());
    assertEquals(done.getMessageKey() + " " + done.getMessageArg(), JobStatus.DONE, done.getStatus());
    Map<String, byte[]> zip = unzip(dm, job.getId());
    assertTrue(zip.keySet().toString(), zip.containsKey(done.getFileName().replace(".zip", ".csv")));
    byte[] csv = zip.get(done.getFileName().replace(".zip", ".csv"));
    assertEquals((byte) 0xEF, csv[0]);
    assertEquals((byte) 0xBB, csv[1]);
    assertEquals((byte) 0xBF, csv[2]);
    String text = new String(csv, StandardCharsets.UTF_8);
    assertTrue(text, text.contains(c.subject().getLabel()));
    assertTrue(text, text.contains("170.5"));
    assertTrue(text, text.contains("体調良好"));
  }

  @Test
  public void oc2040_anOpenEndedDatasetExtractedTodayHoldsAnEventThatStartedToday() throws Exception {
    DataCaptureFixture.Captured c = fixture.completed(false);
    String dm = c.dataManager();
    long study = c.study().study().getId();
    Dataset d = datasets.define(dm, study, new DatasetInput(unique("DS"), null, List.of(), List.of(), List.of(),
        Set.of(), Set.of(ExtractSpec.EventAttribute.START_DATE), Set.of(),
        LocalDate.of(2026, 1, 1), null, Set.of()));
    // an event entered after the dataset was defined, starting now
    events.schedule(c.subject().getId(), c.study().visit().getId(), new EventInput(Instant.now(), null, null),
        c.investigator());
    BackgroundJob job = datasets.startExtract(dm, d.getId(), null, ExtractFormat.TAB, Locale.ENGLISH);
    BackgroundJob done = waitFor(dm, job.getId());
    assertEquals(done.getMessageKey() + " " + done.getMessageArg(), JobStatus.DONE, done.getStatus());
    String tab = new String(unzip(dm, job.getId()).entrySet().stream()
        .filter(e -> !e.getKey().contains("-columns")).findFirst().orElseThrow().getValue(), StandardCharsets.UTF_8);
    String today = LocalDate.now(ZoneId.of(zone)).toString();
    assertTrue(today + " in\n" + tab, tab.contains(today));
  }
}
