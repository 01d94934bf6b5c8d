package jp.ac.umin.libreclinica.core.dashboard;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The study dashboard: a handful of grouped counts over the study's (or one site's) subjects,
 * events and event CRFs, each one statement on the indexed columns, for a user who may see the
 * study or site.
 */
@Service
@Transactional(readOnly = true)
public class StudyDashboardService {

  /** The longest enrollment history drawn, in months. */
  static final int MONTHS_MAX = 120;

  private final StudyService studies;
  private final JdbcClient jdbc;

  public StudyDashboardService(StudyService studies, JdbcClient jdbc) {
    this.studies = studies;
    this.jdbc = jdbc;
  }

  public StudyDashboard dashboard(String actor, long studyOrSiteId) {
    Study scope = studies.view(actor, studyOrSiteId);
    Study study = scope.isSite() ? scope.getParent() : scope;
    String where = scope.isSite() ? "ss.study_id = :id" : "ss.parent_study_id = :id";
    long id = scope.getId();

    Map<Long, Map<String, Long>> bySite = new LinkedHashMap<>();
    Map<String, Long> byStatus = new LinkedHashMap<>();
    long[] totals = new long[3];
    jdbc.sql("SELECT ss.study_id, ss.status, count(*), count(*) FILTER (WHERE ss.casebook_locked)"
            + " FROM study_subject ss WHERE " + where + " GROUP BY ss.study_id, ss.status")
        .param("id", id)
        .query(rs -> {
          long site = rs.getLong(1);
          String status = rs.getString(2);
          long n = rs.getLong(3);
          bySite.computeIfAbsent(site, k -> new LinkedHashMap<>()).merge(status, n, Long::sum);
          byStatus.merge(status, n, Long::sum);
          totals[0] += n;
          totals[1] += "SIGNED".equals(status) ? n : 0;
          totals[2] += rs.getLong(4);
        });
    List<StudyDashboard.SiteRow> siteRows = new ArrayList<>();
    List<Study> sites = new ArrayList<>();
    sites.add(study);
    sites.addAll(studies.sitesOf(study.getId()));
    for (Study s : sites) {
      if (scope.isSite() && s.getId() != scope.getId()) {
        continue;
      }
      Map<String, Long> counts = bySite.getOrDefault(s.getId(), Map.of());
      if (s.getId() == study.getId() && counts.isEmpty()) {
        continue;
      }
      List<StudyDashboard.Count> row =
          Arrays.stream(SubjectStatus.values())
              .map(st -> new StudyDashboard.Count(st.messageKey(), counts.getOrDefault(st.name(), 0L)))
              .toList();
      siteRows.add(new StudyDashboard.SiteRow(s.getName(), s.getProtocolId(), row,
          counts.values().stream().mapToLong(Long::longValue).sum()));
    }
    List<StudyDashboard.Count> subjectStatuses =
        Arrays.stream(SubjectStatus.values())
            .map(st -> new StudyDashboard.Count(st.messageKey(), byStatus.getOrDefault(st.name(), 0L)))
            .toList();

    TreeMap<YearMonth, Long> months = new TreeMap<>();
    jdbc.sql("SELECT date_trunc('month', ss.enrollment_date)::date, count(*) FROM study_subject ss"
            + " WHERE " + where + " AND ss.status NOT IN ('REMOVED', 'AUTO_REMOVED') GROUP BY 1")
        .param("id", id)
        .query(rs -> {
          Date d = rs.getDate(1);
          months.put(YearMonth.from(d.toLocalDate()), rs.getLong(2));
        });
    int expected = scope.getExpectedEnrollment();
    LocalDate start = study.getStartDate();
    LocalDate end = study.details().estimatedCompletionDate();
    List<StudyDashboard.MonthRow> enrollment = enrollment(months, start, end, expected);

    Map<String, Long> events = new LinkedHashMap<>();
    jdbc.sql("SELECT e.status, count(*) FROM study_event e JOIN study_subject ss ON ss.id = e.study_subject_id"
            + " WHERE " + where + " AND e.removal = 'AVAILABLE' GROUP BY e.status")
        .param("id", id)
        .query(rs -> {
          events.put(rs.getString(1), rs.getLong(2));
        });
    Map<String, Long> crfs = new LinkedHashMap<>();
    jdbc.sql("SELECT ec.status, count(*) FROM event_crf ec JOIN study_event e ON e.id = ec.study_event_id"
            + " JOIN study_subject ss ON ss.id = e.study_subject_id WHERE " + where + " GROUP BY ec.status")
        .param("id", id)
        .query(rs -> {
          crfs.put(rs.getString(1), rs.getLong(2));
        });
    // open queries (threads of type Query not closed) by days since they were raised
    String noteScope = scope.isSite() ? "n.site_id = :id" : "n.study_id = :id";
    long[] ages = new long[AGE_KEYS.size()];
    jdbc.sql("SELECT CASE WHEN age < 8 THEN 0 WHEN age < 15 THEN 1 WHEN age < 31 THEN 2 WHEN age < 61 THEN 3 ELSE 4 END,"
            + " count(*) FROM (SELECT EXTRACT(DAY FROM now() - n.created_at) AS age FROM discrepancy_note n"
            + " WHERE " + noteScope + " AND n.parent_id IS NULL AND n.note_type = 'QUERY'"
            + " AND n.status IN ('NEW', 'UPDATED', 'RESOLUTION_PROPOSED')) a GROUP BY 1")
        .param("id", id)
        .query(rs -> {
          ages[rs.getInt(1)] = rs.getLong(2);
        });
    List<StudyDashboard.Count> queries = new ArrayList<>();
    for (int i = 0; i < ages.length; i++) {
      queries.add(new StudyDashboard.Count(AGE_KEYS.get(i), ages[i]));
    }
    long[] sdv = new long[2];
    jdbc.sql("SELECT count(*) FILTER (WHERE ec.sdv_verified), count(*) FILTER (WHERE NOT ec.sdv_verified)"
            + " FROM event_crf ec JOIN study_event e ON e.id = ec.study_event_id"
            + " JOIN study_subject ss ON ss.id = e.study_subject_id WHERE " + where
            + " AND ec.status IN ('DATA_ENTRY_COMPLETE', 'LOCKED')")
        .param("id", id)
        .query(rs -> {
          sdv[0] = rs.getLong(1);
          sdv[1] = rs.getLong(2);
        });
    return new StudyDashboard(
        scope, study, siteRows, subjectStatuses, enrollment, expected, end,
        Arrays.stream(SubjectEventStatus.values())
            .filter(s -> s != SubjectEventStatus.NOT_SCHEDULED)
            .map(s -> new StudyDashboard.Count(s.messageKey(), events.getOrDefault(s.name(), 0L)))
            .toList(),
        Arrays.stream(EventCrfStatus.values())
            .map(s -> new StudyDashboard.Count("dataentry.status." + s.name(), crfs.getOrDefault(s.name(), 0L)))
            .toList(),
        totals[1], totals[2], totals[0],
        queries,
        List.of(new StudyDashboard.Count("dashboard.sdv.verified", sdv[0]),
            new StudyDashboard.Count("dashboard.sdv.notVerified", sdv[1])));
  }

