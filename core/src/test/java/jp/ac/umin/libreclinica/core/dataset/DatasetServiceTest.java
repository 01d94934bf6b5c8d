package jp.ac.umin.libreclinica.core.dataset;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.extract.DatasetExtractor;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.job.JobStatus;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;

/** Datasets: definition with validation, rights, audit, the extract archive, schedules and notices. */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import({DataCaptureFixture.class, DatasetServiceTest.FakeExtractor.class})
public class DatasetServiceTest {

  /** Stands in for the extract writer: one entry naming the spec. */
  @TestConfiguration
  static class FakeExtractor {
    @Bean
    @Primary
    DatasetExtractor fakeDatasetExtractor() {
      return (actor, baseName, spec, format, out, progress) -> {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(baseName + ".txt"));
        zip.write((format + " " + spec).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        progress.progress(1, 1);
      };
    }
  }

  @Autowired private DataCaptureFixture fixture;
  @Autowired private DatasetService datasets;
  @Autowired private BackgroundJobService jobs;
  @Autowired private Scheduler scheduler;
  @Autowired private JdbcTemplate jdbc;

  private DataCaptureFixture.Captured c;
  private String dm;
  private long study;
  private String eventOid;
  private String formOid;
  private List<String> itemOids;

  @Before
  public void aStudyWithData() {
    c = fixture.completed(false);
    dm = c.dataManager();
    study = c.study().study().getId();
    DatasetChoices choices = datasets.choices(dm, study);
    DatasetChoices.EventChoice screening = choices.events().stream()
        .filter(e -> e.oid().equals(c.study().screening().getOid())).findFirst().orElseThrow();
    eventOid = screening.oid();
    formOid = screening.forms().get(0).oid();
    itemOids = screening.forms().get(0).items().stream().map(DatasetChoices.ItemChoice::oid).toList();
  }

  private DatasetInput input(String name) {
    return new DatasetInput(name, "説明", List.of(eventOid), List.of(formOid), itemOids.subList(0, 2),
        Set.of(ExtractSpec.SubjectAttribute.SEX, ExtractSpec.SubjectAttribute.SITE),
        Set.of(ExtractSpec.EventAttribute.START_DATE), Set.of(ExtractSpec.FormAttribute.VERSION),
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Set.of("AVAILABLE", "SIGNED"));
  }

