package jp.ac.umin.libreclinica.web.subject;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.casebook.MatrixQuery;
import jp.ac.umin.libreclinica.core.casebook.SubjectMatrixService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Benchmark, not a test: generates a study with N subjects (default 10,000) over three sites,
 * each with M events (default 10, one per event definition, statuses mixed), then requests the
 * first page of the subject matrix (50 rows) several times through the whole web stack
 * (security, controller, service, Thymeleaf) and prints the server time of each request and
 * the number of SQL statements it ran (Hibernate statistics), then the same for a filtered and
 * a sorted page. See {@code docs/benchmarks.md}. Goal: under 300 ms; statements independent of
 * the page size.
 *
 * <p>Arguments: subjects (default 10000), event definitions (default 10), rounds (default 5).
 */
public final class SubjectMatrixBenchmark {

  private SubjectMatrixBenchmark() {}

  public static void main(String[] args) throws Exception {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int eventDefinitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    SpringApplication app = new SpringApplication(WebTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run(
            "--logging.level.root=WARN",
            "--spring.main.banner-mode=off",
            "--server.port=0",
            "--spring.jpa.properties.hibernate.generate_statistics=true")) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      AccountFixtures accounts =
          new AccountFixtures(
              context.getBean(UserAccountRepository.class),
              context.getBean(PasswordHistoryRepository.class),
              context.getBean(PasswordEncoder.class),
              jdbc);
      String dm = accounts.businessAdmin().userName();
      StudyService studies = context.getBean(StudyService.class);
      EventDefinitionService definitions = context.getBean(EventDefinitionService.class);
      long t0 = System.nanoTime();
      Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("BENCH"), "Benchmark 10000"), dm);
      for (String site : new String[] {"東京", "大阪", "名古屋"}) {
        studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("BS"), site), dm);
      }
      for (int i = 1; i <= eventDefinitions; i++) {
        definitions.create(study.getId(),
            new EventDefinitionDetails("Visit " + i, null, i % 3 == 0, EventType.SCHEDULED, null), dm);
      }
      studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
      generate(jdbc, study.getId(), subjects);
      System.out.printf("generated %d subjects x %d events in %d ms%n",
          subjects, eventDefinitions, (System.nanoTime() - t0) / 1_000_000);

      MockMvc mvc =
          MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).apply(springSecurity()).build();
      Statistics stats =
          context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();
      String base = "/studies/" + study.getId() + "/subjects";
      for (int round = 1; round <= rounds; round++) {
        request(mvc, stats, dm, base, "round " + round + ", first page");
      }
      SubjectMatrixService matrices = context.getBean(SubjectMatrixService.class);
      for (int round = 1; round <= rounds; round++) {
        stats.clear();
        long t = System.nanoTime();
        matrices.matrix(dm, study.getId(), MatrixQuery.firstPage());
        System.out.printf("round %d, first page, service only (no page rendering): %d ms, %d SQL statements%n",
            round, (System.nanoTime() - t) / 1_000_000, stats.getPrepareStatementCount());
      }
      request(mvc, stats, dm, base + "?e" + firstDefinition(jdbc, study.getId()) + "=COMPLETED&sort=ENROLLMENT_DATE&dir=desc",
          "filtered by an event status, sorted by enrollment date");
      request(mvc, stats, dm, base + "?q=b0123", "search by subject ID");
      request(mvc, stats, dm, base + "?page=150&sort=SITE", "page 151, sorted by site");
    }
  }

  private static void request(MockMvc mvc, Statistics stats, String dm, String url, String what)
      throws Exception {
    stats.clear();
    long t = System.nanoTime();
    MvcResult r = mvc.perform(get(url).with(user(dm).roles("BUSINESS_ADMIN"))).andReturn();
    long ms = (System.nanoTime() - t) / 1_000_000;
    System.out.printf("%s: HTTP %d, %d ms, %d SQL statements, %d KB%n",
        what, r.getResponse().getStatus(), ms, stats.getPrepareStatementCount(),
        r.getResponse().getContentAsByteArray().length / 1024);
  }

  private static long firstDefinition(JdbcTemplate jdbc, long studyId) {
    return jdbc.queryForObject(
        "select min(id) from study_event_definition where study_id = ?", Long.class, studyId);
  }

  /** Subjects, their people and one event per definition each, straight into the database. */
  private static void generate(JdbcTemplate jdbc, long studyId, int n) {
    String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    jdbc.update(
        "with people as ("
            + " insert into subject (sex, date_of_birth, created_at, created_by)"
            + " select case when g % 2 = 0 then 'm' else 'f' end, date '1940-01-01' + (g % 25000), now(), 'bench'"
            + " from generate_series(1, ?) g returning id),"
            + " numbered as (select id, row_number() over (order by id) as rn from people),"
            + " sites as (select id, row_number() over (order by id) - 1 as k, count(*) over () as c"
            + "   from study where parent_id = ?)"
            + " insert into study_subject (subject_id, study_id, parent_study_id, label, secondary_label, oid,"
            + "   enrollment_date, status, created_at, created_by)"
            + " select p.id, s.id, ?, 'B' || lpad(p.rn::text, 5, '0'), 'S2-' || p.rn,"
            + "   'SS_B' || ? || '_' || p.rn, date '2026-01-01' + (p.rn % 300)::int,"
            + "   case when p.rn % 50 = 0 then 'REMOVED' else 'AVAILABLE' end, now(), 'bench'"
            + " from numbered p join sites s on s.k = p.rn % s.c",
        n, studyId, studyId, run);
    jdbc.update(
        "insert into study_event (study_subject_id, event_definition_id, ordinal, start_at, status,"
            + " removal, created_at, created_by)"
            + " select ss.id, d.id, 1, now(),"
            + " (array['SCHEDULED','DATA_ENTRY_STARTED','COMPLETED','STOPPED','SKIPPED','SIGNED','LOCKED'])"
            + "   [1 + ((ss.id + d.id) % 7)::int], 'AVAILABLE', now(), 'bench'"
            + " from study_subject ss cross join study_event_definition d"
            + " where ss.parent_study_id = ? and d.study_id = ?",
        studyId, studyId);
    jdbc.execute("analyze subject");
    jdbc.execute("analyze study_subject");
    jdbc.execute("analyze study_event");
  }
}