  /** The age groups of open queries, in days since raised. */
  static final List<String> AGE_KEYS = List.of(
      "dashboard.queries.age.week", "dashboard.queries.age.twoWeeks", "dashboard.queries.age.month",
      "dashboard.queries.age.twoMonths", "dashboard.queries.age.older");

  /**
   * One row per month from the study's start (or the first enrollment) to the later of today
   * and the last enrollment; the expected running total grows linearly from the start to the
   * estimated completion date when both and an expected enrollment are known.
   */
  static List<StudyDashboard.MonthRow> enrollment(
      TreeMap<YearMonth, Long> months, LocalDate start, LocalDate end, int expected) {
    YearMonth first = start != null ? YearMonth.from(start) : months.isEmpty() ? null : months.firstKey();
    if (first == null) {
      return List.of();
    }
    if (!months.isEmpty() && months.firstKey().isBefore(first)) {
      first = months.firstKey();
    }
    YearMonth last = YearMonth.now();
    if (!months.isEmpty() && months.lastKey().isAfter(last)) {
      last = months.lastKey();
    }
    if (ChronoUnit.MONTHS.between(first, last) > MONTHS_MAX) {
      first = last.minusMonths(MONTHS_MAX);
    }
    boolean planned = start != null && end != null && expected > 0 && end.isAfter(start);
    long span = planned ? Math.max(1, ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(end))) : 1;
    List<StudyDashboard.MonthRow> rows = new ArrayList<>();
    long cumulative = months.headMap(first).values().stream().mapToLong(Long::longValue).sum();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      long n = months.getOrDefault(m, 0L);
      cumulative += n;
      Long exp = null;
      if (planned) {
        long done = Math.max(0, Math.min(span, ChronoUnit.MONTHS.between(YearMonth.from(start), m) + 1));
        exp = Math.min(expected, Math.round((double) expected * done / span));
      }
      rows.add(new StudyDashboard.MonthRow(m, n, cumulative, exp));
    }
    return rows;
  }
}
