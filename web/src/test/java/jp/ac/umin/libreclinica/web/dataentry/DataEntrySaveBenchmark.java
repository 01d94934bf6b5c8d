package jp.ac.umin.libreclinica.web.dataentry;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Benchmark, not a test: starts the web application on a random port with the embedded
 * PostgreSQL, builds a study with a 100-item CRF (INT, REAL, DATE, textarea and radio items),
 * creates 20 CRCs at a site and lets 20 concurrent HTTP clients (java.net.http: login form, CSRF
 * token from the page, the data entry form posted as a browser does) each save their own event
 * CRFs repeatedly, every save changing all 100 values. Each save is: GET the page (CSRF token and
 * the versions of the stored values), POST the form (timed; success is the redirect after
 * saving). Prints p50/p95/p99 of the save, the page time and the throughput; afterwards compares
 * every stored value with the last value its client saved (lost or overwritten saves). Then a
 * conflict run: two CRCs open the same event CRF, both save; the second must get the conflict
 * message and the first one's values must stay. Goal: p95 under 100 ms, no lost save.
 * See {@code docs/benchmarks.md}.
 *
 * <p>Arguments: clients (default 20), event CRFs per client (default 3), rounds (default 10;
 * the first is warm-up and not timed), items (default 100), think time in ms between opening the
 * page and saving (default 0: every client saves as fast as it can; the actual pause is random
 * between half and one and a half times it).
 */
public final class DataEntrySaveBenchmark {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern SEEN = Pattern.compile("name=\"s\\.([A-Za-z0-9_]+)\\.(\\d+)\" value=\"(\\d+)\"");
  private static final String CONFLICT = "Someone else saved this CRF while you were editing";

