package jp.ac.umin.libreclinica.core.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * The one way anything writes to the audit trail. Records are append-only (the database refuses
 * UPDATE, DELETE and TRUNCATE on {@code audit_log}) and hash-chained (see {@link AuditHash}).
 *
 * <p>Appends are serialised by a transaction-scoped PostgreSQL advisory lock, held until the
 * appending transaction ends: the next writer waits and then sees the record just committed, so
 * the chain never forks. The price is that audited transactions commit one after another; keep
 * them short.
 */
@Service
@Transactional(readOnly = true)
public class AuditService {

  /** The actor of events that happen without a signed-in user (start-up, jobs). */
  public static final String SYSTEM_ACTOR = "system";

  /** An arbitrary constant naming the audit chain among the advisory locks ("LCAUDIT1"). */
  static final long CHAIN_LOCK_KEY = 0x4C43_4155_4449_5431L;

  private static final int SHORT_TEXT = 255;

  /** Whether a transaction of this thread holds the chain lock (possibly a suspended one). */
  private static final ThreadLocal<Boolean> THREAD_HOLDS_LOCK =
      ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final ObjectProvider<AuditActorProvider> actorProviders;
  private final AuditChainVerifier verifier;
  private final Clock clock;
  private final ObjectProvider<AuditContextResolver> contextResolvers;

