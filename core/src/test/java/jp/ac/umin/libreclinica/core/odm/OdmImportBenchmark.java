package jp.ac.umin.libreclinica.core.odm;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import jp.ac.umin.libreclinica.core.odm.importing.ImportReport;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImportService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Benchmark, not a test: ODM import of {@code subjects × occurrences × 10} item values. Generates
 * a study with that much data (as {@link OdmExportBenchmark} does), exports it as ODM, points the
 * file at as many new subjects without data, then validates the file and imports it (whole file,
 * every value new: events scheduled, event CRFs started, values saved and audited) through
 * {@link OdmImportService}; prints the times, the counts and the peak heap. See docs/benchmarks.md.
 */
public final class OdmImportBenchmark {

  private OdmImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int occurrences = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    SpringApplication app = new SpringApplication(CoreTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run("--logging.level.root=WARN", "--spring.main.banner-mode=off", "--lc.import.max-bytes=2000000000")) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      String dm = new AccountFixtures(context.getBean(UserAccountRepository.class),
          context.getBean(PasswordHistoryRepository.class), context.getBean(PasswordEncoder.class), jdbc)
          .businessAdmin().userName();
      StudyService studies = context.getBean(StudyService.class);
      EventDefinitionService definitions = context.getBean(EventDefinitionService.class);
      CrfService crfs = context.getBean(CrfService.class);

      long t0 = System.nanoTime();
      Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("ODMI"), "ODM import benchmark 試験"), dm);
      Study site = studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("ODMJ"), "東京施設"), dm);
      StudyEventDefinition visit = definitions.create(study.getId(),
          new EventDefinitionDetails("Visit", null, true, EventType.SCHEDULED, null), dm);
      CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(Fixtures.unique("BI"), "v1").xlsx(), "vs.xlsx", dm);
      definitions.attachCrf(visit.getId(), vitals.crfId(),
          new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
      studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
      long values = OdmExportBenchmark.generate(jdbc, study, site, visit, vitals, subjects, occurrences);

      // the export of that data, pointed at new subjects (same site, other labels and OIDs)
      Path file = Files.createTempFile("odm-import-bench", ".xml");
      try (OutputStream out = Files.newOutputStream(file)) {
        context.getBean(ClinicalDataExporter.class).exportClinical(dm, study.getId(), ClinicalDataFilter.all(),
            OdmExportOptions.libreClinica(), out);
      }
      String label = jdbc.queryForObject("SELECT min(label) FROM study_subject WHERE parent_study_id = ?",
          String.class, study.getId());
      String tag = label.substring(0, label.indexOf('-'));
      String fresh = "N" + tag;
      jdbc.update("""
          INSERT INTO subject (sex, date_of_birth, created_at, created_by)
          SELECT 'f', DATE '1960-01-01', now(), 'bench-import' FROM generate_series(1, ?)""", subjects);
      jdbc.update("""
          INSERT INTO study_subject (subject_id, study_id, parent_study_id, label, oid, enrollment_date, status, created_at, created_by)
          SELECT s.id, ?, ?, ? || '-' || row_number() OVER (ORDER BY s.id), 'SS_' || ? || row_number() OVER (ORDER BY s.id),
                 DATE '2026-01-01', 'AVAILABLE', now(), 'bench'
            FROM (SELECT id FROM subject WHERE created_by = 'bench-import' ORDER BY id DESC LIMIT ?) s""",
          site.getId(), study.getId(), fresh, fresh, subjects);
      String xml = Files.readString(file, StandardCharsets.UTF_8)
          .replace("SS_" + tag, "SS_" + fresh).replace("\"" + tag + "-", "\"" + fresh + "-")
          // values the CRF's checks accept (the generator writes numbers into every INT item)
          .replaceAll("(ItemOID=\"I_\\w+_TIME\" Value=\")[^\"]*\"", "$110:30\"")
          .replaceAll("(ItemOID=\"I_\\w+_SEX\" Value=\")[^\"]*\"", "$12\"")
          .replaceAll("(ItemOID=\"I_\\w+_PREG\" Value=\")[^\"]*\"", "$10\"");
      Files.writeString(file, xml, StandardCharsets.UTF_8);
      jdbc.execute("ANALYZE");
      System.out.printf("generated %d item values, ODM file of %d KB, in %d ms%n",
          values, Files.size(file) >> 10, (System.nanoTime() - t0) / 1_000_000);

      OdmImportService importer = context.getBean(OdmImportService.class);
      OdmExportBenchmark.resetPeaks();
      long start = System.nanoTime();
      ImportReport check;
      try (InputStream in = Files.newInputStream(file)) {
        check = importer.validate(dm, study.getId(), in);
      }
      long validateMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("validate: %d ms, %d subjects, %d forms, %d new, %d changed, %d unchanged, %d errors %s,"
              + " peak heap %d MB (max %d MB)%n", validateMs, check.subjects(), check.forms(), check.newValues(),
          check.changedValues(), check.unchangedValues(), check.errors().size(),
          check.errors().stream().limit(3).toList(), OdmExportBenchmark.peakHeap() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);

      OdmExportBenchmark.resetPeaks();
      start = System.nanoTime();
      ImportReport done;
      try (InputStream in = Files.newInputStream(file)) {
        done = importer.importFile(dm, study.getId(), in, null, OdmImportService.Scope.FILE);
      }
      long importMs = (System.nanoTime() - start) / 1_000_000;
      long stored = jdbc.queryForObject("SELECT count(*) FROM item_data d JOIN event_crf ec ON ec.id = d.event_crf_id"
          + " JOIN study_event se ON se.id = ec.study_event_id JOIN study_subject ss ON ss.id = se.study_subject_id"
          + " WHERE ss.label LIKE ?", Long.class, fresh + "-%");
      System.out.printf("import (validate again + store): %d ms, imported %s, %d values stored, %d errors %s,"
              + " peak heap %d MB (max %d MB)%n", importMs, done.imported(), stored, done.errors().size(),
          done.errors().stream().limit(3).toList(), OdmExportBenchmark.peakHeap() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      Files.deleteIfExists(file);
    }
  }
}