  private DataEntrySaveBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int itemCount = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    boolean stats = args.length > 4 && args[4].equals("stats");
    long think = args.length > 4 && !stats ? Long.parseLong(args[4]) : 0;
    SpringApplication app = new SpringApplication(WebTestApplication.class);
    app.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        app.run("--logging.level.root=WARN", "--spring.main.banner-mode=off", "--server.port=0",
            "--server.tomcat.threads.max=50")) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      String base = "http://localhost:" + port;
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      AccountFixtures accounts = new AccountFixtures(context.getBean(UserAccountRepository.class),
          context.getBean(PasswordHistoryRepository.class), context.getBean(PasswordEncoder.class), jdbc);
      StudyService studies = context.getBean(StudyService.class);
      EventDefinitionService definitions = context.getBean(EventDefinitionService.class);
      RoleAssignmentService roles = context.getBean(RoleAssignmentService.class);
      SubjectService subjects = context.getBean(SubjectService.class);
      StudyEventService events = context.getBean(StudyEventService.class);
      DataEntryService entry = context.getBean(DataEntryService.class);
      CrfService crfs = context.getBean(CrfService.class);

      long t0 = System.nanoTime();
      String dm = accounts.businessAdmin().userName();
      Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("SAVE"), "Save benchmark"), dm);
      Study site = studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("SS"), "東京"), dm);
      StudyEventDefinition visit = definitions.create(study.getId(),
          new EventDefinitionDetails("Visit", null, false, EventType.SCHEDULED, null), dm);
      CrfUploadOutcome crf = crfs.commit(
          RealisticCrfs.large(Fixtures.unique("SAVE100"), "v1", itemCount).xlsx(), "save100.xlsx", dm);
      definitions.attachCrf(visit.getId(), crf.crfId(),
          new CrfParameters(true, null, false, false, false, SdvRequirement.ALL, List.of()), dm);
      studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
      List<Client> all = new ArrayList<>();
      int subjectNo = 0;
      for (int c = 0; c < clients + 1; c++) {
        AccountFixtures.TestAccount crc = accounts.user();
        roles.assign(dm, crc.id(), site.getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
        Client client = new Client(c, crc.userName(), crc.password(), base);
        for (int k = 0; k < perClient; k++) {
          StudySubject s = subjects.add(site.getId(), new SubjectInput(String.format("SB-%04d", ++subjectNo), null,
              LocalDate.of(2026, 4, 1), Sex.FEMALE, "1970-05-06", null, Map.of()), null, false, crc.userName());
          StudyEvent e = events.schedule(s.getId(), visit.getId(),
              new EventInput(Instant.parse("2026-04-07T00:30:00Z"), null, "外来"), crc.userName());
          client.eventCrfs.add(entry.startForEvent(crc.userName(), e.getId(), crf.crfVersionId()).getId());
        }
        all.add(client);
      }
      Client spare = all.remove(all.size() - 1);
      System.out.printf("setup: study, %d-item CRF, %d CRCs, %d event CRFs in %d ms%n",
          itemCount, clients + 1, (clients + 1) * perClient, (System.nanoTime() - t0) / 1_000_000);

      for (Client c : all) {
        c.login();
      }
      if (stats) {
        // where one save's statements go: scans and writes per table (PostgreSQL statistics)
        Client c = all.get(0);
        long id = c.eventCrfs.get(0);
        for (int round = -3; round <= 0; round++) {
          Page page = c.open(id);
          Map<String, long[]> before = tableStats(jdbc);
          c.save(id, page, values(c.no, id, round, itemCount));
          Thread.sleep(1500);
          Map<String, long[]> after = tableStats(jdbc);
          System.out.println("one save, round " + round + ": table seq_scan idx_scan inserted updated");
          after.forEach((t, a) -> {
            long[] b = before.getOrDefault(t, new long[4]);
            if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2] || a[3] != b[3]) {
              System.out.printf("  %s %d %d %d %d%n", t, a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]);
            }
          });
        }
      }
      List<Long> saveTimes = Collections.synchronizedList(new ArrayList<>());
      List<Long> pageTimes = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger failures = new AtomicInteger();
      Map<Long, Map<String, String>> expected = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      for (Client c : all) {
        running.add(pool.submit(() -> {
          start.await();
          for (int round = 1; round <= rounds; round++) {
            for (long id : c.eventCrfs) {
              Map<String, String> values = values(c.no, id, round, itemCount);
              Page page = c.open(id);
              if (think > 0) {
                // the user reads the page and types before saving
                Thread.sleep(think / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(think));
              }
              long t = System.nanoTime();
              HttpResponse<String> r = c.save(id, page, values);
              long ms = (System.nanoTime() - t) / 1_000_000;
              boolean ok = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/event-crfs/" + id);
              if (!ok) {
                failures.incrementAndGet();
                System.out.printf("client %d, event CRF %d, round %d: HTTP %d%s%n", c.no, id, round, r.statusCode(),
                    r.body().contains(CONFLICT) ? " (conflict)" : "");
              } else {
                expected.put(id, values);
              }
              if (round > 1) {
                saveTimes.add(ms);
                pageTimes.add(page.millis);
              }
            }
          }
          return null;
        }));
      }
      long phase = System.nanoTime();
      start.countDown();
      for (Future<?> f : running) {
        f.get();
      }
      long end = System.nanoTime();
      pool.shutdown();
      List<Long> sorted = new ArrayList<>(saveTimes);
      Collections.sort(sorted);
      List<Long> pages = new ArrayList<>(pageTimes);
      Collections.sort(pages);
      int saves = clients * perClient * rounds;
      System.out.printf("%d clients x %d event CRFs x %d rounds = %d saves of %d values each (think time %d ms) in %d ms"
              + " (%.1f saves/s, %.0f values/s)%n", clients, perClient, rounds, saves, itemCount, think, (end - phase) / 1_000_000,
          saves * 1e9 / (end - phase), saves * (double) itemCount * 1e9 / (end - phase));
      System.out.printf("save (POST, rounds 2-%d, %d saves): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, mean %.0f ms%n",
          rounds, sorted.size(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1),
          sorted.stream().mapToLong(Long::longValue).average().orElse(0));
      System.out.printf("page (GET before each save): p50 %d ms, p95 %d ms, p99 %d ms%n",
          pct(pages, 50), pct(pages, 95), pct(pages, 99));
      System.out.printf("failed saves: %d%n", failures.get());

      int checked = 0;
      int wrong = 0;
      for (Map.Entry<Long, Map<String, String>> e : expected.entrySet()) {
        Map<String, String> stored = new HashMap<>();
        jdbc.query("select i.name, d.value from item_data d join item i on i.id = d.item_id"
            + " where d.event_crf_id = ? and d.ordinal = 1", rs -> {
              stored.put(rs.getString(1), rs.getString(2));
            }, e.getKey());
        for (Map.Entry<String, String> v : e.getValue().entrySet()) {
          checked++;
          if (!v.getValue().equals(stored.get(v.getKey()))) {
            wrong++;
            if (wrong <= 5) {
              System.out.printf("event CRF %d, %s: saved %s, stored %s%n", e.getKey(), v.getKey(), v.getValue(),
                  stored.get(v.getKey()));
            }
          }
        }
      }
      System.out.printf("check: %d event CRFs, %d values compared with the last save of their client: %d lost or"
          + " overwritten%n", expected.size(), checked, wrong);

      // conflict run: two CRCs on the same event CRF
      Client first = all.get(0);
      Client second = spare;
      second.login();
      long shared = first.eventCrfs.get(0);
      Page firstPage = first.open(shared);
      Page secondPage = second.open(shared);
      Map<String, String> firstValues = values(first.no, shared, rounds + 1, itemCount);
      Map<String, String> secondValues = values(second.no, shared, rounds + 2, itemCount);
      HttpResponse<String> a = first.save(shared, firstPage, firstValues);
      HttpResponse<String> b = second.save(shared, secondPage, secondValues);
      Map<String, String> stored = new HashMap<>();
      jdbc.query("select i.name, d.value from item_data d join item i on i.id = d.item_id where d.event_crf_id = ?",
          rs -> {
            stored.put(rs.getString(1), rs.getString(2));
          }, shared);
      long keptFirst = firstValues.entrySet().stream().filter(v -> v.getValue().equals(stored.get(v.getKey()))).count();
      System.out.printf("conflict run: first save HTTP %d; second save (same event CRF, opened before the first"
              + " save) HTTP %d, conflict message shown: %s; %d of %d stored values are the first client's%n",
          a.statusCode(), b.statusCode(), b.body().contains(CONFLICT) ? "yes" : "NO", keptFirst, firstValues.size());
    }
  }

  private static Map<String, long[]> tableStats(JdbcTemplate jdbc) {
    Map<String, long[]> m = new java.util.TreeMap<>();
    jdbc.execute("select pg_stat_clear_snapshot()");
    jdbc.query("select relname, coalesce(seq_scan, 0), coalesce(idx_scan, 0), n_tup_ins, n_tup_upd from pg_stat_user_tables",
        rs -> {
          m.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
        });
    return m;
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** The values a client types in a round: every item changes, in canonical form. */
  static Map<String, String> values(int client, long eventCrf, int round, int count) {
    Map<String, String> v = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      int x = Math.floorMod(client * 7919 + (int) eventCrf * 104729 + round * 31 + i * 17, 100_000);
      String value = switch (i % 5) {
        case 0 -> new String[] {"1", "0", "9"}[(round + i) % 3];
        case 1 -> String.valueOf(x % 1000);
        case 2 -> (x % 1000) + "." + (1 + x % 9);
        case 3 -> LocalDate.of(2026, 1, 1).plusDays((x + round) % 300).toString();
        default -> "記録 " + client + "-" + round + "-" + i + " 𠮷";
      };
      v.put(String.format("Q%04d", i), value);
    }
    return v;
  }

  private record Page(String csrf, Map<String, String> seen, long millis) {}

  /** One CRC's browser: its own cookies (session), its own event CRFs. */
  private static final class Client {
    final int no;
    final String user;
    final String password;
    final String base;
    final List<Long> eventCrfs = new ArrayList<>();
    final HttpClient http;

    Client(int no, String user, String password, String base) {
      this.no = no;
      this.user = user;
      this.password = password;
      this.base = base;
      this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    void login() throws Exception {
      String page = get("/login").body();
      HttpResponse<String> r = post("/login", Map.of("username", user, "password", password, "_csrf", csrf(page)));
      if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
        throw new IllegalStateException("login of " + user + " failed: HTTP " + r.statusCode() + " " + r.headers().map());
      }
    }

    Page open(long eventCrf) throws Exception {
      long t = System.nanoTime();
      HttpResponse<String> r = get("/event-crfs/" + eventCrf);
      long ms = (System.nanoTime() - t) / 1_000_000;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("page of event CRF " + eventCrf + ": HTTP " + r.statusCode());
      }
      Map<String, String> seen = new HashMap<>();
      Matcher m = SEEN.matcher(r.body());
      while (m.find()) {
        seen.put("s." + m.group(1) + "." + m.group(2), m.group(3));
      }
      return new Page(csrf(r.body()), seen, ms);
    }

    HttpResponse<String> save(long eventCrf, Page page, Map<String, String> values) throws Exception {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("_csrf", page.csrf());
      form.put("extraRows", "0");
      form.put("action", "save");
      values.forEach((k, v) -> form.put("v." + k + ".1", v));
      form.putAll(page.seen());
      return post("/event-crfs/" + eventCrf, form);
    }

    private static String csrf(String html) {
      Matcher m = CSRF.matcher(html);
      if (!m.find()) {
        throw new IllegalStateException("no CSRF token on the page");
      }
      return m.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      StringBuilder body = new StringBuilder();
      form.forEach((k, v) -> {
        if (body.length() > 0) {
          body.append('&');
        }
        body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      });
      return http.send(HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