  private int audits(String action, long id) {
    return jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = ? AND entity_id = ?",
        Integer.class, action, Long.toString(id));
  }

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

  @Test
  public void aDataManagerDefinesEditsCopiesRemovesAndRestoresADatasetEachChangeAudited() {
    Dataset d = datasets.define(dm, study, input(unique("DS")));
    assertEquals(study, d.getStudyId());
    assertEquals(List.of(eventOid), d.getEventOids());
    assertEquals(itemOids.subList(0, 2), d.getItemOids());
    assertEquals(Set.of(ExtractSpec.SubjectAttribute.SEX, ExtractSpec.SubjectAttribute.SITE), d.getSubjectAttributes());
    assertEquals(1, audits("dataset.create", d.getId()));

    DatasetInput changed = new DatasetInput(d.getName(), null, List.of(), List.of(), List.of(), Set.of(), Set.of(),
        Set.of(), null, null, Set.of());
    Dataset edited = datasets.edit(dm, d.getId(), d.getVersion(), changed);
    assertTrue(edited.getItemOids().isEmpty());
    assertEquals(dm, edited.getUpdatedBy());
    assertEquals(1, audits("dataset.update", d.getId()));
    assertEquals("dataset.changedMeanwhile", assertThrows(DatasetException.class,
        () -> datasets.edit(dm, d.getId(), d.getVersion(), changed)).messageKey());

    Dataset copy = datasets.copy(dm, d.getId(), unique("COPY"));
    assertEquals(edited.getEventOids(), copy.getEventOids());
    assertEquals(1, audits("dataset.copy", copy.getId()));

    DatasetException noReason = assertThrows(DatasetException.class, () -> datasets.remove(dm, d.getId(), " "));
    assertEquals("reason", noReason.field());
    Dataset removed = datasets.remove(dm, d.getId(), "no longer needed");
    assertEquals(DatasetStatus.REMOVED, removed.getStatus());
    assertFalse(datasets.list(dm, study, false, PageRequest.of(0, 50)).getContent().stream()
        .anyMatch(x -> x.getId().equals(d.getId())));
    assertTrue(datasets.list(dm, study, true, PageRequest.of(0, 50)).getContent().stream()
        .anyMatch(x -> x.getId().equals(d.getId())));
    assertEquals("dataset.removed", assertThrows(DatasetException.class,
        () -> datasets.startExtract(dm, d.getId(), null, ExtractFormat.TAB, Locale.ENGLISH)).messageKey());
    Dataset restored = datasets.restore(dm, d.getId(), "needed again");
    assertEquals(DatasetStatus.AVAILABLE, restored.getStatus());
    assertEquals(1, audits("dataset.remove", d.getId()));
    assertEquals(1, audits("dataset.restore", d.getId()));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = 'dataset.remove' AND entity_id = ? AND reason = 'no longer needed'",
        Integer.class, d.getId().toString()));
  }

  @Test
  public void badDefinitionsAreRefusedNamingTheFieldAndWhatIsWrongAndChangeNothing() {
    String name = unique("DS");
    datasets.define(dm, study, input(name));
    long before = datasets.list(dm, study, true, PageRequest.of(0, 500)).getTotalElements();

    DatasetException blank = assertThrows(DatasetException.class, () -> datasets.define(dm, study, input("  ")));
    assertEquals("name", blank.field());
    assertEquals("dataset.name.required", blank.messageKey());
    assertEquals("dataset.name.tooLong",
        assertThrows(DatasetException.class, () -> datasets.define(dm, study, input("x".repeat(256)))).messageKey());
    DatasetException taken = assertThrows(DatasetException.class,
        () -> datasets.define(dm, study, input(name.toLowerCase(Locale.ROOT))));
    assertEquals("dataset.name.taken", taken.messageKey());

    DatasetInput good = input(unique("DS"));
    DatasetException events = assertThrows(DatasetException.class, () -> datasets.define(dm, study,
        new DatasetInput(good.name(), null, List.of(eventOid, "SE_NOPE"), List.of(), List.of(), Set.of(), Set.of(),
            Set.of(), null, null, Set.of())));
    assertEquals("eventOids", events.field());
    assertEquals("SE_NOPE", events.arguments()[0]);
    DatasetException items = assertThrows(DatasetException.class, () -> datasets.define(dm, study,
        new DatasetInput(good.name(), null, List.of(eventOid), List.of(formOid), List.of("I_NOPE_1", itemOids.get(0), "I_NOPE_2"),
            Set.of(), Set.of(), Set.of(), null, null, Set.of())));
    assertEquals("itemOids", items.field());
    assertEquals("I_NOPE_1, I_NOPE_2", items.arguments()[0]);
    DatasetException forms = assertThrows(DatasetException.class, () -> datasets.define(dm, study,
        new DatasetInput(good.name(), null, List.of(c.study().visit().getOid()), List.of(formOid), List.of(),
            Set.of(), Set.of(), Set.of(), null, null, Set.of())));
    assertEquals("formOids", forms.field());
    DatasetException dates = assertThrows(DatasetException.class, () -> datasets.define(dm, study,
        new DatasetInput(good.name(), null, List.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of(),
            LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 1), Set.of())));
    assertEquals("dateFrom", dates.field());
    assertEquals("dataset.dates.reversed", dates.messageKey());
    assertEquals("dataset.subjectStatuses.unknown", assertThrows(DatasetException.class, () -> datasets.define(dm, study,
        new DatasetInput(good.name(), null, List.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of(),
            null, null, Set.of("GONE")))).messageKey());

    assertEquals(before, datasets.list(dm, study, true, PageRequest.of(0, 500)).getTotalElements());
  }

  @Test
  public void oc2040_aDatasetWithoutDateRangeHasAnOpenEndAndIncludesTodaysData() {
    Dataset d = datasets.define(dm, study, DatasetInput.named(unique("DS")));
    assertNull(jdbc.queryForObject("SELECT date_to FROM dataset WHERE id = ?", LocalDate.class, d.getId()));
    assertNull(jdbc.queryForObject("SELECT date_from FROM dataset WHERE id = ?", LocalDate.class, d.getId()));
    // built today, and on any later day, the spec has no upper bound: today's data is in
    ExtractSpec spec = datasets.view(dm, d.getId()).toSpec(study);
    assertNull(spec.dateTo());
    assertNull(spec.dateFrom());
    LocalDate today = LocalDate.now();
    assertTrue(spec.dateTo() == null || !today.isAfter(spec.dateTo()));
    // editing it later keeps the end open
    Dataset edited = datasets.edit(dm, d.getId(), d.getVersion(), d.input());
    assertNull(edited.toSpec(study).dateTo());
  }

  @Test
  public void onlyUsersWhoMayExtractSeeDatasetsAndASiteUsersExtractsAreOfTheirSite() throws Exception {
    String crcA = c.study().crcA();
    long siteA = c.study().siteA().getId();
    long siteB = c.study().siteB().getId();
    // a CRC may enter data but not extract it
    assertThrows(PermissionDeniedException.class, () -> datasets.list(crcA, siteA, false, PageRequest.of(0, 10)));
    assertThrows(PermissionDeniedException.class, () -> datasets.define(crcA, siteA, DatasetInput.named(unique("X"))));
    Dataset d = datasets.define(dm, study, DatasetInput.named(unique("DS")));
    assertThrows(PermissionDeniedException.class, () -> datasets.view(crcA, d.getId()));

    // site B's investigator sees the study's datasets at the site, not at the study
    String inv = c.investigator();
    assertTrue(datasets.list(inv, siteB, false, PageRequest.of(0, 500)).getContent().stream()
        .anyMatch(x -> x.getId().equals(d.getId())));
    assertThrows(PermissionDeniedException.class, () -> datasets.list(inv, study, false, PageRequest.of(0, 10)));
    assertThrows(PermissionDeniedException.class,
        () -> datasets.startExtract(inv, d.getId(), study, ExtractFormat.TAB, Locale.ENGLISH));
    BackgroundJob atSite = datasets.startExtract(inv, d.getId(), null, ExtractFormat.TAB, Locale.ENGLISH);
    assertEquals(siteB, atSite.getStudyId());
    waitFor(inv, atSite.getId());
    BackgroundJob atStudy = datasets.startExtract(dm, d.getId(), null, ExtractFormat.TAB, Locale.ENGLISH);
    assertEquals(study, atStudy.getStudyId());
    waitFor(dm, atStudy.getId());
    // the investigator's archive list holds their site's extract, not the study-wide one
    List<Long> seen = datasets.extracts(inv, d.getId()).stream().map(BackgroundJob::getId).toList();
    assertEquals(List.of(atSite.getId()), seen);
    assertThrows(PermissionDeniedException.class, () -> datasets.extractFile(inv, atStudy.getId()));
  }

  @Test
  public void anExtractRunsInTheBackgroundIsArchivedDownloadedWithAuditNoticedAndRemovedWithAReason() throws Exception {
    Dataset d = datasets.define(dm, study, input(unique("抽出 DS")));
    BackgroundJob job = datasets.startExtract(dm, d.getId(), null, ExtractFormat.CSV_WINDOWS_31J, Locale.JAPANESE);
    BackgroundJob done = waitFor(dm, job.getId());
    assertEquals(done.getMessageKey() + " " + done.getMessageArg(), JobStatus.DONE, done.getStatus());
    assertEquals(64, done.getFileSha256().length());
    assertTrue(done.getFileName(), done.getFileName().endsWith("-csv_windows_31j.zip"));
    assertEquals(List.of(job.getId()), datasets.extracts(dm, d.getId()).stream().map(BackgroundJob::getId).toList());

    Path file = datasets.extractFile(dm, job.getId());
    assertEquals(done.getFileSize().longValue(), Files.size(file));
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry e = zip.getNextEntry();
      assertNotNull(e);
      String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text, text.startsWith("CSV_WINDOWS_31J ExtractSpec[studyOrSiteId=" + study));
      assertTrue(text, text.contains(itemOids.get(0)));
    }
    assertEquals(1, audits("job.download", job.getId()));

    // the notice waits on the dataset page for the user who asked
    List<DatasetNotice> notices = null;
    for (int i = 0; i < 50 && (notices == null || notices.isEmpty()); i++) {
      notices = datasets.notices(dm, d.getId());
      Thread.sleep(100);
    }
    assertEquals(1, notices.size());
    assertEquals(JobStatus.DONE, notices.get(0).getJobStatus());
    assertEquals(job.getId().longValue(), notices.get(0).getJobId());
    datasets.dismissNotice(dm, notices.get(0).getId());
    assertTrue(datasets.notices(dm, d.getId()).isEmpty());

    assertEquals("reason", assertThrows(DatasetException.class,
        () -> datasets.removeExtract(dm, job.getId(), "")).field());
    datasets.removeExtract(dm, job.getId(), "wrong dates");
    assertTrue(datasets.extracts(dm, d.getId()).isEmpty());
    assertEquals(Boolean.TRUE, jdbc.queryForObject("SELECT removed FROM background_job WHERE id = ?", Boolean.class, job.getId()));
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(file.getParent().resolve("removed").resolve(file.getFileName())));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = 'job.remove' AND entity_id = ? AND reason = 'wrong dates'",
        Integer.class, job.getId().toString()));
  }

  @Test
  public void aScheduleRegistersACronTriggerWhoseFiringStartsAnExtractAndEndingItRemovesIt() throws Exception {
    Dataset d = datasets.define(dm, study, DatasetInput.named(unique("DS")));
    DatasetException noDay = assertThrows(DatasetException.class, () -> datasets.schedule(dm, d.getId(), null,
        new DatasetSchedule(ScheduleFrequency.WEEKLY, LocalTime.of(2, 30), null, ExtractFormat.TAB), Locale.ENGLISH));
    assertEquals("scheduleDay", noDay.field());
    assertNull(scheduler.getTrigger(DatasetService.triggerKey(d.getId())));

    datasets.schedule(dm, d.getId(), null,
        new DatasetSchedule(ScheduleFrequency.WEEKLY, LocalTime.of(2, 30), DayOfWeek.MONDAY, ExtractFormat.TAB), Locale.ENGLISH);
    CronTrigger trigger = (CronTrigger) scheduler.getTrigger(DatasetService.triggerKey(d.getId()));
    assertNotNull(trigger);
    assertEquals("0 30 2 ? * MON", trigger.getCronExpression());
    assertEquals("Asia/Tokyo", trigger.getTimeZone().getID());
    assertEquals(1, audits("dataset.schedule", d.getId()));

    scheduler.triggerJob(DatasetService.jobKey(d.getId()));
    List<BackgroundJob> started = List.of();
    for (int i = 0; i < 100 && started.isEmpty(); i++) {
      Thread.sleep(100);
      started = datasets.extracts(dm, d.getId());
    }
    assertEquals(1, started.size());
    assertEquals(dm, started.get(0).getRequestedBy());
    assertEquals("dataset=" + d.getId() + ";format=TAB", started.get(0).getParameters());
    waitFor(dm, started.get(0).getId());

    datasets.schedule(dm, d.getId(), null,
        new DatasetSchedule(ScheduleFrequency.DAILY, LocalTime.of(23, 5), null, ExtractFormat.XLSX), Locale.ENGLISH);
    assertEquals("0 5 23 ? * *",
        ((CronTrigger) scheduler.getTrigger(DatasetService.triggerKey(d.getId()))).getCronExpression());
    datasets.remove(dm, d.getId(), "done");
    assertNull(scheduler.getTrigger(DatasetService.triggerKey(d.getId())));
    assertFalse(datasets.view(dm, d.getId()).getSchedule().active());
  }

  @Test
  public void theDailyAndWeeklyCronExpressionsAreAsQuartzReadsThem() {
    assertEquals("0 0 7 ? * *", new DatasetSchedule(ScheduleFrequency.DAILY, LocalTime.of(7, 0), null, ExtractFormat.TAB).cron());
    assertEquals("0 15 18 ? * FRI",
        new DatasetSchedule(ScheduleFrequency.WEEKLY, LocalTime.of(18, 15), DayOfWeek.FRIDAY, ExtractFormat.TAB).cron());
  }

}