  public AuditService(
      JdbcClient jdbc,
      JdbcTemplate batches,
      ObjectProvider<AuditActorProvider> actorProviders,
      AuditChainVerifier verifier,
      ObjectProvider<Clock> clock,
      ObjectProvider<AuditContextResolver> contextResolvers) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.actorProviders = actorProviders;
    this.verifier = verifier;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.contextResolvers = contextResolvers;
  }

  /**
   * Appends the event to the audit trail inside the caller's transaction (so a change and its
   * record commit or roll back together). Fails without a transaction.
   *
   * @throws IllegalStateException when called inside a new transaction while a suspended
   *     transaction of the same thread holds the chain lock (it would wait on itself forever)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(AuditEvent event) {
    append(event);
  }

  /**
   * Appends several events, in this order, inside the caller's transaction, as {@link
   * #record(AuditEvent)} would one by one, with a fixed number of statements (one read of the
   * chain's end, one block of ids, one batch of inserts): for saves that change many values.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordAll(List<AuditEvent> events) {
    if (events.size() <= 1) {
      events.forEach(this::append);
      return;
    }
    lockChain();
    String previousHash =
        jdbc.sql("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .query(String.class)
            .optional()
            .orElse(AuditHash.GENESIS);
    List<Long> ids =
        new ArrayList<>(
            jdbc.sql("SELECT nextval('audit_log_id_seq') FROM generate_series(1, :n)")
                .param("n", events.size())
                .query(Long.class)
                .list());
    Collections.sort(ids);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<AuditRecord> records = new ArrayList<>(events.size());
    List<AuditContext> contexts = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      AuditEvent event = events.get(i);
      AuditRecord r =
          new AuditRecord(
              ids.get(i),
              now,
              clean(resolveActor(event), SHORT_TEXT),
              clean(event.action(), SHORT_TEXT),
              clean(event.entityType(), SHORT_TEXT),
              clean(event.entityId(), SHORT_TEXT),
              event.studyId(),
              clean(event.oldValue(), Integer.MAX_VALUE),
              clean(event.newValue(), Integer.MAX_VALUE),
              clean(event.reason(), Integer.MAX_VALUE),
              clean(resolveClientAddress(event), SHORT_TEXT),
              previousHash,
              null);
      String hash = r.computeHash();
      records.add(
          new AuditRecord(r.id(), r.occurredAt(), r.actor(), r.action(), r.entityType(), r.entityId(),
              r.studyId(), r.oldValue(), r.newValue(), r.reason(), r.clientAddress(), r.previousHash(), hash));
      previousHash = hash;
      AuditContext context = event.context();
      if (context == null && r.entityType() != null && r.entityId() != null) {
        AuditContextResolver resolver = contextResolvers.getIfUnique();
        context = resolver == null ? null : resolver.resolve(r.entityType(), r.entityId()).orElse(null);
      }
      contexts.add(context);
    }
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    batches.batchUpdate(
        "INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, study_id,"
            + " old_value, new_value, reason, client_address, previous_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        records,
        records.size(),
        (ps, r) -> {
          ps.setLong(1, r.id());
          ps.setObject(2, at);
          ps.setString(3, r.actor());
          ps.setString(4, r.action());
          ps.setString(5, r.entityType());
          ps.setString(6, r.entityId());
          ps.setObject(7, r.studyId(), Types.BIGINT);
          ps.setString(8, r.oldValue());
          ps.setString(9, r.newValue());
          ps.setString(10, r.reason());
          ps.setString(11, r.clientAddress());
          ps.setString(12, r.previousHash());
          ps.setString(13, r.hash());
        });
    List<Object[]> contextRows = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      AuditContext c = contexts.get(i);
      if (c != null) {
        contextRows.add(new Object[] {records.get(i).id(), c.studySubjectId(), c.studyEventId(), c.eventCrfId(),
            c.crfVersionId(), c.itemId(), c.itemOrdinal()});
      }
    }
    if (!contextRows.isEmpty()) {
      batches.batchUpdate(
          "INSERT INTO audit_log_context (audit_id, study_subject_id, study_event_id, event_crf_id,"
              + " crf_version_id, item_id, item_ordinal) VALUES (?, ?, ?, ?, ?, ?, ?)",
          contextRows,
          new int[] {Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
              Types.INTEGER});
    }
  }

  /**
   * Appends the event in a transaction of its own: for events that must stay on the record
   * even though the action failed (a failed login, a refused request).
   *
   * @throws IllegalStateException when the calling thread's (suspended) transaction has already
   *     written to the audit trail, since the new transaction would wait for it forever
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordIndependently(AuditEvent event) {
    append(event);
  }

  /** Records of the trail matching the filter, newest first. */
  public Page<AuditRecord> search(AuditQuery query, Pageable pageable) {
    StringBuilder where = new StringBuilder(" WHERE TRUE");
    Map<String, Object> params = new LinkedHashMap<>();
    filter(where, params, "actor", query.actor());
    filter(where, params, "action", query.action());
    filter(where, params, "entity_type", query.entityType());
    filter(where, params, "entity_id", query.entityId());
    long total =
        jdbc.sql("SELECT count(*) FROM audit_log" + where).params(params).query(Long.class).single();
    List<AuditRecord> rows =
        jdbc.sql(
                "SELECT * FROM audit_log"
                    + where
                    + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", pageable.getPageSize())
            .param("offset", pageable.getOffset())
            .query(AuditChainVerifier.ROW_MAPPER)
            .list();
    return new PageImpl<>(rows, pageable, total);
  }

  /**
   * Records about any of the given entities, newest first: e.g. a subject and its events for
   * the subject's audit log. {@code entities} maps an entity type to the ids of that type.
   */
  public Page<AuditRecord> searchEntities(
      Map<String, ? extends Collection<?>> entities, Pageable pageable) {
    StringBuilder where = new StringBuilder(" WHERE FALSE");
    Map<String, Object> params = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<String, ? extends Collection<?>> e : entities.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      where.append(" OR (entity_type = :t").append(n).append(" AND entity_id IN (:i").append(n).append("))");
      params.put("t" + n, e.getKey());
      params.put("i" + n, e.getValue().stream().map(String::valueOf).toList());
      n++;
    }
    if (n == 0) {
      return Page.empty(pageable);
    }
    long total =
        jdbc.sql("SELECT count(*) FROM audit_log" + where).params(params).query(Long.class).single();
    List<AuditRecord> rows =
        jdbc.sql("SELECT * FROM audit_log" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", pageable.getPageSize())
            .param("offset", pageable.getOffset())
            .query(AuditChainVerifier.ROW_MAPPER)
            .list();
    return new PageImpl<>(rows, pageable, total);
  }

  /**
   * Records of the given studies (and sites) whose action starts with one of the prefixes,
   * newest first: e.g. a study's design audit log ({@code study.}, {@code event.definition.} …).
   */
  public Page<AuditRecord> searchStudies(
      Collection<Long> studyIds, Collection<String> actionPrefixes, Pageable pageable) {
    if (studyIds.isEmpty() || actionPrefixes.isEmpty()) {
      return Page.empty(pageable);
    }
    StringBuilder where = new StringBuilder(" WHERE study_id IN (:studies) AND (FALSE");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("studies", List.copyOf(studyIds));
    int n = 0;
    for (String prefix : actionPrefixes) {
      where.append(" OR action LIKE :p").append(n).append(" ESCAPE '\\'");
      params.put("p" + n, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      n++;
    }
    where.append(")");
    long total =
        jdbc.sql("SELECT count(*) FROM audit_log" + where).params(params).query(Long.class).single();
    List<AuditRecord> rows =
        jdbc.sql("SELECT * FROM audit_log" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", pageable.getPageSize())
            .param("offset", pageable.getOffset())
            .query(AuditChainVerifier.ROW_MAPPER)
              .list();
    return new PageImpl<>(rows, pageable, total);
  }

  /**
   * Every record concerning a subject (its own changes, its events', event CRFs' and item
   * values'), oldest first: one query on the subject's context index.
   */
  public List<ContextualAuditRecord> subjectTrail(long studySubjectId) {
    return jdbc.sql(
            "SELECT a.*, c.* FROM audit_log_context c JOIN audit_log a ON a.id = c.audit_id"
                + " WHERE c.study_subject_id = :subject ORDER BY c.audit_id")
        .param("subject", studySubjectId)
        .query(CONTEXTUAL_ROW_MAPPER)
        .list();
  }

  /** The changes of one item's values in an event CRF (every row of it), newest first. */
  public Page<ContextualAuditRecord> itemTrail(long eventCrfId, long itemId, Pageable pageable) {
    long total =
        jdbc.sql(
                "SELECT count(*) FROM audit_log_context c"
                    + " WHERE c.event_crf_id = :eventCrf AND c.item_id = :item")
            .param("eventCrf", eventCrfId)
            .param("item", itemId)
            .query(Long.class)
            .single();
    List<ContextualAuditRecord> rows =
        jdbc.sql(
                "SELECT a.*, c.* FROM audit_log_context c JOIN audit_log a ON a.id = c.audit_id"
                    + " WHERE c.event_crf_id = :eventCrf AND c.item_id = :item"
                    + " ORDER BY c.audit_id DESC LIMIT :limit OFFSET :offset")
            .param("eventCrf", eventCrfId)
            .param("item", itemId)
            .param("limit", pageable.getPageSize())
            .param("offset", pageable.getOffset())
            .query(CONTEXTUAL_ROW_MAPPER)
            .list();
    return new PageImpl<>(rows, pageable, total);
  }

  /**
   * Verifies the whole chain (see {@link AuditChainVerifier}) and records who asked and what
   * was found ({@code audit.verify}).
   */
  @Transactional
  public AuditVerification verifyChain() {
    AuditVerification result = verifier.verify();
    append(
        AuditEvent.of("audit.verify", "audit_log", null)
            .withNewValue(
                result.intact()
                    ? "intact records=" + result.recordsChecked()
                    : "broken id=" + result.brokenRecordId() + " problem=" + result.problem()));
    return result;
  }

  private void append(AuditEvent event) {
    lockChain();
    String previousHash =
        jdbc.sql("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .query(String.class)
            .optional()
            .orElse(AuditHash.GENESIS);
    long id = jdbc.sql("SELECT nextval('audit_log_id_seq')").query(Long.class).single();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    AuditRecord r =
        new AuditRecord(
            id,
            now,
            clean(resolveActor(event), SHORT_TEXT),
            clean(event.action(), SHORT_TEXT),
            clean(event.entityType(), SHORT_TEXT),
            clean(event.entityId(), SHORT_TEXT),
            event.studyId(),
            clean(event.oldValue(), Integer.MAX_VALUE),
            clean(event.newValue(), Integer.MAX_VALUE),
            clean(event.reason(), Integer.MAX_VALUE),
            clean(resolveClientAddress(event), SHORT_TEXT),
            previousHash,
            null);
    String hash = r.computeHash();
    jdbc.sql(
            "INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id,"
                + " study_id, old_value, new_value, reason, client_address, previous_hash, hash)"
                + " VALUES (:id, :at, :actor, :action, :entityType, :entityId, :studyId,"
                + " :oldValue, :newValue, :reason, :clientAddress, :previousHash, :hash)")
        .param("id", r.id())
        .param("at", OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC))
        .param("actor", r.actor())
        .param("action", r.action())
        .param("entityType", r.entityType())
        .param("entityId", r.entityId())
        .param("studyId", r.studyId(), Types.BIGINT)
        .param("oldValue", r.oldValue())
        .param("newValue", r.newValue())
        .param("reason", r.reason())
        .param("clientAddress", r.clientAddress())
        .param("previousHash", r.previousHash())
        .param("hash", hash)
        .update();
    AuditContext context = event.context();
    if (context == null && r.entityType() != null && r.entityId() != null) {
      AuditContextResolver resolver = contextResolvers.getIfUnique();
      context = resolver == null ? null : resolver.resolve(r.entityType(), r.entityId()).orElse(null);
    }
    if (context != null) {
      jdbc.sql(
              "INSERT INTO audit_log_context (audit_id, study_subject_id, study_event_id,"
                  + " event_crf_id, crf_version_id, item_id, item_ordinal) VALUES (:id, :subject,"
                  + " :event, :eventCrf, :crfVersion, :item, :ordinal)")
          .param("id", r.id())
          .param("subject", context.studySubjectId())
          .param("event", context.studyEventId(), Types.BIGINT)
          .param("eventCrf", context.eventCrfId(), Types.BIGINT)
          .param("crfVersion", context.crfVersionId(), Types.BIGINT)
          .param("item", context.itemId(), Types.BIGINT)
          .param("ordinal", context.itemOrdinal(), Types.INTEGER)
          .update();
    }
  }

  private static final org.springframework.jdbc.core.RowMapper<ContextualAuditRecord>
      CONTEXTUAL_ROW_MAPPER =
          (rs, n) ->
              new ContextualAuditRecord(
                  AuditChainVerifier.ROW_MAPPER.mapRow(rs, n),
                  new AuditContext(
                      rs.getLong("study_subject_id"),
                      rs.getObject("study_event_id", Long.class),
                      rs.getObject("event_crf_id", Long.class),
                      rs.getObject("crf_version_id", Long.class),
                      rs.getObject("item_id", Long.class),
                      rs.getObject("item_ordinal", Integer.class)));

  private void lockChain() {
    boolean thisTransactionHolds =
        TransactionSynchronizationManager.getSynchronizations().stream()
            .anyMatch(ChainLockRelease.class::isInstance);
    if (thisTransactionHolds) {
      return;
    }
    if (THREAD_HOLDS_LOCK.get()) {
      throw new IllegalStateException(
          "A suspended transaction of this thread holds the audit chain lock; recording in a new"
              + " transaction now would wait for it forever. Record in the outer transaction.");
    }
    jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS l")
        .param("key", CHAIN_LOCK_KEY)
        .query(Integer.class)
        .single();
    THREAD_HOLDS_LOCK.set(Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(new ChainLockRelease());
  }

  private String resolveActor(AuditEvent event) {
    if (StringUtils.hasText(event.actor())) {
      return event.actor();
    }
    AuditActorProvider provider = actorProviders.getIfUnique();
    return Optional.ofNullable(provider)
        .flatMap(AuditActorProvider::currentActor)
        .filter(StringUtils::hasText)
        .orElse(SYSTEM_ACTOR);
  }

  private String resolveClientAddress(AuditEvent event) {
    if (StringUtils.hasText(event.clientAddress())) {
      return event.clientAddress();
    }
    AuditActorProvider provider = actorProviders.getIfUnique();
    return provider == null ? null : provider.currentClientAddress().orElse(null);
  }

  /**
   * Makes a value storable exactly as hashed: PostgreSQL text cannot hold NUL, unpaired
   * surrogates do not survive UTF-8, and short columns hold at most {@code max} characters.
   */
  static String clean(String value, int max) {
    if (value == null) {
      return null;
    }
    String s = new String(value.replace('\0', '\uFFFD').getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8);
    if (s.codePointCount(0, s.length()) > max) {
      s = s.substring(0, s.offsetByCodePoints(0, max));
    }
    return s;
  }

  private static void filter(
      StringBuilder where, Map<String, Object> params, String column, String value) {
    if (StringUtils.hasText(value)) {
      String name = "f_" + column;
      where.append(" AND ").append(column).append(" = :").append(name);
      params.put(name, value.strip());
    }
  }

  /** Forgets, when the transaction ends, that this thread holds the chain lock. */
  private static final class ChainLockRelease implements TransactionSynchronization {
    @Override
    public void afterCompletion(int status) {
      THREAD_HOLDS_LOCK.remove();
    }
  }
}
