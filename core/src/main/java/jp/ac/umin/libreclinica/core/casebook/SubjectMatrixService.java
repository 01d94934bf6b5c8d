package jp.ac.umin.libreclinica.core.casebook;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.event.RecordStatus;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinitionRepository;
import jp.ac.umin.libreclinica.core.event.StudyEventRepository;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.input.SearchKey;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subject matrix: the subjects of a study (all sites) or of one site, one column per event
 * definition. A page costs the same few statements whatever its size: the page of subjects,
 * their count, the counts per site, and the events of the page's subjects in one statement.
 * A site user sees only their site ({@link StudyService#view} refuses the parent study).
 */
@Service
@Transactional(readOnly = true)
public class SubjectMatrixService {

  @PersistenceContext private EntityManager em;

  private final StudyService studies;
  private final StudyEventDefinitionRepository definitions;
  private final StudyEventRepository events;
  private final InputNormaliser normaliser;
  private final AuthorizationService authorization;
  private final AccountService accounts;

  public SubjectMatrixService(
      StudyService studies,
      StudyEventDefinitionRepository definitions,
      StudyEventRepository events,
      InputNormaliser normaliser,
      AuthorizationService authorization,
      AccountService accounts) {
    this.authorization = authorization;
    this.accounts = accounts;
    this.studies = studies;
    this.definitions = definitions;
    this.events = events;
    this.normaliser = normaliser;
  }

  /**
   * The studies and sites whose matrix the user may open: a study where they may see the whole
   * study, else the sites of it they may see.
   */
  public List<Study> scopes(String actor) {
    List<Study> result = new ArrayList<>();
    UserAccount account = accounts.findByUserName(actor).orElse(null);
    boolean administrator = authorization.isPermitted(account, null, Permission.ADMINISTER_USERS);
    for (Study study : studies.listStudies(actor, PageRequest.of(0, 500)).getContent()) {
      if (administrator || authorization.isPermitted(account, study.getId(), Permission.VIEW_STUDY)) {
        result.add(study);
      } else {
        result.addAll(studies.sitesOf(actor, study.getId()));
      }
    }
    return result;
  }

  /** A page of the matrix of a study or site the user may see. */
  public SubjectMatrix matrix(String actor, long studyOrSiteId, MatrixQuery q) {
    Study scope = studies.view(actor, studyOrSiteId);
    Study parent = scope.isSite() ? scope.getParent() : scope;
    List<StudyEventDefinition> columns =
        definitions.findByStudyIdOrderByOrdinal(parent.getId()).stream()
            .filter(d -> !d.getStatus().isRemoved())
            .toList();
    Set<Long> columnIds = columns.stream().map(StudyEventDefinition::getId).collect(Collectors.toSet());

    Map<String, Object> params = new HashMap<>();
    StringBuilder where = new StringBuilder(" where ss.parent_study_id = :parent");
    params.put("parent", parent.getId());
    if (scope.isSite()) {
      where.append(" and ss.study_id = :scope");
      params.put("scope", scope.getId());
    }
    // full-width/half-width, hiragana/katakana and case variants find each other (SearchKey)
    String search = normaliser.searchKey(q.search());
    if (!search.isEmpty()) {
      where.append(" and (lc_search_key(ss.label) like :search escape '\\'"
          + " or lc_search_key(ss.secondary_label) like :search escape '\\')");
      params.put("search", SearchKey.containsPattern(search));
    }
    if (q.status() != null) {
      where.append(" and ss.status = :status");
      params.put("status", q.status().name());
    }
    if (q.groupId() != null) {
      where.append(
          " and exists (select 1 from subject_group_map g where g.study_subject_id = ss.id and g.group_id = :groupId)");
      params.put("groupId", q.groupId());
    }
    int n = 0;
    for (Map.Entry<Long, SubjectEventStatus> f : q.eventStatus().entrySet()) {
      if (!columnIds.contains(f.getKey()) || f.getValue() == null) {
        continue;
      }
      // the cell shows the latest occurrence not removed by hand; no occurrence = not scheduled
      where.append(" and coalesce((select e.status from study_event e where e.study_subject_id = ss.id")
          .append(" and e.event_definition_id = :d").append(n)
          .append(" and e.removal <> 'REMOVED' order by e.ordinal desc limit 1), 'NOT_SCHEDULED') = :s")
          .append(n);
      params.put("d" + n, f.getKey());
      params.put("s" + n, f.getValue().name());
      n++;
    }
    String siteCountWhere = where.toString();
    if (q.siteId() != null && !scope.isSite()) {
      where.append(" and ss.study_id = :site");
      params.put("site", q.siteId());
    }

    String from = " from study_subject ss join study st on st.id = ss.study_id";
    String countSql = "select count(*)" + from + where;
    Query count = em.createNativeQuery(countSql);
    bind(count, countSql, params);
    long total = ((Number) count.getSingleResult()).longValue();

    String pageSql =
        "select ss.id, ss.label, ss.secondary_label, ss.study_id, st.protocol_id, st.name,"
            + " ss.status, ss.enrollment_date"
            + from + where
            + " order by " + q.sort().column() + (q.descending() ? " desc nulls last" : " asc nulls last")
            + ", ss.id" + (q.descending() ? " desc" : "")
            + " limit :limit offset :offset";
    Query page = em.createNativeQuery(pageSql);
    bind(page, pageSql, params);
    page.setParameter("limit", q.size());
    page.setParameter("offset", (long) q.page() * q.size());
    List<Object[]> rows = rows(page);

    Map<Long, Map<Long, MatrixCell>> cells = cellsOf(rows);
    List<MatrixRow> result = new ArrayList<>();
    for (Object[] r : rows) {
      long id = ((Number) r[0]).longValue();
      result.add(
          new MatrixRow(
              id, (String) r[1], (String) r[2], ((Number) r[3]).longValue(), (String) r[4],
              (String) r[5], SubjectStatus.valueOf((String) r[6]), localDate(r[7]),
              cells.getOrDefault(id, Map.of())));
    }
    return new SubjectMatrix(
        scope, parent, columns,
        new PageImpl<>(result, PageRequest.of(q.page(), q.size()), total),
        siteCounts(scope, parent, siteCountWhere, params));
  }

  private Map<Long, Map<Long, MatrixCell>> cellsOf(List<Object[]> rows) {
    Map<Long, Map<Long, MatrixCell>> cells = new HashMap<>();
    if (rows.isEmpty()) {
      return cells;
    }
    List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
    Map<Long, Map<Long, Integer>> counts = new HashMap<>();
    for (StudyEvent e : events.findShownForSubjects(ids)) {
      int occurrences =
          counts.computeIfAbsent(e.getStudySubjectId(), k -> new HashMap<>())
              .merge(e.getEventDefinitionId(), 1, Integer::sum);
      // ordered by ordinal: the last one seen is the latest occurrence
      cells.computeIfAbsent(e.getStudySubjectId(), k -> new HashMap<>())
          .put(
              e.getEventDefinitionId(),
              new MatrixCell(
                  e.getStatus(), occurrences, e.getRemoval() == RecordStatus.AUTO_REMOVED, e.getId()));
    }
    return cells;
  }

  private List<SiteCount> siteCounts(
      Study scope, Study parent, String where, Map<String, Object> params) {
    String sql = "select ss.study_id, count(*) from study_subject ss" + where + " group by ss.study_id";
    Query q = em.createNativeQuery(sql);
    bind(q, sql, params);
    Map<Long, Long> counted = new HashMap<>();
    for (Object[] r : rows(q)) {
      counted.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
    List<Study> shown = new ArrayList<>();
    if (scope.isSite()) {
      shown.add(scope);
    } else {
      shown.add(parent);
      shown.addAll(studies.sitesOf(parent.getId()));
    }
    Map<Long, SiteCount> result = new LinkedHashMap<>();
    for (Study s : shown) {
      result.put(s.getId(), new SiteCount(s.getId(), s.getProtocolId(), s.getName(), counted.getOrDefault(s.getId(), 0L)));
    }
    return List.copyOf(result.values());
  }

  /** Sets the parameters the statement names (":d1" is not taken for ":d10"). */
  private static void bind(Query query, String sql, Map<String, Object> params) {
    params.forEach((k, v) -> {
      if (java.util.regex.Pattern.compile(":" + k + "(?![A-Za-z0-9_])").matcher(sql).find()) {
        query.setParameter(k, v);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(Query q) {
    return q.getResultList();
  }

  private static LocalDate localDate(Object o) {
    if (o instanceof LocalDate d) {
      return d;
    }
    return o == null ? null : ((Date) o).toLocalDate();
  }

}
