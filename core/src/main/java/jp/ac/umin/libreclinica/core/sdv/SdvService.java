package jp.ac.umin.libreclinica.core.sdv;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.dataentry.DataChangeListener;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfRepository;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Source data verification of completed event CRFs. Marking and unmarking need
 * {@link Permission#VERIFY_SDV} at the CRF's site and are audited with the acting user (upstream
 * OC #376 recorded the wrong one); a change of data after SDV clears it (audited too). The
 * requirement of a CRF is its event definition CRF's, a site's own setting first (upstream
 * OC #2275 looked at the site's child sites and found nothing).
 */
@Service
@Transactional(readOnly = true)
public class SdvService implements DataChangeListener {

  private static final String FROM =
      " from event_crf ec"
          + " join study_event se on se.id = ec.study_event_id"
          + " join study_subject ss on ss.id = se.study_subject_id"
          + " join study st on st.id = ec.study_id"
          + " join study_event_definition d on d.id = se.event_definition_id"
          + " join crf c on c.id = ec.crf_id"
          + " left join event_definition_crf edc on edc.event_definition_id = se.event_definition_id"
          + "   and edc.crf_id = ec.crf_id and edc.site_id is null"
          + " left join event_definition_crf sedc on sedc.parent_id = edc.id and sedc.site_id = ec.study_id";

  private static final String REQUIREMENT = "coalesce(sedc.sdv_requirement, edc.sdv_requirement, 'NOT_REQUIRED')";

  private final JdbcTemplate jdbc;
  private final EventCrfRepository eventCrfs;
  private final StudyService studies;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final Clock clock;

  public SdvService(
      JdbcTemplate jdbc,
      EventCrfRepository eventCrfs,
      StudyService studies,
      AuthorizationService authorization,
      AuditService audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.eventCrfs = eventCrfs;
    this.studies = studies;
    this.authorization = authorization;
    this.audit = audit;
    this.clock = clock;
  }

  /** One page (0-based) of the completed event CRFs of a study or site. */
  public SdvPage page(String actor, long studyOrSiteId, SdvQuery query, int page, int size) {
    Study where = studies.get(studyOrSiteId);
    authorization.require(actor, where.getId(), Permission.VIEW_STUDY);
    int pageSize = Math.min(Math.max(size, 1), 200);
    int pageNumber = Math.max(page, 0);
    List<Object> args = new ArrayList<>();
    String sql = where(where, query, args);
    Long total = jdbc.queryForObject("select count(*)" + FROM + sql, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(pageSize);
    pageArgs.add((long) pageNumber * pageSize);
    List<SdvRow> rows = jdbc.query(
        "select ec.id, st.name as site_name, ss.id as subject_id, ss.label, d.name as event_name, se.ordinal,"
            + " c.name as crf_name, ec.status, " + REQUIREMENT + " as requirement, ec.sdv_verified, ec.sdv_at, ec.sdv_by"
            + FROM + sql + " order by ss.label, d.ordinal, se.ordinal, c.name, ec.id limit ? offset ?",
        (rs, i) -> row(rs), pageArgs.toArray());
    return new SdvPage(rows, pageNumber, pageSize, total == null ? 0 : total);
  }

  /** An event CRF's SDV status, for someone who may see it. */
  public EventCrf statusOf(String actor, long eventCrfId) {
    EventCrf e = eventCrfs.findById(eventCrfId).orElseThrow(() -> new SdvException("sdv.notFound", eventCrfId));
    authorization.require(actor, e.getStudyId(), Permission.VIEW_STUDY);
    return e;
  }

  /** Marks event CRFs source-verified, all or none. */
  @Transactional
  public int verify(String actor, Collection<Long> eventCrfIds) {
    return change(actor, eventCrfIds, true);
  }

  /** Takes the source verification back, all or none. */
  @Transactional
  public int unverify(String actor, Collection<Long> eventCrfIds) {
    return change(actor, eventCrfIds, false);
  }

  private int change(String actor, Collection<Long> eventCrfIds, boolean verified) {
    Instant now = clock.instant();
    int changed = 0;
    for (Long id : new LinkedHashSet<>(eventCrfIds)) {
      EventCrf e = eventCrfs.findById(id).orElseThrow(() -> new SdvException("sdv.notFound", id));
      authorization.require(actor, e.getStudyId(), Permission.VERIFY_SDV);
      Study site = studies.get(e.getStudyId());
      studies.requireAllowed(site, StudyOperation.REVIEW_DATA);
      if (e.getStatus() != EventCrfStatus.DATA_ENTRY_COMPLETE && e.getStatus() != EventCrfStatus.LOCKED) {
        throw new SdvException("sdv.notComplete", id);
      }
      if (e.isSdvVerified() == verified) {
        continue;
      }
      if (verified) {
        e.verifySource(actor, now);
      } else {
        e.clearSourceVerification();
      }
      eventCrfs.saveAndFlush(e);
      audit.record(
          AuditEvent.of(verified ? "eventcrf.sdv" : "eventcrf.sdv.undo", "EventCrf", e.getId())
              .withActor(actor)
              .withStudyId(site.isSite() ? site.getParent().getId() : site.getId())
              .withOldValue(verified ? "not verified" : "verified")
              .withNewValue(verified ? "verified" : "not verified"));
      changed++;
    }
    return changed;
  }

  /** Data of a verified CRF changed: the verification no longer stands. */
  @Override
  public void valuesChanged(String actor, EventCrf e) {
    if (!e.isSdvVerified()) {
      return;
    }
    String by = e.getSdvBy();
    e.clearSourceVerification();
    Study site = studies.get(e.getStudyId());
    audit.record(
        AuditEvent.of("eventcrf.sdv.reset", "EventCrf", e.getId())
            .withActor(actor)
            .withStudyId(site.isSite() ? site.getParent().getId() : site.getId())
            .withOldValue("verified by " + by)
            .withNewValue("not verified")
            .withReason("data changed after source data verification"));
  }

  private static SdvRow row(ResultSet rs) throws SQLException {
    Timestamp at = rs.getTimestamp("sdv_at");
    return new SdvRow(
        rs.getLong("id"),
        rs.getString("site_name"),
        rs.getLong("subject_id"),
        rs.getString("label"),
        rs.getString("event_name"),
        rs.getInt("ordinal"),
        rs.getString("crf_name"),
        EventCrfStatus.valueOf(rs.getString("status")),
        SdvRequirement.valueOf(rs.getString("requirement")),
        rs.getBoolean("sdv_verified"),
        at == null ? null : at.toInstant(),
        rs.getString("sdv_by"));
  }

  private static String where(Study where, SdvQuery q, List<Object> args) {
    StringBuilder sql = new StringBuilder(" where ec.status in ('DATA_ENTRY_COMPLETE', 'LOCKED')");
    if (where.isSite()) {
      sql.append(" and ec.study_id = ?");
      args.add(where.getId());
    } else {
      sql.append(" and ss.parent_study_id = ?");
      args.add(where.getId());
      if (q.siteId() != null) {
        sql.append(" and ec.study_id = ?");
        args.add(q.siteId());
      }
    }
    if (q.subjectLabel() != null && !q.subjectLabel().isBlank()) {
      sql.append(" and lower(ss.label) = lower(?)");
      args.add(q.subjectLabel().strip());
    }
    if (q.eventDefinitionId() != null) {
      sql.append(" and se.event_definition_id = ?");
      args.add(q.eventDefinitionId());
    }
    if (q.crfId() != null) {
      sql.append(" and ec.crf_id = ?");
      args.add(q.crfId());
    }
    if (q.verified() != null) {
      sql.append(" and ec.sdv_verified = ?");
      args.add(q.verified());
    }
    if (q.requirement() != null) {
      sql.append(" and ").append(REQUIREMENT).append(" = ?");
      args.add(q.requirement().name());
    }
    return sql.toString();
  }
}
