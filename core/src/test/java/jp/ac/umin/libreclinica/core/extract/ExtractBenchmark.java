package jp.ac.umin.libreclinica.core.extract;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import jp.ac.umin.libreclinica.core.odm.OdmExportBenchmark;
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
 * Benchmark, not a test: generates {@code subjects × occurrences × items} item values with the
 * ODM benchmark's generator, then extracts them through {@link DatasetExtractor} as CSV (UTF-8
 * with a BOM), tab-delimited text, SPSS and .xlsx into a counting sink; prints each time, the zip's
 * size and the peak heap. Run with {@code -Xmx256m}; see docs/benchmarks.md.
 */
public final class ExtractBenchmark {

  private ExtractBenchmark() {}

  public static void main(String[] args) throws Exception {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int occurrences = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<ExtractFormat> formats = args.length > 3
        ? java.util.Arrays.stream(args[3].split(",")).map(ExtractFormat::valueOf).toList()
        : List.of(ExtractFormat.CSV_UTF8_BOM, ExtractFormat.XLSX);
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
      Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("EXB"), "Extract benchmark 試験"), dm);
      Study site = studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("EXS"), "東京施設"), dm);
      StudyEventDefinition visit = definitions.create(study.getId(),
          new EventDefinitionDetails("Visit", null, true, EventType.SCHEDULED, null), dm);
      CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(Fixtures.unique("EV"), "v1").xlsx(), "vs.xlsx", dm);
      definitions.attachCrf(visit.getId(), vitals.crfId(),
          new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
      studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
      long values = OdmExportBenchmark.generate(jdbc, study, site, visit, vitals, subjects, occurrences);
      System.out.printf("generated %d subjects x %d events, %d item values in %d ms%n",
          subjects, occurrences, values, (System.nanoTime() - t0) / 1_000_000);

      DatasetExtractor extractor = context.getBean(DatasetExtractor.class);
      ExtractSpec spec = new ExtractSpec(study.getId(), List.of(), List.of(), List.of(),
          EnumSet.allOf(ExtractSpec.SubjectAttribute.class), EnumSet.allOf(ExtractSpec.EventAttribute.class),
          EnumSet.allOf(ExtractSpec.FormAttribute.class), null, null, Set.of());
      for (int round = 1; round <= rounds; round++) {
        for (ExtractFormat format : formats) {
          resetPeaks();
          CountingSink sink = new CountingSink();
          long start = System.nanoTime();
          extractor.write(dm, "bench", spec, format, sink, DatasetExtractor.ExtractProgress.NONE);
          long ms = (System.nanoTime() - start) / 1_000_000;
          System.out.printf("round %d: %s extract of %d values: %d ms, zip %d KB, peak heap %d MB (max %d MB)%n",
              round, format, values, ms, sink.bytes >> 10, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
      }
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
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
