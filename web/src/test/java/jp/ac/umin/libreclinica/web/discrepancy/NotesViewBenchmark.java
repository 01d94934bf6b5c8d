package jp.ac.umin.libreclinica.web.discrepancy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.discrepancy.NoteQuery;
import jp.ac.umin.libreclinica.core.discrepancy.NotesViewService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Benchmark, not a test: a study with three sites, N subjects (default 5,000) with an event and
 * a vital-signs CRF each, and M note threads (default 50,000; each with two notes) on item
 * values, subject fields and event fields, mixed types, statuses and assignees; then the notes
 * view through the whole web stack (first page, filters, a late page), the service alone, and
 * the CSV of one site. Prints the server time of each. See {@code docs/benchmarks.md}.
 * Goal: under 300 ms per page.
 *
 * <p>Arguments: threads (default 50000), subjects (default 5000), rounds (default 5).
 */
public final class NotesViewBenchmark {

  private NotesViewBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int subjects = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    SpringApplication app = new SpringApplication(WebTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run("--logging.level.root=WARN", "--spring.main.banner-mode=off", "--server.port=0")) {
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
      Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("NBENCH"), "Notes benchmark"), dm);
      for (String site : new String[] {"東京", "大阪", "名古屋"}) {
        studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("NS"), site), dm);
      }
      definitions.create(study.getId(), new EventDefinitionDetails("Visit", null, false, EventType.SCHEDULED, null), dm);
      CrfUploadOutcome vitals = context.getBean(CrfService.class)
          .commit(RealisticCrfs.vitalSigns(Fixtures.unique("VS"), "v1").xlsx(), "vs.xlsx", dm);
      studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
      generate(jdbc, study.getId(), subjects, threads, vitals, dm);
      System.out.printf("generated %d subjects and %d note threads (%d notes) in %d ms%n", subjects, threads,
          jdbc.queryForObject("select count(*) from discrepancy_note where study_id = ?", Long.class, study.getId()),
          (System.nanoTime() - t0) / 1_000_000);

      MockMvc mvc =
          MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).apply(springSecurity()).build();
      String base = "/studies/" + study.getId() + "/notes";
      for (int round = 1; round <= rounds; round++) {
        request(mvc, dm, base, "round " + round + ", first page");
      }
      NotesViewService view = context.getBean(NotesViewService.class);
      for (int round = 1; round <= rounds; round++) {
        long t = System.nanoTime();
        view.page(dm, study.getId(), NoteQuery.any(), 0, 50);
        System.out.printf("round %d, first page, service only: %d ms%n", round, (System.nanoTime() - t) / 1_000_000);
      }
      long site = jdbc.queryForObject("select min(id) from study where parent_id = ?", Long.class, study.getId());
      request(mvc, dm, base + "?status=NEW", "status New");
      request(mvc, dm, base + "?type=QUERY&status=RESOLUTION_PROPOSED&site=" + site, "query, resolution proposed, one site");
      request(mvc, dm, base + "?assigned=" + dm, "assigned to one user");
      request(mvc, dm, base + "?subject=N00123", "one subject");
      request(mvc, dm, base + "?minDays=30", "open 30 days or more");
      request(mvc, dm, base + "?page=500", "page 501");
      request(mvc, dm, "/studies/" + site + "/notes", "site view, first page");
      request(mvc, dm, "/studies/" + site + "/notes.csv?encoding=UTF8_BOM", "CSV of one site");
    }
  }

  private static void request(MockMvc mvc, String dm, String url, String what) throws Exception {
    long t = System.nanoTime();
    MvcResult r = mvc.perform(get(url).with(user(dm).roles("BUSINESS_ADMIN"))).andReturn();
    long ms = (System.nanoTime() - t) / 1_000_000;
    System.out.printf("%s: HTTP %d, %d ms, %d KB%n",
        what, r.getResponse().getStatus(), ms, r.getResponse().getContentAsByteArray().length / 1024);
  }

  /** Subjects, events, event CRFs and note threads (parent + two notes), straight into the database. */
  private static void generate(JdbcTemplate jdbc, long studyId, int subjects, int threads, CrfUploadOutcome crf, String dm) {
    String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    jdbc.update(
        "with people as ("
            + " insert into subject (sex, date_of_birth, created_at, created_by)"
            + " select case when g % 2 = 0 then 'm' else 'f' end, date '1940-01-01' + (g % 25000), now(), 'bench'"
            + " from generate_series(1, ?) g returning id),"
            + " numbered as (select id, row_number() over (order by id) as rn from people),"
            + " sites as (select id, row_number() over (order by id) - 1 as k, count(*) over () as c"
            + "   from study where parent_id = ?)"
            + " insert into study_subject (subject_id, study_id, parent_study_id, label, oid,"
            + "   enrollment_date, status, created_at, created_by)"
            + " select p.id, s.id, ?, 'N' || lpad(p.rn::text, 5, '0'), 'SS_N' || ? || '_' || p.rn,"
            + "   date '2026-01-01' + (p.rn % 300)::int, 'AVAILABLE', now(), 'bench'"
            + " from numbered p join sites s on s.k = p.rn % s.c",
        subjects, studyId, studyId, run);
    jdbc.update(
        "insert into study_event (study_subject_id, event_definition_id, ordinal, start_at, status, removal, created_at, created_by)"
            + " select ss.id, d.id, 1, now(), 'DATA_ENTRY_STARTED', 'AVAILABLE', now(), 'bench'"
            + " from study_subject ss join study_event_definition d on d.study_id = ss.parent_study_id"
            + " where ss.parent_study_id = ?",
        studyId);
    jdbc.update(
        "insert into event_crf (study_event_id, crf_id, crf_version_id, study_id, status, created_at, created_by)"
            + " select se.id, ?, ?, ss.study_id, 'INITIAL_DATA_ENTRY', now(), 'bench'"
            + " from study_event se join study_subject ss on ss.id = se.study_subject_id where ss.parent_study_id = ?",
        crf.crfId(), crf.crfVersionId(), studyId);
    // threads: 40% on item values, 30% on subject fields, 30% on event fields
    jdbc.update(
        "with targets as ("
            + " select g, ss.id as subject_id, ss.study_id as site_id, se.id as event_id, se.event_definition_id,"
            + "   ec.id as event_crf_id, (select min(i.id) + (g % 5) from item i where i.crf_id = ?) as item_id,"
            + "   case when g % 10 < 4 then 'ITEM_VALUE' when g % 10 < 7 then (array['ENROLLMENT_DATE','SEX','DATE_OF_BIRTH','PERSON_ID'])[1 + g % 4]"
            + "     else (array['EVENT_START','EVENT_END','EVENT_LOCATION'])[1 + g % 3] end as field"
            + " from generate_series(1, ?) g"
            + " join study_subject ss on ss.parent_study_id = ? and ss.label = 'N' || lpad((1 + g % ?)::text, 5, '0')"
            + " join study_event se on se.study_subject_id = ss.id"
            + " join event_crf ec on ec.study_event_id = se.id)"
            + " insert into discrepancy_note (study_id, site_id, study_subject_id, study_event_id, event_definition_id,"
            + "   event_crf_id, crf_id, item_id, ordinal, field, note_type, status, description, assigned_to,"
            + "   created_at, created_by, updated_at, child_count)"
            + " select ?, site_id, subject_id,"
            + "   case when field like 'EVENT%' or field = 'ITEM_VALUE' then event_id end,"
            + "   case when field like 'EVENT%' or field = 'ITEM_VALUE' then event_definition_id end,"
            + "   case when field = 'ITEM_VALUE' then event_crf_id end, case when field = 'ITEM_VALUE' then ? end,"
            + "   case when field = 'ITEM_VALUE' then item_id end, case when field = 'ITEM_VALUE' then 1 end, field,"
            + "   (array['QUERY','QUERY','ANNOTATION','FAILED_VALIDATION_CHECK','REASON_FOR_CHANGE'])[1 + g % 5],"
            + "   (array['NEW','UPDATED','RESOLUTION_PROPOSED','CLOSED','NOT_APPLICABLE'])[1 + (g / 5) % 5],"
            + "   'Please check, value ' || g, case when g % 3 = 0 then ? end,"
            + "   now() - ((g % 120) || ' days')::interval, 'bench', now() - ((g % 60) || ' days')::interval, 2"
            + " from targets",
        crf.crfId(), threads, studyId, subjects, studyId, crf.crfId(), dm);
    jdbc.update(
        "insert into discrepancy_note (parent_id, study_id, site_id, study_subject_id, study_event_id, event_definition_id,"
            + "   event_crf_id, crf_id, item_id, ordinal, field, note_type, status, description, assigned_to,"
            + "   created_at, created_by, updated_at)"
            + " select n.id, n.study_id, n.site_id, n.study_subject_id, n.study_event_id, n.event_definition_id,"
            + "   n.event_crf_id, n.crf_id, n.item_id, n.ordinal, n.field, n.note_type, s.status, n.description || s.suffix,"
            + "   n.assigned_to, n.created_at, n.created_by, n.updated_at"
            + " from discrepancy_note n cross join (values ('NEW', ''), ('UPDATED', ' (answer)')) as s(status, suffix)"
            + " where n.study_id = ? and n.parent_id is null",
        studyId);
    jdbc.execute("analyze discrepancy_note");
    jdbc.execute("analyze study_subject");
    jdbc.execute("analyze study_event");
  }
}
