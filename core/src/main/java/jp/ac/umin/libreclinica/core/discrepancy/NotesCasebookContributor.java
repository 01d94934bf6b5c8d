package jp.ac.umin.libreclinica.core.discrepancy;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.casebook.CasebookContributor;
import jp.ac.umin.libreclinica.core.casebook.CasebookSection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The discrepancy notes of a subject in the printed casebook: one row per message of each
 * thread (where, type, status, date, who, text), threads in the order they were raised. The
 * casebook has checked that the reader may see the subject, which is what seeing its notes needs.
 */
@Component
@Order(10)
public class NotesCasebookContributor implements CasebookContributor {

  private static final String QUERY = """
      SELECT p.id AS thread, p.field, p.note_type, n.status, n.created_at, n.created_by,
             n.description, n.detailed_note, d.name AS event_name, se.ordinal AS event_ordinal,
             se.event_definition_id, d.repeating, c.name AS crf_name, i.name AS item_name, p.ordinal AS item_row
        FROM discrepancy_note p
        JOIN discrepancy_note n ON n.parent_id = p.id
        LEFT JOIN study_event se ON se.id = p.study_event_id
        LEFT JOIN study_event_definition d ON d.id = se.event_definition_id
        LEFT JOIN crf c ON c.id = p.crf_id
        LEFT JOIN item i ON i.id = p.item_id
       WHERE p.study_subject_id = ? AND p.parent_id IS NULL
       ORDER BY p.id, n.id
      """;

  private final JdbcTemplate jdbc;
  private final MessageSource messages;
  private final ZoneId zone;

  public NotesCasebookContributor(
      JdbcTemplate jdbc, MessageSource messages, @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.jdbc = jdbc;
    this.messages = messages;
    this.zone = ZoneId.of(zone);
  }

  /** The reader's name of a type, status or field; LibreClinica's English name when none. */
  private String name(String key, String fallback, Locale locale) {
    return messages.getMessage(key, null, fallback, locale);
  }

  @Override
  public List<CasebookSection> sectionsFor(String actor, long studySubjectId, Locale locale) {
    List<List<String>> rows = new ArrayList<>();
    jdbc.query(QUERY, rs -> {
      String where;
      NoteField field = NoteField.valueOf(rs.getString("field"));
      String event = rs.getString("event_name");
      if (event != null && rs.getBoolean("repeating")) {
        event = event + " #" + rs.getInt("event_ordinal");
      }
      String item = rs.getString("item_name");
      if (item != null) {
        where = event + " / " + rs.getString("crf_name") + " / " + item
            + (rs.getInt("item_row") > 1 ? " #" + rs.getInt("item_row") : "");
      } else {
        String fieldName = messages.getMessage(field.messageKey(), null, field.name(), locale);
        where = event == null ? fieldName : event + " / " + fieldName;
      }
      NoteType type = NoteType.valueOf(rs.getString("note_type"));
      NoteStatus status = NoteStatus.valueOf(rs.getString("status"));
      String text = rs.getString("description");
      String detail = rs.getString("detailed_note");
      rows.add(List.of(
          "DN_" + rs.getLong("thread"),
          where,
          name(type.messageKey(), type.code(), locale),
          name(status.messageKey(), status.code(), locale),
          rs.getTimestamp("created_at").toInstant().atZone(zone).toLocalDateTime().withNano(0).toString().replace('T', ' '),
          rs.getString("created_by"),
          detail == null ? text : text + " — " + detail));
    }, studySubjectId);
    if (rows.isEmpty()) {
      return List.of();
    }
    return List.of(new CasebookSection("casebook.notes",
        List.of("casebook.notes.thread", "casebook.notes.where", "casebook.notes.type", "casebook.notes.status",
            "casebook.notes.date", "casebook.notes.by", "casebook.notes.text"),
        rows));
  }
}
