package jp.ac.umin.libreclinica.core.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A spec checked against the study: its OIDs found (an unknown one is refused, naming it), its
 * statuses and dates turned into what the queries need.
 */
final class DatasetScope {

  /** An event definition chosen. */
  record Event(long id, String oid, String name, boolean repeating) {}

  /** A CRF chosen under an event definition. */
  record Crf(long id, String oid, String name) {}

  final Study study;
  final long rootId;
  final Long siteId;
  final List<Event> events;
  /** The CRFs chosen per event definition id, in the event's order. */
  final Map<Long, List<Crf>> crfsByEvent;
  /** The item OIDs asked for, in order; empty = every item of the chosen CRFs. */
  final List<String> itemOids;
  final String[] subjectStatuses;
  final Instant startFrom;
  final Instant startBefore;
  final ExtractSpec spec;

  private DatasetScope(Study study, ExtractSpec spec, List<Event> events, Map<Long, List<Crf>> crfs,
      String[] statuses, Instant from, Instant before) {
    this.study = study;
    this.spec = spec;
    this.rootId = study.isSite() ? study.getParent().getId() : study.getId();
    this.siteId = study.isSite() ? study.getId() : null;
    this.events = List.copyOf(events);
    this.crfsByEvent = crfs;
    this.itemOids = spec.itemOids();
    this.subjectStatuses = statuses;
    this.startFrom = from;
    this.startBefore = before;
  }

  static DatasetScope of(Study study, ExtractSpec spec, JdbcTemplate jdbc, ZoneId zone) {
    long root = study.isSite() ? study.getParent().getId() : study.getId();
    Map<String, Event> all = new LinkedHashMap<>();
    Map<String, String> status = new LinkedHashMap<>();
    jdbc.query("SELECT id, oid, name, repeating, status FROM study_event_definition WHERE study_id = ?"
        + " ORDER BY ordinal, id", rs -> {
          String oid = rs.getString("oid");
          all.put(oid, new Event(rs.getLong("id"), oid, rs.getString("name"), rs.getBoolean("repeating")));
          status.put(oid, rs.getString("status"));
        }, root);
    List<Event> events = new ArrayList<>();
    if (spec.eventOids().isEmpty()) {
      all.forEach((oid, e) -> {
        if ("AVAILABLE".equals(status.get(oid))) {
          events.add(e);
        }
      });
    } else {
      for (String oid : new LinkedHashSet<>(spec.eventOids())) {
        Event e = all.get(oid);
        if (e == null) {
          throw new InvalidInputException("extract.spec.unknownEvent", oid);
        }
        events.add(e);
      }
    }

    Map<Long, List<Crf>> crfs = new LinkedHashMap<>();
    Set<String> formsFound = new LinkedHashSet<>();
    Set<String> wanted = Set.copyOf(spec.formOids());
    for (Event e : events) {
      List<Crf> list = new ArrayList<>();
      jdbc.query("""
          SELECT c.id, c.oid, c.name, edc.status,
                 (SELECT array_agg(v.oid) FROM crf_version v WHERE v.crf_id = c.id) AS version_oids
            FROM event_definition_crf edc JOIN crf c ON c.id = edc.crf_id
           WHERE edc.site_id IS NULL AND edc.event_definition_id = ?
           ORDER BY edc.ordinal, edc.id""", rs -> {
            Crf crf = new Crf(rs.getLong("id"), rs.getString("oid"), rs.getString("name"));
            List<String> oids = new ArrayList<>();
            oids.add(crf.oid());
            java.sql.Array versions = rs.getArray("version_oids");
            if (versions != null) {
              for (Object v : (Object[]) versions.getArray()) {
                oids.add((String) v);
              }
            }
            if (wanted.isEmpty()) {
              if ("AVAILABLE".equals(rs.getString("status"))) {
                list.add(crf);
              }
            } else {
              List<String> hits = oids.stream().filter(wanted::contains).toList();
              if (!hits.isEmpty()) {
                list.add(crf);
                formsFound.addAll(hits);
              }
            }
          }, e.id());
      crfs.put(e.id(), list);
    }
    for (String oid : spec.formOids()) {
      if (!formsFound.contains(oid)) {
        throw new InvalidInputException("extract.spec.unknownForm", oid);
      }
    }

    Set<String> statuses = new LinkedHashSet<>();
    if (spec.subjectStatuses().isEmpty()) {
      statuses.add(SubjectStatus.AVAILABLE.name());
      statuses.add(SubjectStatus.SIGNED.name());
    } else {
      for (String s : spec.subjectStatuses()) {
        try {
          statuses.add(SubjectStatus.valueOf(s).name());
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new InvalidInputException("extract.spec.unknownStatus", String.valueOf(s));
        }
      }
    }
    if (spec.dateFrom() != null && spec.dateTo() != null && spec.dateTo().isBefore(spec.dateFrom())) {
      throw new InvalidInputException("extract.spec.dateRange", spec.dateFrom().toString(), spec.dateTo().toString());
    }
    Instant from = spec.dateFrom() == null ? null : spec.dateFrom().atStartOfDay(zone).toInstant();
    Instant before = spec.dateTo() == null ? null : spec.dateTo().plusDays(1).atStartOfDay(zone).toInstant();
    return new DatasetScope(study, spec, events, crfs, statuses.toArray(String[]::new), from, before);
  }

