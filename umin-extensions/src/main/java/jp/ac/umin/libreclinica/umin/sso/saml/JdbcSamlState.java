package jp.ac.umin.libreclinica.umin.sso.saml;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SAML working state in the database (tables {@code sso_saml_request} and
 * {@code sso_saml_replay}), shared by every application server: an AuthnRequest sent by one
 * node can be answered at another, and an assertion used at one node is refused at all.
 * Consuming a request is one {@code DELETE ... RETURNING}, so two nodes cannot both accept it.
 */
public final class JdbcSamlState {

  private JdbcSamlState() {}

  /** The outstanding AuthnRequests. */
  public static final class Requests extends SamlRequestStore {
    private final JdbcTemplate jdbc;
    private final Duration lifetime;

    public Requests(JdbcTemplate jdbc, Duration lifetime) {
      super(lifetime);
      this.jdbc = jdbc;
      this.lifetime = lifetime;
    }

    @Override
    public void add(Pending request) {
      jdbc.update(
          "DELETE FROM sso_saml_request WHERE issued_at < ?",
          Timestamp.from(request.issued().minus(lifetime).minus(Duration.ofMinutes(1))));
      jdbc.update(
          "INSERT INTO sso_saml_request (id, issued_at, force_authn, user_name, return_path) VALUES (?, ?, ?, ?, ?)",
          request.id(),
          Timestamp.from(request.issued()),
          request.forceAuthn(),
          request.userName(),
          request.returnPath());
    }

    @Override
    public Optional<Pending> consume(String id, Instant now) {
      if (id == null || id.length() > 100) {
        return Optional.empty();
      }
      List<Pending> found =
          jdbc.query(
              "DELETE FROM sso_saml_request WHERE id = ? RETURNING id, issued_at, force_authn, user_name, return_path",
              (rs, i) ->
                  new Pending(
                      rs.getString("id"),
                      rs.getTimestamp("issued_at").toInstant(),
                      rs.getBoolean("force_authn"),
                      rs.getString("user_name"),
                      rs.getString("return_path")),
              id);
      if (found.isEmpty() || found.get(0).issued().plus(lifetime).isBefore(now)) {
        return Optional.empty();
      }
      return Optional.of(found.get(0));
    }
  }

  /** The assertion IDs already used, each until the assertion would have expired anyway. */
  public static final class Replays extends ReplayCache {
    private final JdbcTemplate jdbc;

    public Replays(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Override
    public boolean firstUse(String id, Instant until, Instant now) {
      if (id == null || id.isEmpty() || id.length() > 256) {
        return false;
      }
      jdbc.update("DELETE FROM sso_saml_replay WHERE keep_until < ?", Timestamp.from(now));
      return jdbc.update(
              "INSERT INTO sso_saml_replay (assertion_id, keep_until) VALUES (?, ?) ON CONFLICT DO NOTHING",
              id,
              Timestamp.from(until))
          == 1;
    }
  }
}
