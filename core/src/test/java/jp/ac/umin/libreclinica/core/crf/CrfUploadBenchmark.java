package jp.ac.umin.libreclinica.core.crf;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark, not a test: generates an 800-item CRF spreadsheet, uploads it (preview, then
 * commit) against the embedded PostgreSQL a few times, and prints the time of each upload and
 * the peak heap. See {@code docs/benchmarks.md} for the command. Goal: under 5 s per upload.
 *
 * <p>Arguments: item count (default 800), rounds (default 5), format xlsx|xls (default xlsx).
 */
public final class CrfUploadBenchmark {

  private CrfUploadBenchmark() {}

  public static void main(String[] args) {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 800;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean xls = args.length > 2 && args[2].equalsIgnoreCase("xls");
    SpringApplication app = new SpringApplication(CoreTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run("--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
      CrfService service = context.getBean(CrfService.class);
      String dm = new AccountFixtures(
              context.getBean(UserAccountRepository.class),
              context.getBean(PasswordHistoryRepository.class),
              context.getBean(PasswordEncoder.class),
              context.getBean(JdbcTemplate.class))
          .businessAdmin()
          .userName();
      resetPeaks();
      for (int round = 1; round <= rounds; round++) {
        String name = "Benchmark " + UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.nanoTime();
        var builder = RealisticCrfs.large(name, "v1", items);
        byte[] file = xls ? builder.xls() : builder.xlsx();
        long t1 = System.nanoTime();
        CrfPreview preview = service.preview(file, "bench." + (xls ? "xls" : "xlsx"), dm);
        long t2 = System.nanoTime();
        CrfUploadOutcome outcome = service.commit(file, "bench." + (xls ? "xls" : "xlsx"), dm);
        long t3 = System.nanoTime();
        System.out.printf(
            "round %d: %d items, file %d KB, generate %d ms, preview %d ms, commit %d ms%s%n",
            round, outcome.itemCount(), file.length / 1024, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2),
            preview.hasErrors() ? " (preview had errors!)" : "");
      }
      System.out.printf("peak heap: %d MB (max heap %d MB)%n",
          peakHeapBytes() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
