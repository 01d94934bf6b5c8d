package jp.ac.umin.libreclinica.core.audit;

import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the audit chain in id order and names the first record that breaks it. Reads through a
 * database cursor, a batch at a time, so the trail may be larger than memory.
 */
@Service
@Transactional(readOnly = true)
public class AuditChainVerifier {

  static final RowMapper<AuditRecord> ROW_MAPPER =
      (rs, n) ->
          new AuditRecord(
              rs.getLong("id"),
              rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
              rs.getString("actor"),
              rs.getString("action"),
              rs.getString("entity_type"),
              rs.getString("entity_id"),
              rs.getObject("study_id", Long.class),
              rs.getString("old_value"),
              rs.getString("new_value"),
              rs.getString("reason"),
              rs.getString("client_address"),
              rs.getString("previous_hash"),
              rs.getString("hash"));

  private static final int FETCH_SIZE = 500;

  private final JdbcTemplate jdbc;

  public AuditChainVerifier(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    // PostgreSQL streams with a cursor only inside a transaction and with a fetch size.
    this.jdbc.setFetchSize(FETCH_SIZE);
  }

  /** Verifies every record from the first to the last. */
  public AuditVerification verify() {
    String expectedPrevious = AuditHash.GENESIS;
    Long previousId = null;
    long checked = 0;
    try (Stream<AuditRecord> records =
        jdbc.queryForStream("SELECT * FROM audit_log ORDER BY id", ROW_MAPPER)) {
      Iterator<AuditRecord> it = records.iterator();
      while (it.hasNext()) {
        AuditRecord r = it.next();
        checked++;
        if (!expectedPrevious.equals(r.previousHash())) {
          return new AuditVerification(
              checked,
              r.id(),
              AuditVerification.Problem.BROKEN_LINK,
              expectedPrevious,
              r.previousHash(),
              previousId);
        }
        String computed = r.computeHash();
        if (!computed.equals(r.hash())) {
          return new AuditVerification(
              checked,
              r.id(),
              AuditVerification.Problem.HASH_MISMATCH,
              computed,
              r.hash(),
              previousId);
        }
        expectedPrevious = r.hash();
        previousId = r.id();
      }
    }
    return AuditVerification.intact(checked);
  }
}