  long[] eventIds() {
    return events.stream().mapToLong(Event::id).toArray();
  }

  long[] crfIds() {
    return crfsByEvent.values().stream().flatMap(List::stream).mapToLong(Crf::id).distinct().toArray();
  }

  /** The subjects' condition: {@code ss} of the study or site, with the chosen statuses. */
  static final String SUBJECTS = """
      ss.parent_study_id = ? AND (CAST(? AS BIGINT) IS NULL OR ss.study_id = ?)
      AND ss.status = ANY (CAST(? AS VARCHAR[]))""";

  /** The events' join condition ({@code se}): chosen definitions, not removed, in the date range. */
  static final String EVENTS = """
      se.study_subject_id = ss.id AND se.removal = 'AVAILABLE'
      AND se.event_definition_id = ANY (CAST(? AS BIGINT[]))
      AND (CAST(? AS TIMESTAMPTZ) IS NULL OR se.start_at >= ?)
      AND (CAST(? AS TIMESTAMPTZ) IS NULL OR se.start_at < ?)""";

  /** The forms' join condition ({@code ec}): chosen CRFs, not removed. */
  static final String FORMS = """
      ec.study_event_id = se.id AND ec.crf_id = ANY (CAST(? AS BIGINT[]))
      AND ec.status NOT IN ('REMOVED', 'AUTO_REMOVED')""";

  /** The values' join condition ({@code itd}): chosen items. */
  static final String VALUES = "itd.event_crf_id = ec.id AND itd.item_id = ANY (CAST(? AS BIGINT[]))";

  int bindSubjects(Connection con, PreparedStatement ps, int i) throws SQLException {
    ps.setLong(i++, rootId);
    ps.setObject(i++, siteId);
    ps.setObject(i++, siteId);
    ps.setArray(i++, con.createArrayOf("varchar", subjectStatuses));
    return i;
  }

  int bindEvents(Connection con, PreparedStatement ps, int i, ZoneId zone) throws SQLException {
    ps.setArray(i++, con.createArrayOf("bigint", boxed(eventIds())));
    OffsetDateTime from = startFrom == null ? null : startFrom.atZone(zone).toOffsetDateTime();
    OffsetDateTime before = startBefore == null ? null : startBefore.atZone(zone).toOffsetDateTime();
    ps.setObject(i++, from);
    ps.setObject(i++, from);
    ps.setObject(i++, before);
    ps.setObject(i++, before);
    return i;
  }

  static int bindIds(Connection con, PreparedStatement ps, int i, long[] ids) throws SQLException {
    ps.setArray(i++, con.createArrayOf("bigint", boxed(ids)));
    return i;
  }

  static Long[] boxed(long[] ids) {
    Long[] out = new Long[ids.length];
    for (int k = 0; k < ids.length; k++) {
      out[k] = ids[k];
    }
    return out;
  }
}
