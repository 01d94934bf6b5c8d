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
 * create and one event schedule (data import follows when it exists), against the embedded
 * PostgreSQL; prints the time and the errors. Arguments: subjects, clients.
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
              if (!"Success".equals(a.text("result")) || !"Success".equals(b.text("result"))) {
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
      System.out.printf(
          "%d subjects (create + schedule = %d SOAP calls) by %d clients: %d ms, %.1f calls/s, %d errors%n",
          subjects, subjects * 2, clients, ms, subjects * 2 * 1000.0 / ms, errors.get());
    }
  }
}
