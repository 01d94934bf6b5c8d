package jp.ac.umin.libreclinica.core.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The canonical serialisation of what a signature covers, and its SHA-256. A casebook signature
 * covers the subject (identifiers, details, status), every event (dates, location, status,
 * removal), every event CRF (version, status) and every item value; an event signature the
 * subject's identifiers and that one event. Lines are tab-separated fields, ordered by OID and
 * ordinal, with tab, newline and backslash escaped, so that one set of values gives exactly one
 * text.
 *
 * <p>Statuses are taken as the data stands, not as signing and locking mark it: "signed" reads
 * as "completed" (subject: "available"), and a lock as the status before it. So signing and
 * locking never invalidate a signature, while any change of a value, a date or a data status
 * does.
 */
@Component
public class SignedData {

  /** Bumped if the serialisation ever changes; stored in every text. */
  static final String FORMAT = "LC-SIGNED-DATA\t1";

  private final JdbcClient jdbc;

  public SignedData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The serialised text and its SHA-256 (lower-case hex). */
  public record Content(String text, String hash) {}

  /** What a signature of the subject's casebook ({@code studyEventId} null) or event covers. */
  public Content of(long studySubjectId, Long studyEventId) {
    List<String> lines = new ArrayList<>();
    lines.add(FORMAT);
    lines.add(studyEventId == null ? "scope\tcasebook" : "scope\tevent");
    lines.addAll(
        jdbc.sql(
                "SELECT ss.oid, ss.label, ss.secondary_label, ss.enrollment_date, ss.status,"
                    + " s.person_id, s.sex, s.date_of_birth, s.dob_year_only"
                    + " FROM study_subject ss JOIN subject s ON s.id = ss.subject_id WHERE ss.id = :id")
            .param("id", studySubjectId)
            .query((rs, n) -> line("subject", rs.getString(1), rs.getString(2),
                studyEventId == null ? rs.getString(3) : null,
                studyEventId == null ? rs.getString(4) : null,
                studyEventId == null ? subjectStatus(rs.getString(5)) : null,
                studyEventId == null ? rs.getString(6) : null,
                studyEventId == null ? rs.getString(7) : null,
                studyEventId == null ? rs.getString(8) : null,
                studyEventId == null ? rs.getString(9) : null))
            .list());
    String eventFilter = studyEventId == null ? "" : " AND e.id = :event";
    var events =
        jdbc.sql(
                "SELECT d.oid, e.ordinal, e.start_at, e.end_at, e.location, e.status,"
                    + " e.status_before_lock, e.removal FROM study_event e"
                    + " JOIN study_event_definition d ON d.id = e.event_definition_id"
                    + " WHERE e.study_subject_id = :id" + eventFilter + " ORDER BY d.oid, e.ordinal")
            .param("id", studySubjectId);
    if (studyEventId != null) {
      events = events.param("event", studyEventId);
    }
    lines.addAll(
        events.query((rs, n) -> line("event", rs.getString(1), rs.getString(2), instant(rs, 3),
                instant(rs, 4), rs.getString(5), eventStatus(rs.getString(6), rs.getString(7)),
                rs.getString(8)))
            .list());
    var crfs =
        jdbc.sql(
                "SELECT d.oid, e.ordinal, cv.oid, ec.status, ec.status_before_lock FROM event_crf ec"
                    + " JOIN study_event e ON e.id = ec.study_event_id"
                    + " JOIN study_event_definition d ON d.id = e.event_definition_id"
                    + " JOIN crf_version cv ON cv.id = ec.crf_version_id"
                    + " WHERE e.study_subject_id = :id" + eventFilter + " ORDER BY d.oid, e.ordinal, cv.oid")
            .param("id", studySubjectId);
    if (studyEventId != null) {
      crfs = crfs.param("event", studyEventId);
    }
    lines.addAll(
        crfs.query((rs, n) -> line("crf", rs.getString(1), rs.getString(2), rs.getString(3),
                "LOCKED".equals(rs.getString(4)) ? rs.getString(5) : rs.getString(4)))
            .list());
    var items =
        jdbc.sql(
                "SELECT d.oid, e.ordinal, cv.oid, i.oid, v.ordinal, v.value FROM item_data v"
                    + " JOIN event_crf ec ON ec.id = v.event_crf_id"
                    + " JOIN study_event e ON e.id = ec.study_event_id"
                    + " JOIN study_event_definition d ON d.id = e.event_definition_id"
                    + " JOIN crf_version cv ON cv.id = ec.crf_version_id"
                    + " JOIN item i ON i.id = v.item_id"
                    + " WHERE e.study_subject_id = :id" + eventFilter
                    + " ORDER BY d.oid, e.ordinal, cv.oid, i.oid, v.ordinal")
            .param("id", studySubjectId);
    if (studyEventId != null) {
      items = items.param("event", studyEventId);
    }
    lines.addAll(
        items.query((rs, n) -> line("item", rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)))
            .list());
    String text = String.join("\n", lines) + "\n";
    return new Content(text, sha256(text));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String subjectStatus(String stored) {
    return "SIGNED".equals(stored) ? "AVAILABLE" : stored;
  }

  private static String eventStatus(String stored, String beforeLock) {
    String s = "LOCKED".equals(stored) && beforeLock != null ? beforeLock : stored;
    return "SIGNED".equals(s) ? "COMPLETED" : s;
  }

  private static String instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant().toString();
  }

  private static String line(String kind, String... fields) {
    StringBuilder b = new StringBuilder(kind);
    for (String f : fields) {
      b.append('\t');
      if (f == null) {
        b.append("\\0");
        continue;
      }
      for (int i = 0; i < f.length(); i++) {
        char c = f.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '\t' -> b.append("\\t");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          default -> b.append(c);
        }
      }
    }
    return b.toString();
  }
}
