package jp.ac.umin.libreclinica.core.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventException;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscriptions to study events (LibreClinica lets an event definition name whom to mail when an
 * event reaches a status): each user subscribes themselves, per event definition and optionally
 * per status, at a study or site they work at; a data manager (who may assign study roles) sees
 * everyone's. Unsubscribing keeps the row ({@code REMOVED}); both are audited. Mails go only to
 * subscribers who may still see the subject's site when the event changes.
 */
@Service
@Transactional(readOnly = true)
public class EventSubscriptionService {

  private static final String ENTITY = "EventSubscription";
  private static final String COLUMNS =
      "select s.id, u.user_name, u.first_name, u.last_name, s.event_definition_id, d.name as definition_name,"
          + " s.event_status, s.created_at from event_subscription s"
          + " join user_account u on u.id = s.user_account_id"
          + " join study_event_definition d on d.id = s.event_definition_id";

  private final JdbcTemplate jdbc;
  private final StudyService studies;
  private final EventDefinitionService definitions;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final Clock clock;

  public EventSubscriptionService(
      JdbcTemplate jdbc, StudyService studies, EventDefinitionService definitions,
      AuthorizationService authorization, AuditService audit, Clock clock) {
    this.jdbc = jdbc;
    this.studies = studies;
    this.definitions = definitions;
    this.authorization = authorization;
    this.audit = audit;
    this.clock = clock;
  }

  /** The user's own active subscriptions in the study of this study or site. */
  public List<EventSubscription> mine(String actor, long studyOrSiteId) {
    Study parent = parentOf(studies.view(actor, studyOrSiteId));
    return jdbc.query(COLUMNS + " where s.status = 'ACTIVE' and d.study_id = ? and u.user_name = ? order by d.ordinal, s.id",
        (rs, i) -> row(rs), parent.getId(), actor);
  }

  /** Whether the user may see everyone's subscriptions here (a data manager). */
  public boolean maySeeEveryone(String actor, long studyOrSiteId) {
    return authorization.isPermitted(actor, studyOrSiteId, Permission.ASSIGN_STUDY_ROLES);
  }

  /** Every active subscription in the study of this study or site (data managers). */
  public List<EventSubscription> everyone(String actor, long studyOrSiteId) {
    Study where = studies.view(actor, studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.ASSIGN_STUDY_ROLES);
    return jdbc.query(COLUMNS + " where s.status = 'ACTIVE' and d.study_id = ? order by d.ordinal, u.user_name, s.id",
        (rs, i) -> row(rs), parentOf(where).getId());
  }

  /**
   * Subscribes the user to the events of a definition of the study they work at ({@code when}:
   * the status that triggers a mail, null for every change).
   */
  @Transactional
  public EventSubscription subscribe(String actor, long studyOrSiteId, long definitionId, SubjectEventStatus when) {
    Study parent = parentOf(studies.view(actor, studyOrSiteId));
    StudyEventDefinition d = definitions.get(definitionId);
    if (d.getStudyId() != parent.getId()) {
      throw EventException.onField("definition", "subject.event.definition.notOfStudy");
    }
    if (when == SubjectEventStatus.NOT_SCHEDULED) {
      throw EventException.onField("when", "event.subscription.when.invalid");
    }
    Long accountId = jdbc.queryForObject("select id from user_account where user_name = ?", Long.class, actor);
    Integer taken = jdbc.queryForObject(
        "select count(*) from event_subscription where user_account_id = ? and event_definition_id = ?"
            + " and coalesce(event_status, '*') = ? and status = 'ACTIVE'",
        Integer.class, accountId, definitionId, when == null ? "*" : when.name());
    if (taken != null && taken > 0) {
      throw EventException.onField("definition", "event.subscription.duplicate", d.getName());
    }
    Long id = jdbc.queryForObject(
        "insert into event_subscription (user_account_id, event_definition_id, event_status, status, created_at)"
            + " values (?, ?, ?, 'ACTIVE', ?) returning id",
        Long.class, accountId, definitionId, when == null ? null : when.name(), Timestamp.from(clock.instant()));
    audit.record(AuditEvent.of("event.subscription.create", ENTITY, id)
        .withActor(actor)
        .withStudyId(parent.getId())
        .withNewValue("definition=" + d.getOid() + ", when=" + (when == null ? "any" : when.code())));
    return jdbc.queryForObject(COLUMNS + " where s.id = ?", (rs, i) -> row(rs), id);
  }

  /** Ends one of the user's own subscriptions (kept as removed). */
  @Transactional
  public void unsubscribe(String actor, long subscriptionId) {
    List<EventSubscription> found = jdbc.query(COLUMNS + " where s.id = ? and s.status = 'ACTIVE'",
        (rs, i) -> row(rs), subscriptionId);
    if (found.isEmpty() || !found.get(0).userName().equals(actor)) {
      throw new PermissionDeniedException("authorization.denied");
    }
    jdbc.update("update event_subscription set status = 'REMOVED', removed_at = ?, version = version + 1 where id = ?",
        Timestamp.from(clock.instant()), subscriptionId);
    StudyEventDefinition d = definitions.get(found.get(0).definitionId());
    audit.record(AuditEvent.of("event.subscription.remove", ENTITY, subscriptionId)
        .withActor(actor)
        .withStudyId(d.getStudyId())
        .withOldValue("status=ACTIVE")
        .withNewValue("status=REMOVED"));
  }

  /**
   * Who is to be mailed that an event of this definition, of a subject at {@code subjectSiteId},
   * reached {@code status}: active subscribers for that status or any, who may see the site.
   */
  public List<String> subscribersFor(long definitionId, SubjectEventStatus status, long subjectSiteId) {
    return jdbc.queryForList(
            "select distinct u.user_name from event_subscription s join user_account u on u.id = s.user_account_id"
                + " where s.event_definition_id = ? and s.status = 'ACTIVE'"
                + " and (s.event_status is null or s.event_status = ?) order by u.user_name",
            String.class, definitionId, status.name())
        .stream()
        .filter(u -> studies.mayView(u, subjectSiteId))
        .toList();
  }

  private static Study parentOf(Study where) {
    return where.isSite() ? where.getParent() : where;
  }

  private static EventSubscription row(ResultSet rs) throws SQLException {
    String status = rs.getString("event_status");
    return new EventSubscription(
        rs.getLong("id"),
        rs.getString("user_name"),
        (rs.getString("first_name") + " " + rs.getString("last_name")).strip(),
        rs.getLong("event_definition_id"),
        rs.getString("definition_name"),
        status == null ? null : SubjectEventStatus.valueOf(status),
        rs.getTimestamp("created_at").toInstant());
  }
}
