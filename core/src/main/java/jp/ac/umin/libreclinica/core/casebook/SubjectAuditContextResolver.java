package jp.ac.umin.libreclinica.core.casebook;

import java.util.Optional;
import jp.ac.umin.libreclinica.core.audit.AuditContext;
import jp.ac.umin.libreclinica.core.audit.AuditContextResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Places records about subjects, their events, event CRFs and item values in the subject's
 * casebook, whoever wrote them: one primary-key lookup per record, inside the recording
 * transaction (the entity has just been written there).
 */
@Component
class SubjectAuditContextResolver implements AuditContextResolver {

  private final JdbcClient jdbc;

  SubjectAuditContextResolver(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<AuditContext> resolve(String entityType, String entityId) {
    if (entityId == null || !entityId.matches("\\d{1,18}")) {
      return Optional.empty();
    }
    long id = Long.parseLong(entityId);
    return switch (entityType) {
      case "StudySubject" ->
          jdbc.sql("SELECT id FROM study_subject WHERE id = :id").param("id", id)
              .query(Long.class).optional().map(AuditContext::ofSubject);
      case "StudyEvent" ->
          jdbc.sql("SELECT study_subject_id FROM study_event WHERE id = :id").param("id", id)
              .query((rs, n) -> new AuditContext(rs.getLong(1), id, null, null, null, null))
              .optional();
      case "EventCrf" ->
          jdbc.sql(
                  "SELECT e.study_subject_id, e.id, c.crf_version_id FROM event_crf c"
                      + " JOIN study_event e ON e.id = c.study_event_id WHERE c.id = :id")
              .param("id", id)
              .query((rs, n) -> new AuditContext(rs.getLong(1), rs.getLong(2), id, rs.getLong(3), null, null))
              .optional();
      case "ItemData" ->
          jdbc.sql(
                  "SELECT e.study_subject_id, e.id, c.id, c.crf_version_id, d.item_id, d.ordinal"
                      + " FROM item_data d JOIN event_crf c ON c.id = d.event_crf_id"
                      + " JOIN study_event e ON e.id = c.study_event_id WHERE d.id = :id")
              .param("id", id)
              .query(
                  (rs, n) ->
                      new AuditContext(
                          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                          rs.getInt(6)))
              .optional();
      // double data entry: a value of the second pass, placed like the item value it doubles
      case "SecondEntryValue" ->
          jdbc.sql(
                  "SELECT e.study_subject_id, e.id, c.id, c.crf_version_id, d.item_id, d.ordinal"
                      + " FROM second_entry_value d JOIN event_crf c ON c.id = d.event_crf_id"
                      + " JOIN study_event e ON e.id = c.study_event_id WHERE d.id = :id")
              .param("id", id)
              .query(
                  (rs, n) ->
                      new AuditContext(
                          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                          rs.getInt(6)))
              .optional();
      default -> Optional.empty();
    };
  }
}
