package jp.ac.umin.libreclinica.ws.soap;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Not a test: N subjects over SOAP by C concurrent clients, each subject one studySubject
 * create, one event schedule and one data import of a 20-item form (ODM in the request),
 * against the embedded PostgreSQL; prints the time of each kind of call and the errors, and
 * checks afterwards that every value was stored. Arguments: subjects, clients.
 */
public final class SoapBenchmark {

  public static void main(String[] args) throws Exception {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    SpringApplication app = new SpringApplication(RealAccountsWsTestApplication.class);
    app.setDefaultProperties(java.util.Map.of("server.port", "0", "spring.jpa.open-in-view", "false"));
    try (ConfigurableApplicationContext ctx = app.run()) {
      int port = ((ServletWebServerApplicationContext) ctx).getWebServer().getPort();
      AccountFixtures fixtures =
          new AccountFixtures(ctx.getBean(UserAccountRepository.class), ctx.getBean(PasswordHistoryRepository.class),
              ctx.getBean(PasswordEncoder.class), ctx.getBean(JdbcTemplate.class));
      var r = new SubjectFixtures(ctx.getBean(StudyService.class), ctx.getBean(EventDefinitionService.class),
          ctx.getBean(RoleAssignmentService.class), fixtures).runningStudy();
      String password = "Bench-Passw0rd-2026";
      ctx.getBean(AccountService.class).changeOwnPassword(r.crcA(), AccountFixtures.PASSWORD, password);
      ctx.getBean(AccountService.class).changeOwnPassword(r.dataManager(), AccountFixtures.PASSWORD, password);
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      var builder = jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder.crf("Bench20-" + System.nanoTime(), "v1")
          .section("S1", "Items");
      for (int k = 1; k <= 20; k++) {
        builder = builder.item("V" + k).text("Value " + k).done();
      }
      var form = ctx.getBean(jp.ac.umin.libreclinica.core.crf.CrfService.class).commit(builder.xlsx(), "b20.xlsx", r.dataManager());
      ctx.getBean(EventDefinitionService.class).attachCrf(r.screening().getId(), form.crfId(),
          new jp.ac.umin.libreclinica.core.event.CrfParameters(false, null, false, false, false,
              jp.ac.umin.libreclinica.core.event.SdvRequirement.NOT_REQUIRED, java.util.List.of()), r.dataManager());
      String groupOid = jdbc.queryForObject("SELECT min(oid) FROM item_group WHERE crf_id = ?", String.class, form.crfId());
      java.util.List<String> itemOids = jdbc.queryForList(
          "SELECT oid FROM item WHERE crf_id = ? ORDER BY name", String.class, form.crfId());
      java.util.concurrent.atomic.AtomicLong importNanos = new java.util.concurrent.atomic.AtomicLong();
      String ref = "<bean:studyRef><bean:identifier>" + r.study().getProtocolId()
          + "</bean:identifier><bean:siteRef><bean:identifier>" + r.siteA().getProtocolId()
          + "</bean:identifier></bean:siteRef></bean:studyRef>";
      AtomicInteger next = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      java.util.List<Future<?>> done = new java.util.ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(pool.submit(() -> {
          SoapClient client = new SoapClient(port);
          for (int i = next.getAndIncrement(); i < subjects; i = next.getAndIncrement()) {
            String label = "B" + i;
            try {
              var a = client.call("studySubject", r.crcA(), password,
                  "<v1:createRequest><v1:studySubject><bean:label>" + label + "</bean:label>"
                      + "<bean:enrollmentDate>2026-04-01</bean:enrollmentDate><bean:subject>"
                      + "<bean:uniqueIdentifier>P" + label + "</bean:uniqueIdentifier>"
                      + "<bean:gender>f</bean:gender><bean:dateOfBirth>1970-01-01</bean:dateOfBirth>"
                      + "</bean:subject>" + ref + "</v1:studySubject></v1:createRequest>");
              var b = client.call("event", r.crcA(), password,
                  "<v1:scheduleRequest><v1:event><bean:studySubjectRef><bean:label>" + label
                      + "</bean:label></bean:studySubjectRef>" + ref + "<bean:eventDefinitionOID>"
                      + r.screening().getOid() + "</bean:eventDefinitionOID>"
                      + "<bean:startDate>2026-05-01</bean:startDate></v1:event></v1:scheduleRequest>");
              String subjectOid = jdbc.queryForObject("SELECT oid FROM study_subject WHERE label = ? AND study_id = ?",
                  String.class, label, r.siteA().getId());
              StringBuilder odm = new StringBuilder("<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" FileOID=\"b\""
                  + " FileType=\"Snapshot\" ODMVersion=\"1.3\"><ClinicalData StudyOID=\"" + r.siteA().getOid()
                  + "\" MetaDataVersionOID=\"v1.0.0\"><SubjectData SubjectKey=\"" + subjectOid + "\">"
                  + "<StudyEventData StudyEventOID=\"" + r.screening().getOid() + "\"><FormData FormOID=\""
                  + form.crfVersionOid() + "\"><ItemGroupData ItemGroupOID=\"" + groupOid + "\" TransactionType=\"Insert\">");
              for (String item : itemOids) {
                odm.append("<ItemData ItemOID=\"").append(item).append("\" Value=\"値 ").append(label).append("\"/>");
              }
              odm.append("</ItemGroupData></FormData></StudyEventData></SubjectData></ClinicalData></ODM>");
              long t = System.nanoTime();
              var d = client.call("data", r.dataManager(), password, "<v1:importRequest>" + odm + "</v1:importRequest>");
              importNanos.addAndGet(System.nanoTime() - t);
              if (!"Success".equals(a.text("result")) || !"Success".equals(b.text("result"))
                  || !d.body().contains(">Success<")) {
                errors.incrementAndGet();
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      pool.shutdown();
      long stored = jdbc.queryForObject("SELECT count(*) FROM item_data d JOIN event_crf ec ON ec.id = d.event_crf_id"
          + " WHERE ec.crf_id = ?", Long.class, form.crfId());
      System.out.printf(
          "%d subjects (create + schedule + import of 20 values = %d SOAP calls) by %d clients: %d ms, %.1f calls/s,"
              + " data import %.0f ms per call on average, %d errors, %d of %d values stored%n",
          subjects, subjects * 3, clients, ms, subjects * 3 * 1000.0 / ms,
          importNanos.get() / 1e6 / Math.max(1, subjects), errors.get(), stored, subjects * 20L);
    }
  }
}
