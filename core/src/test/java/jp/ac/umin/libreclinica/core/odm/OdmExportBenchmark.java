package jp.ac.umin.libreclinica.core.odm;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Benchmark, not a test: generates a study with {@code subjects × occurrences × items} item
 * values straight into the embedded database, exports the full ODM file to a counting sink
 * through {@link ClinicalDataExporter}, and in the same run has PostgreSQL {@code COPY} the same
 * query (the rows joined and ordered as the ODM needs them) to a sink; prints both times, their
 * ratio, the file size and the peak heap. Run with {@code -Xmx256m}; see docs/benchmarks.md.
 */
public final class OdmExportBenchmark {

  private OdmExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int occurrences = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    SpringApplication app = new SpringApplication(CoreTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run("--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      String dm = new AccountFixtures(context.getBean(UserAccountRepository.class),
          context.getBean(PasswordHistoryRepository.class), context.getBean(PasswordEncoder.class), jdbc)
          .businessAdmin().userName();
      StudyService studies = context.getBean(StudyService.class);
      EventDefinitionService definitions = context.getBean(EventDefinitionService.class);
      CrfService crfs = context.getBean(CrfService.class);

      long t0 = System.nanoTime();
      Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("ODMB"), "ODM benchmark 試験"), dm);
      Study site = studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("ODMS"), "東京施設"), dm);
      StudyEventDefinition visit = definitions.create(study.getId(),
          new EventDefinitionDetails("Visit", null, true, EventType.SCHEDULED, null), dm);
      CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(Fixtures.unique("BV"), "v1").xlsx(), "vs.xlsx", dm);
      definitions.attachCrf(visit.getId(), vitals.crfId(),
          new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
      studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
      long values = generate(jdbc, study, site, visit, vitals, subjects, occurrences);
      System.out.printf("generated %d subjects x %d events, %d item values in %d ms%n",
          subjects, occurrences, values, (System.nanoTime() - t0) / 1_000_000);

      ClinicalDataExporter exporter = context.getBean(ClinicalDataExporter.class);
      DataSource dataSource = context.getBean(DataSource.class);
      String copySql = "COPY (" + literal(ClinicalDataExporter.DATA_QUERY, study.getId()) + ") TO STDOUT";
      for (int round = 1; round <= rounds; round++) {
        resetPeaks();
        CountingSink odm = new CountingSink();
        long start = System.nanoTime();
        exporter.exportFull(dm, study.getId(), ClinicalDataFilter.all(), OdmExportOptions.libreClinica(), odm);
        long odmMs = (System.nanoTime() - start) / 1_000_000;
        long heap = peakHeap();

        CountingSink copy = new CountingSink();
        start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
          c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql, copy);
        }
        long copyMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
            "round %d: ODM export %d ms (%d MB), COPY of the same rows %d ms (%d MB), ratio %.1f, peak heap %d MB (max %d MB)%n",
            round, odmMs, odm.bytes >> 20, copyMs, copy.bytes >> 20, (double) odmMs / Math.max(copyMs, 1),
            heap >> 20, Runtime.getRuntime().maxMemory() >> 20);
      }
    }
  }

  /** The export's query with its parameters as literals: all subjects of the study, no filters. */
  static String literal(String query, long rootId) {
    String marker = "ss.parent_study_id = ?";
    if (!query.contains(marker)) {
      throw new IllegalStateException("the export query no longer selects by " + marker);
    }
    return query.replace(marker, "ss.parent_study_id = " + rootId).replace("?", "NULL");
  }

  /** Generates the benchmark's subjects, events, forms and values; returns the number of values. */
  public static long generate(JdbcTemplate jdbc, Study study, Study site, StudyEventDefinition visit,
      CrfUploadOutcome crf, int subjects, int occurrences) {
    Instant now = Instant.now();
    String tag = Long.toString(System.nanoTime(), 36).toUpperCase();
    jdbc.update("""
        INSERT INTO subject (sex, date_of_birth, created_at, created_by)
        SELECT CASE WHEN g % 2 = 0 THEN 'm' ELSE 'f' END, DATE '1950-01-01' + (g % 20000), now(), 'bench'
          FROM generate_series(1, ?) g""", subjects);
    jdbc.update("""
        INSERT INTO study_subject (subject_id, study_id, parent_study_id, label, oid, enrollment_date, status, created_at, created_by)
        SELECT s.id, ?, ?, ? || '-' || row_number() OVER (ORDER BY s.id), 'SS_' || ? || row_number() OVER (ORDER BY s.id),
               DATE '2026-01-01', 'AVAILABLE', now(), 'bench'
          FROM (SELECT id FROM subject WHERE created_by = 'bench' ORDER BY id DESC LIMIT ?) s""",
        site.getId(), study.getId(), tag, tag, subjects);
    jdbc.update("""
        INSERT INTO study_event (study_subject_id, event_definition_id, ordinal, start_at, status, removal, created_at, created_by)
        SELECT ss.id, ?, o, now(), 'DATA_ENTRY_STARTED', 'AVAILABLE', now(), 'bench'
          FROM study_subject ss CROSS JOIN generate_series(1, ?) o
         WHERE ss.parent_study_id = ?""", visit.getId(), occurrences, study.getId());
    jdbc.update("""
        INSERT INTO event_crf (study_event_id, crf_id, crf_version_id, study_id, status, created_at, created_by)
        SELECT se.id, ?, ?, ?, 'INITIAL_DATA_ENTRY', now(), 'bench'
          FROM study_event se JOIN study_subject ss ON ss.id = se.study_subject_id
         WHERE ss.parent_study_id = ?""", crf.crfId(), crf.crfVersionId(), site.getId(), study.getId());
    jdbc.update("""
        INSERT INTO item_data (event_crf_id, item_id, ordinal, value, updated_at, updated_by)
        SELECT ec.id, ifm.item_id, 1,
               CASE i.data_type WHEN 'INT' THEN (100 + ec.id % 50)::text WHEN 'REAL' THEN (50 + ec.id % 40) || '.5'
                                WHEN 'DATE' THEN '2026-04-07' ELSE '測定値 ' || ec.id END,
               now(), 'bench'
          FROM event_crf ec JOIN item_form_metadata ifm ON ifm.crf_version_id = ec.crf_version_id
          JOIN item i ON i.id = ifm.item_id
         WHERE ec.crf_version_id = ?""", crf.crfVersionId());
    jdbc.execute("ANALYZE");
    return jdbc.queryForObject("SELECT count(*) FROM item_data d JOIN event_crf ec ON ec.id = d.event_crf_id"
        + " WHERE ec.crf_version_id = ?", Long.class, crf.crfVersionId());
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Counts and drops what is written. */
  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
