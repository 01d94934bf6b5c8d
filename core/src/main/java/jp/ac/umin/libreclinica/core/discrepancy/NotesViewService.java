package jp.ac.umin.libreclinica.core.discrepancy;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.csv.CsvWriter;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notes view: every thread of a study or of one site, filtered, one page at a time, with
 * counts by status, and the CSV download. A page is one indexed query over thread rows (the
 * thread's status, assignee and last change live on its parent row), plus one grouped count.
 * Viewed at a site, only that site's threads are seen; at the study, all sites'.
 */
@Service
@Transactional(readOnly = true)
public class NotesViewService {

  private static final String FROM =
      " from discrepancy_note n"
          + " join study_subject ss on ss.id = n.study_subject_id"
          + " join study st on st.id = n.site_id"
          + " left join study_event se on se.id = n.study_event_id"
          + " left join study_event_definition d on d.id = n.event_definition_id"
          + " left join crf c on c.id = n.crf_id"
          + " left join item i on i.id = n.item_id";

  private static final String COLUMNS =
      "select n.id, n.note_type, n.status, n.field, n.description, n.assigned_to, n.created_at,"
          + " n.created_by, n.updated_at, n.child_count, st.name as site_name, n.study_subject_id,"
          + " ss.label, d.name as event_name, se.ordinal as event_ordinal, n.event_crf_id,"
          + " c.name as crf_name, i.name as item_name, n.ordinal";

  private final JdbcTemplate jdbc;
  private final StudyService studies;
  private final AuthorizationService authorization;
  private final Clock clock;
  private final DiscrepancyNoteService notes;
  private final NotesPdfWriter pdf;

  public NotesViewService(
      JdbcTemplate jdbc, StudyService studies, AuthorizationService authorization, Clock clock,
      DiscrepancyNoteService notes, NotesPdfWriter pdf) {
    this.notes = notes;
    this.pdf = pdf;
    this.jdbc = jdbc;
    this.studies = studies;
    this.authorization = authorization;
    this.clock = clock;
  }

  /** One page (0-based) of the threads of a study or site matching the filters. */
  public NotesPage page(String actor, long studyOrSiteId, NoteQuery query, int page, int size) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.VIEW_STUDY);
    int pageSize = Math.min(Math.max(size, 1), 200);
    int pageNumber = Math.max(page, 0);
    Instant now = clock.instant();
    Where w = where(where, query.withStatus(null), now);
    Map<NoteStatus, Long> counts = new EnumMap<>(NoteStatus.class);
    for (NoteStatus s : NoteStatus.values()) {
      counts.put(s, 0L);
    }
    jdbc.query(
        "select n.status, count(*)" + (w.needsSubject ? " from discrepancy_note n join study_subject ss on ss.id = n.study_subject_id" : " from discrepancy_note n")
            + w.sql + " group by n.status",
        rs -> {
          counts.put(NoteStatus.valueOf(rs.getString(1)), rs.getLong(2));
        },
        w.args.toArray());
    long total = query.status() == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(query.status());
    Where full = where(where, query, now);
    List<Object> args = new ArrayList<>(full.args);
    args.add(pageSize);
    args.add((long) pageNumber * pageSize);
    List<NoteRow> rows = jdbc.query(COLUMNS + FROM + full.sql + " order by n.id desc limit ? offset ?",
        (rs, i) -> row(rs, now), args.toArray());
    return new NotesPage(rows, pageNumber, pageSize, total, counts);
  }

  /** The choices of the filters at a study or site. */
  public NoteFilterOptions filterOptions(String actor, long studyOrSiteId) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.VIEW_STUDY);
    long root = where.isSite() ? where.getParent().getId() : where.getId();
    List<NoteFilterOptions.Option> sites = where.isSite()
        ? List.of(new NoteFilterOptions.Option(where.getId(), where.getName()))
        : jdbc.query("select id, name from study where id = ? or parent_id = ? order by parent_id nulls first, name",
            (rs, i) -> new NoteFilterOptions.Option(rs.getLong(1), rs.getString(2)), root, root);
    List<NoteFilterOptions.Option> events =
        jdbc.query("select id, name from study_event_definition where study_id = ? order by ordinal, id",
            (rs, i) -> new NoteFilterOptions.Option(rs.getLong(1), rs.getString(2)), root);
    List<NoteFilterOptions.Option> crfs = jdbc.query(
        "select distinct c.id, c.name from event_definition_crf edc"
            + " join study_event_definition d on d.id = edc.event_definition_id"
            + " join crf c on c.id = edc.crf_id where d.study_id = ? and edc.site_id is null order by c.name",
        (rs, i) -> new NoteFilterOptions.Option(rs.getLong(1), rs.getString(2)), root);
    return new NoteFilterOptions(sites, events, crfs, notes.assignableUsers(actor, where.getId()));
  }

  /** How many open threads are assigned to the user, in every study and site (home page). */
  public long openAssignedTo(String userName) {
    Long n = jdbc.queryForObject(
        "select count(*) from discrepancy_note where parent_id is null and assigned_to = ?"
            + " and status in ('NEW', 'UPDATED', 'RESOLUTION_PROPOSED')",
        Long.class, userName);
    return n == null ? 0 : n;
  }

  /**
   * Writes every note (one row per note, each with its thread's columns) of the matching threads
   * as CSV. {@code text} turns message keys into the user's language (header, types, statuses).
   */
  public void writeCsv(
      String actor, long studyOrSiteId, NoteQuery query, OutputStream out, CsvEncoding encoding,
      Function<String, String> text) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.VIEW_STUDY);
    Instant now = clock.instant();
    Where w = where(where, query, now);
    CsvWriter csv = new CsvWriter(out, encoding);
    List<String> header = new ArrayList<>();
    for (String k : List.of("threadId", "noteId", "site", "subject", "event", "crf", "item", "row", "field", "type",
        "threadStatus", "noteStatus", "daysOpen", "daysSinceUpdate", "description", "detailedNote", "assignedTo",
        "createdBy", "createdAt")) {
      header.add(text.apply("note.csv." + k));
    }
    csv.header(header);
    jdbc.query(
        COLUMNS + ", m.id as m_id, m.status as m_status, m.description as m_description,"
            + " m.detailed_note as m_detail, m.assigned_to as m_assigned, m.created_by as m_by, m.created_at as m_at"
            + FROM + " join discrepancy_note m on m.parent_id = n.id" + w.sql + " order by n.id, m.id",
        rs -> {
          NoteRow r = row(rs, now);
          List<Object> values = new ArrayList<>();
          values.add(r.id());
          values.add(rs.getLong("m_id"));
          values.add(r.siteName());
          values.add(r.subjectLabel());
          values.add(r.eventName() == null ? "" : r.eventName() + (r.eventOrdinal() != null && r.eventOrdinal() > 1 ? " (" + r.eventOrdinal() + ")" : ""));
          values.add(r.crfName());
          values.add(r.itemName());
          values.add(r.ordinal());
          values.add(text.apply(r.field().messageKey()));
          values.add(text.apply(r.type().messageKey()));
          values.add(text.apply(r.status().messageKey()));
          values.add(text.apply(NoteStatus.valueOf(rs.getString("m_status")).messageKey()));
          values.add(r.daysOpen());
          values.add(r.daysSinceUpdate());
          values.add(rs.getString("m_description"));
          values.add(rs.getString("m_detail"));
          values.add(rs.getString("m_assigned"));
          values.add(rs.getString("m_by"));
          values.add(rs.getTimestamp("m_at").toInstant().toString());
          csv.row(r.subjectLabel(), values);
        },
        w.args.toArray());
    csv.finish();
  }

  /**
   * Writes the matching threads with their notes as PDF in the reader's language (the same
   * filters and the same visibility as the page and the CSV). Rows are read with a cursor and
   * printed in chunks, so a study with tens of thousands of notes is never held in memory.
   *
   * @throws jp.ac.umin.libreclinica.core.casebook.CasebookPdfException when no Japanese font is
   *     found, before anything is written
   */
  public void writePdf(String actor, long studyOrSiteId, NoteQuery query, Locale locale, OutputStream out) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.VIEW_STUDY);
    Instant now = clock.instant();
    Where w = where(where, query, now);
    String title = where.getName() + " (" + where.getProtocolId() + ")";
    JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
    // PostgreSQL streams with a fetch size inside a transaction (this method's read-only one)
    cursor.setFetchSize(500);
    try (NotesPdfWriter.Printer printer = pdf.open(out, locale, title, actor, now)) {
      long[] current = {-1};
      cursor.query(
          COLUMNS + ", m.id as m_id, m.status as m_status, m.description as m_description,"
              + " m.detailed_note as m_detail, m.assigned_to as m_assigned, m.created_by as m_by, m.created_at as m_at"
              + FROM + " join discrepancy_note m on m.parent_id = n.id" + w.sql + " order by n.id, m.id",
          rs -> {
            long id = rs.getLong("id");
            if (id != current[0]) {
              printer.thread(row(rs, now));
              current[0] = id;
            }
            printer.note(rs.getLong("m_id"), NoteStatus.valueOf(rs.getString("m_status")),
                rs.getString("m_description"), rs.getString("m_detail"), rs.getString("m_assigned"),
                rs.getString("m_by"), rs.getTimestamp("m_at").toInstant());
          },
          w.args.toArray());
    }
  }

  private NoteRow row(ResultSet rs, Instant now) throws SQLException {
    Instant created = rs.getTimestamp("created_at").toInstant();
    Instant updated = rs.getTimestamp("updated_at").toInstant();
    NoteStatus status = NoteStatus.valueOf(rs.getString("status"));
    Instant end = status.isOpen() ? now : updated;
    return new NoteRow(
        rs.getLong("id"),
        NoteType.valueOf(rs.getString("note_type")),
        status,
        NoteField.valueOf(rs.getString("field")),
        rs.getString("description"),
        rs.getString("assigned_to"),
        created,
        rs.getString("created_by"),
        updated,
        Math.max(0, Duration.between(created, end).toDays()),
        Math.max(0, Duration.between(updated, now).toDays()),
        rs.getInt("child_count"),
        rs.getString("site_name"),
        rs.getLong("study_subject_id"),
        rs.getString("label"),
        rs.getString("event_name"),
        (Integer) rs.getObject("event_ordinal"),
        (Long) rs.getObject("event_crf_id"),
        rs.getString("crf_name"),
        rs.getString("item_name"),
        (Integer) rs.getObject("ordinal"));
  }

  private record Where(String sql, List<Object> args, boolean needsSubject) {}

  private static Where where(Study where, NoteQuery q, Instant now) {
    StringBuilder sql = new StringBuilder(" where n.parent_id is null");
    List<Object> args = new ArrayList<>();
    if (where.isSite()) {
      sql.append(" and n.study_id = ? and n.site_id = ?");
      args.add(where.getParent().getId());
      args.add(where.getId());
    } else {
      sql.append(" and n.study_id = ?");
      args.add(where.getId());
      if (q.siteId() != null) {
        sql.append(" and n.site_id = ?");
        args.add(q.siteId());
      }
    }
    if (q.type() != null) {
      sql.append(" and n.note_type = ?");
      args.add(q.type().name());
    }
    if (q.status() != null) {
      sql.append(" and n.status = ?");
      args.add(q.status().name());
    }
    boolean needsSubject = false;
    if (q.subjectLabel() != null && !q.subjectLabel().isBlank()) {
      sql.append(" and lower(ss.label) = lower(?)");
      args.add(q.subjectLabel().strip());
      needsSubject = true;
    }
    if (q.eventDefinitionId() != null) {
      sql.append(" and n.event_definition_id = ?");
      args.add(q.eventDefinitionId());
    }
    if (q.crfId() != null) {
      sql.append(" and n.crf_id = ?");
      args.add(q.crfId());
    }
    if (q.assignedTo() != null && !q.assignedTo().isBlank()) {
      sql.append(" and n.assigned_to = ?");
      args.add(q.assignedTo().strip());
    }
    if (q.minDaysOpen() != null) {
      sql.append(" and n.created_at <= ?");
      args.add(Timestamp.from(now.minus(Duration.ofDays(q.minDaysOpen()))));
    }
    if (q.maxDaysOpen() != null) {
      sql.append(" and n.created_at > ?");
      args.add(Timestamp.from(now.minus(Duration.ofDays(q.maxDaysOpen() + 1L))));
    }
    return new Where(sql.toString(), args, needsSubject);
  }
}
