package jp.ac.umin.libreclinica.core.casebook;

import static jp.ac.umin.libreclinica.core.account.AccountFixtures.PASSWORD;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark, not a test: the casebook PDF of one signed subject with 50 completed CRFs (the
 * vital signs CRF in 50 occurrences of a repeating event, Japanese text in each), with and
 * without the audit trail, several rounds; prints the time to build the document, to write the
 * PDF, the size and the page count. See {@code docs/benchmarks.md} for the command.
 *
 * <p>Arguments: CRF count (default 50), rounds (default 5).
 */
public final class CasebookPdfBenchmark {

  private CasebookPdfBenchmark() {}

  public static void main(String[] args) throws Exception {
    int crfCount = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    SpringApplication app = new SpringApplication(CoreTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run("--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
      DataCaptureFixture fixture = context.getAutowireCapableBeanFactory().createBean(DataCaptureFixture.class);
      DataEntryService entry = context.getBean(DataEntryService.class);
      StudyEventService events = context.getBean(StudyEventService.class);
      EventDefinitionService definitions = context.getBean(EventDefinitionService.class);
      SignatureService signatures = context.getBean(SignatureService.class);
      CasebookService casebooks = context.getBean(CasebookService.class);
      CasebookPdfWriter writer =
          new CasebookPdfWriter(CasebookPdfTest.bundles(), context.getBean(PdfFont.class), "Asia/Tokyo");

      long s0 = System.nanoTime();
      DataCaptureFixture.Captured c = fixture.completed(false);
      String inv = c.investigator();
      definitions.attachCrf(c.study().visit().getId(), c.vitals().crfId(),
          new CrfParameters(true, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()),
          c.dataManager());
      for (int i = 2; i <= crfCount; i++) {
        StudyEvent e = events.schedule(c.subject().getId(), c.study().visit().getId(),
            new EventInput(Instant.parse("2026-04-07T01:00:00Z").plusSeconds(86_400L * i), null, "外来 " + i), inv);
        EventCrf crf = entry.startForEvent(inv, e.getId(), c.vitals().crfVersionId());
        entry.save(inv, crf.getId(), DataCaptureFixture.typed("VSDAT", "2026-04-07", "HEIGHT", "170." + (i % 10),
            "WEIGHT", String.valueOf(50 + i), "SYSBP", "120", "DIABP", "80", "TIME", "09:30", "SEX", "2",
            "COMMENT", "体調良好。食欲あり、睡眠良好。第" + i + "回来院。"), java.util.Map.of(), null);
        entry.markComplete(inv, crf.getId());
      }
      String hash = signatures.preview(inv, c.subject().getId(), null).hash();
      signatures.sign(inv, c.subject().getId(), null, hash, PASSWORD, Locale.JAPANESE);
      System.out.printf("setup: %d CRFs entered, completed and signed in %d ms%n", crfCount, ms(System.nanoTime() - s0));

      for (boolean withAudit : new boolean[] {false, true}) {
        for (int round = 1; round <= rounds; round++) {
          long t0 = System.nanoTime();
          CasebookDocument doc = casebooks.document(inv, c.subject().getId(), withAudit, Locale.JAPANESE);
          long t1 = System.nanoTime();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          writer.write(doc, Locale.JAPANESE, out);
          long t2 = System.nanoTime();
          int pages;
          try (var pdf = org.apache.pdfbox.Loader.loadPDF(out.toByteArray())) {
            pages = pdf.getNumberOfPages();
          }
          System.out.printf("round %d%s: %d CRFs, document %d ms, PDF %d ms, %d KB, %d pages%n",
              round, withAudit ? " (with audit trail, " + doc.audit().size() + " records)" : "",
              doc.events().stream().mapToInt(e -> e.forms().size()).sum(), ms(t1 - t0), ms(t2 - t1),
              out.size() / 1024, pages);
        }
      }
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
