package jp.ac.umin.libreclinica.core.odm.studyimport;

import jakarta.persistence.EntityManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditContext;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteField;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.RecordStatus;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.oid.Oids;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.GroupClassType;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyPhase;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates a new study from a full ODM 1.3 extract of LibreClinica / OpenClinica 3 (docs/odm.md,
 * "Whole-study import"). The design is built with the study-build services (study, sites,
 * parameters, subject group classes, CRF versions, event definitions and their CRFs), so that it
 * is what a data manager would have built by hand; the clinical data keep the extract's dates,
 * statuses and users (named as text), and its audit logs and notes are kept as imported history.
 * One transaction: on any failure nothing is created. Everything is audited as the importing
 * user with the reason {@code imported from <file>}.
 *
 * <p>The user needs {@link Permission#CREATE_STUDY}. An extract whose study OID or unique
 * identifier (protocol ID) exists here is refused (so are sites whose identifier exists).
 */
@Service
@Transactional(readOnly = true)
public class StudyImportService {

  /** Separates the arguments of a stored failure message. */
  public static final String ARGUMENT_SEPARATOR = "\u001f";

  private static final DateTimeFormatter LC_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSS]x");

  private final StudyService studies;
  private final jp.ac.umin.libreclinica.core.subject.SubjectService subjectService;
  private final GroupClassService groupClasses;
  private final EventDefinitionService eventDefinitions;
  private final CrfService crfs;
  private final AuditService audit;
  private final AuthorizationService authorization;
  private final JdbcTemplate jdbc;
  private final EntityManager em;
  private final Clock clock;
  private final ZoneId zone;

  public StudyImportService(
      StudyService studies,
      GroupClassService groupClasses,
      EventDefinitionService eventDefinitions,
      CrfService crfs,
      AuditService audit,
      AuthorizationService authorization,
      JdbcTemplate jdbc,
      EntityManager em,
      jp.ac.umin.libreclinica.core.subject.SubjectService subjectService,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.studies = studies;
    this.groupClasses = groupClasses;
    this.eventDefinitions = eventDefinitions;
    this.crfs = crfs;
    this.audit = audit;
    this.authorization = authorization;
    this.jdbc = jdbc;
    this.em = em;
    this.subjectService = subjectService;
    this.clock = Clock.systemUTC();
    this.zone = ZoneId.of(zone);
  }

  /** Whether the user may import studies (for showing links). */
  public boolean mayImport(String actor) {
    return authorization.isPermitted(actor, null, Permission.CREATE_STUDY);
  }

  /**
   * Reads the extract and says what it would become; creates nothing.
   *
   * @throws StudyImportException when the file cannot become a study (not ODM, malformed, no
   *     metadata, the study exists here)
   */
  public StudyImportPreview preview(String actor, byte[] bytes, String fileName) {
    authorization.require(actor, null, Permission.CREATE_STUDY);
    StudyExtract x = StudyExtract.read(bytes, fileName);
    refuseExisting(x);
    return new StudyImportPreview(x.study.name(), x.study.protocolId(), x.study.oid(), x.counts(), x.notCarried);
  }

  /** An upload kept after its preview, waiting for the user's confirmation. */
  public record StagedImport(long importId, StudyImportPreview preview) {}

  /**
   * Previews the upload and keeps it (status {@code PREVIEWED}) so that the user can confirm it;
   * nothing of the study is created.
   */
  @Transactional
  public StagedImport stage(String actor, byte[] bytes, String fileName) {
    StudyImportPreview preview = preview(actor, bytes, fileName);
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("INSERT INTO study_import (file_name, file_sha256, file_size, status,"
          + " counts, requested_by, requested_at, file_content) VALUES (?, ?, ?, 'PREVIEWED', ?, ?, ?, ?)", new String[] {"id"});
      ps.setString(1, safeFileName(fileName));
      ps.setString(2, sha256(bytes));
      ps.setLong(3, bytes.length);
      ps.setString(4, preview.counts().encode());
      ps.setString(5, actor);
      ps.setTimestamp(6, ts(clock.instant()));
      ps.setBytes(7, bytes);
      return ps;
    }, keys);
    return new StagedImport(keys.getKey().longValue(), preview);
  }

  /** Marks a previewed upload of this user as confirmed: it waits for its job. */
  @Transactional
  public void queue(String actor, long importId) {
    authorization.require(actor, null, Permission.CREATE_STUDY);
    int n = jdbc.update("UPDATE study_import SET status = 'QUEUED' WHERE id = ? AND status = 'PREVIEWED'"
        + " AND lower(requested_by) = lower(?)", importId, actor);
    if (n != 1) {
      throw new StudyImportException("studyimport.notFound", Long.toString(importId));
    }
  }

  /** Notes the background job that runs an import. */
  @Transactional
  public void attachJob(long importId, long jobId) {
    jdbc.update("UPDATE study_import SET job_id = ? WHERE id = ?", jobId, importId);
  }

  /** Checks that a previewed upload of this user waits for confirmation. */
  public void requireStaged(String actor, long importId) {
    authorization.require(actor, null, Permission.CREATE_STUDY);
    Integer n = jdbc.queryForObject("SELECT count(*) FROM study_import WHERE id = ? AND status = 'PREVIEWED'"
        + " AND lower(requested_by) = lower(?)", Integer.class, importId, actor);
    if (n == null || n != 1) {
      throw new StudyImportException("studyimport.notFound", Long.toString(importId));
    }
  }

  /** Imports a confirmed upload (the background job's work); all or nothing. */
  @Transactional
  public StudyImportResult importStaged(String actor, long importId) {
    byte[][] content = new byte[1][];
    String[] name = new String[1];
    jdbc.query("SELECT file_name, file_content FROM study_import WHERE id = ? AND status IN ('QUEUED', 'FAILED')", rs -> {
      name[0] = rs.getString(1);
      content[0] = rs.getBytes(2);
    }, importId);
    if (content[0] == null) {
      throw new StudyImportException("studyimport.notFound", Long.toString(importId));
    }
    return run(actor, content[0], name[0], importId);
  }

  /** Records that the import's job failed (in its own transaction, after the rollback). */
  @Transactional
  public void failed(long importId, String messageKey, String argument) {
    jdbc.update("UPDATE study_import SET status = 'FAILED', failure_key = ?, failure_arg = ?, finished_at = ? WHERE id = ?",
        cut(messageKey, 200), cut(argument, 2000), ts(clock.instant()), importId);
  }

  /** A stored import (its report), for whoever ran it or an administrator. */
  public StoredImport stored(String actor, long importId) {
    StoredImport s = jdbc.query("SELECT i.*, s.oid AS study_oid FROM study_import i LEFT JOIN study s ON s.id = i.study_id"
        + " WHERE i.id = ?", rs -> rs.next()
        ? new StoredImport(rs.getLong("id"), rs.getString("file_name"), rs.getString("file_sha256"),
            rs.getString("status"), (Long) rs.getObject("study_id", Long.class), rs.getString("study_oid"),
            StudyImportCounts.decode(rs.getString("counts")), rs.getString("requested_by"),
            rs.getTimestamp("requested_at").toInstant(), (Long) rs.getObject("job_id", Long.class),
            rs.getString("failure_key"), rs.getString("failure_arg"), new ArrayList<>())
        : null, importId);
    if (s == null || !(s.requestedBy().equalsIgnoreCase(actor) || authorization.isPermitted(actor, null, Permission.ADMINISTER_USERS))) {
      authorization.require(actor, null, Permission.CREATE_STUDY);
      if (s == null) {
        throw new StudyImportException("studyimport.notFound", Long.toString(importId));
      }
    }
    jdbc.query("SELECT * FROM study_import_problem WHERE import_id = ? ORDER BY id", rs -> {
      s.notCarried().add(new NotCarried(rs.getInt("line"), rs.getString("element"), rs.getString("oid"),
          rs.getString("reason_key"), rs.getString("reason_arg")));
    }, importId);
    return s;
  }

  /** One entry of a subject's imported history (an OpenClinica:AuditLog or a signature of the extract). */
  public record ImportedAuditRow(Instant occurredAt, String userName, String type, String entityOid,
      String oldValue, String newValue, String reason, String originalId) {}

  /**
   * The imported history of a subject (read-only, oldest first), for a user who may see the
   * subject; empty for subjects that were not imported.
   */
  public List<ImportedAuditRow> importedHistory(String actor, long studySubjectId) {
    subjectService.view(actor, studySubjectId);
    return jdbc.query("SELECT * FROM imported_audit WHERE study_subject_id = ? ORDER BY occurred_at NULLS FIRST, id",
        (rs, n) -> new ImportedAuditRow(
            rs.getTimestamp("occurred_at") == null ? null : rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("user_name"), rs.getString("audit_type"), rs.getString("entity_oid"),
            rs.getString("old_value"), rs.getString("new_value"), rs.getString("reason"), rs.getString("original_id")),
        studySubjectId);
  }

  /** The import that created a study, if it was imported. */
  public Long importOfStudy(long studyId) {
    List<Long> ids = jdbc.queryForList("SELECT id FROM study_import WHERE study_id = ? ORDER BY id", Long.class, studyId);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** An import as stored: file, status, the study it created, counts and its report. */
  public record StoredImport(long id, String fileName, String fileSha256, String status, Long studyId,
      String studyOid, StudyImportCounts counts, String requestedBy, Instant requestedAt, Long jobId, String failureKey,
      String failureArgument, List<NotCarried> notCarried) {

    /** The arguments of the failure's message. */
    public Object[] failureArguments() {
      return failureArgument == null ? new Object[0] : failureArgument.split(ARGUMENT_SEPARATOR, -1);
    }
  }

  /**
   * Creates the study. All or nothing.
   *
   * @throws StudyImportException as {@link #preview}
   */
  @Transactional
  public StudyImportResult importStudy(String actor, byte[] bytes, String fileName) {
    return run(actor, bytes, fileName, null);
  }

  private StudyImportResult run(String actor, byte[] bytes, String fileName, Long stagedId) {
    authorization.require(actor, null, Permission.CREATE_STUDY);
    StudyExtract x = StudyExtract.read(bytes, fileName);
    refuseExisting(x);
    String safeName = safeFileName(fileName);
    String reason = "imported from " + safeName;
    String sha = sha256(bytes);
    Builder b = new Builder(x, actor, reason, safeName, sha, bytes.length);
    b.importId = stagedId;
    b.buildDesign();
    em.flush();
    b.alignOids();
    b.importClinicalData();
    long importId = b.record();
    return new StudyImportResult(importId, b.studyId, b.oid("study", x.study.oid()), b.created(),
        b.notCarried, b.changedOids);
  }

  private void refuseExisting(StudyExtract x) {
    List<StudyExtract.StudyX> all = new ArrayList<>();
    all.add(x.study);
    all.addAll(x.sites);
    for (StudyExtract.StudyX s : all) {
      Integer n = jdbc.queryForObject(
          "SELECT count(*) FROM study WHERE lower(protocol_id) = lower(?) OR oid = ?", Integer.class,
          s.protocolId() == null ? "" : s.protocolId().strip(), s.oid());
      if (n != null && n > 0) {
        throw new StudyImportException("studyimport.studyExists", s.line(), s.oid(), s.protocolId());
      }
    }
  }

  /** One run of an import. */
  private final class Builder {
    final StudyExtract x;
    final String actor;
    final String reason;
    final String fileName;
    final String sha;
    final long size;
    final Instant now = clock.instant();
    final List<NotCarried> notCarried;
    final Map<String, String> changedOids = new LinkedHashMap<>();
    long studyId;
    final Map<String, Long> studyIds = new HashMap<>();          // file OID -> id
    final Map<String, Long> eventIds = new HashMap<>();          // file event OID -> definition id
    final Map<String, Boolean> eventRepeating = new HashMap<>();
    final Map<String, CrfService.ImportedVersion> versions = new HashMap<>(); // file form OID
    final Map<String, Long> groupIds = new HashMap<>();          // class name / group name (lower) -> id
    final Map<String, Long> groupClassIds = new HashMap<>();     // lower class name -> id
    final Map<Long, Long> edcIds = new HashMap<>();
    int subjects;
    int studyEvents;
    int forms;
    int values;
    int notes;
    int audits;

    Builder(StudyExtract x, String actor, String reason, String fileName, String sha, long size) {
      this.x = x;
      this.actor = actor;
      this.reason = reason;
      this.fileName = fileName;
      this.sha = sha;
      this.size = size;
      this.notCarried = new ArrayList<>(x.notCarried);
    }

    String oid(String kind, String fileOid) {
      return changedOids.getOrDefault(kind + ":" + fileOid, fileOid);
    }

    void nc(XNode at, String oid, String key, String arg) {
      notCarried.add(new NotCarried(at == null ? 0 : at.line, at == null ? "" : StudyExtract.prefixed(at), oid, key, arg));
    }

    StudyImportCounts created() {
      StudyImportCounts c = x.counts();
      return new StudyImportCounts(c.sites(), c.events(), c.crfs(), c.crfVersions(), c.items(), subjects,
          studyEvents, forms, values, notes, audits);
    }

    // ------------------------------------------------------------ design

    void buildDesign() {
      XNode details = x.study.details();
      XNode desc = details == null ? null : details.child("StudyDescriptionAndStatus");
      XNode facility = details == null ? null : details.child("FacilityInformation");
      XNode conditions = details == null ? null : details.child("ConditionsAndEligibility");
      String pi = text(desc, "PrincipalInvestigator");
      if (pi == null) {
        pi = "-";
        nc(details, x.study.oid(), "studyimport.nc.noInvestigator", null);
      }
      StudyPhase phase = phase(text(desc, "StudyPhase"));
      ProtocolType type = "observational".equalsIgnoreCase(text(desc, "ProtocolType"))
          ? ProtocolType.OBSERVATIONAL : ProtocolType.INTERVENTIONAL;
      StudyDetails sd = new StudyDetails(cut(x.study.name(), 255), cut(x.study.protocolId(), 64),
          cut(desc == null ? null : desc.attr("SecondaryIDs"), 255), cut(pi, 255),
          cut(text(desc, "Sponsor"), 255), cut(text(desc, "Collaborators"), 1000), phase, type,
          cut(text(desc, "Purpose"), 255), cut(x.study.description(), 4000),
          date(desc == null ? null : desc.attr("StartDate")),
          date(desc == null ? null : desc.attr("StudyCompletionDate")),
          date(desc == null ? null : desc.attr("ProtocolVerificationDate")),
          StudyExtract.intOr(text(conditions, "ExpectedTotalEnrollment"), 0),
          cut(text(facility, "FacilityName"), 255), cut(text(facility, "FacilityCity"), 255),
          cut(text(facility, "FacilityState"), 255), cut(text(facility, "PostalCode"), 64),
          cut(text(facility, "FacilityCountry"), 64), cut(text(facility, "FacilityContactName"), 255),
          cut(text(facility, "FacilityContactEmail"), 255), cut(text(facility, "FacilityContactPhone"), 64));
      notCarriedDetails(details, desc, conditions);
      Study study = studies.createStudy(sd, actor);
      studyId = study.getId();
      studyIds.put(x.study.oid(), studyId);
      audit.record(AuditEvent.of("study.import", "Study", studyId).withActor(actor).withStudyId(studyId)
          .withReason(reason).withNewValue(fileName + " sha256 " + sha));
      StudyParameters parameters = parameters(details, study.getParameters().copy());
      study = studies.updateParameters(studyId, study.getVersion(), parameters, actor);
      for (StudyExtract.StudyX s : x.sites) {
        StudyDetails site = new StudyDetails(cut(s.name() == null ? s.oid() : s.name(), 255),
            cut(s.protocolId() == null ? s.oid() : s.protocolId(), 64), null, cut(pi, 255), null, null,
            phase, type, null, cut(s.description(), 4000), null, null, null, 0, null, null, null, null,
            null, null, null, null);
        studyIds.put(s.oid(), studies.createSite(studyId, site, actor).getId());
      }
      for (XNode c : x.groupClasses) {
        List<String> names = new ArrayList<>();
        c.all("StudyGroupItem").forEach(g -> names.add(g.attr("Name")));
        SubjectGroupClass created = groupClasses.create(studyId, c.attr("Name"), groupClassType(c.attr("Type")),
            assignment(c.attr("SubjectAssignment")), names, actor);
        groupClassIds.put(c.attr("Name").strip().toLowerCase(Locale.ROOT), created.getId());
        jdbc.query("SELECT id, name FROM subject_group WHERE group_class_id = ?", rs -> {
          groupIds.put(c.attr("Name").strip().toLowerCase(Locale.ROOT) + "/" + rs.getString("name").toLowerCase(Locale.ROOT),
              rs.getLong("id"));
        }, created.getId());
      }
      for (StudyExtract.FormX f : x.forms.values()) {
        CrfService.ImportedVersion v = crfs.importVersion(f.definition(),
            new CrfService.PreferredOids(f.parentOid(), f.oid(), f.groupOids(), f.itemOids()),
            fileName, sha, size, reason, actor);
        versions.put(f.oid(), v);
        if (v.existing()) {
          nc(null, f.oid(), "studyimport.nc.crfVersionExists", f.crfName() + " / " + f.versionName());
        }
        if (!v.versionOid().equals(f.oid())) {
          changedOids.put("form:" + f.oid(), v.versionOid());
        }
        f.groupOids().forEach((label, oid) -> {
          String here = v.groupOids().get(label);
          if (here != null && !here.equals(oid)) {
            changedOids.put("group:" + oid, here);
          }
        });
        f.itemOids().forEach((name, oid) -> {
          String here = v.itemOids().get(name);
          if (here != null && !here.equals(oid)) {
            changedOids.put("item:" + oid, here);
          }
        });
      }
      for (StudyExtract.EventX e : x.events) {
        StudyEventDefinition d = eventDefinitions.create(studyId, new EventDefinitionDetails(
            cut(e.name() == null ? e.oid() : e.name(), 255), cut(e.description(), 4000), e.repeating(),
            eventType(e.type()), cut(e.category(), 255)), actor);
        eventIds.put(e.oid(), d.getId());
        eventRepeating.put(e.oid(), e.repeating());
        if (!d.getOid().equals(e.oid())) {
          changedOids.put("event:" + e.oid(), d.getOid());
        }
        attachCrfs(e, d);
      }
      String status = text(desc, "StudySytemStatus");
      if (status == null) {
        status = text(desc, "StudySystemStatus");
      }
      StudyStatus target = status == null ? StudyStatus.AVAILABLE : switch (status.strip().toLowerCase(Locale.ROOT)) {
        case "pending" -> StudyStatus.PENDING;
        case "frozen" -> StudyStatus.FROZEN;
        case "locked" -> StudyStatus.LOCKED;
        default -> StudyStatus.AVAILABLE;
      };
      if (target != StudyStatus.PENDING) {
        studies.changeStatus(studyId, StudyStatus.AVAILABLE, reason, actor);
      }
      if (target == StudyStatus.FROZEN || target == StudyStatus.LOCKED) {
        studies.changeStatus(studyId, target, reason, actor);
      }
    }

    private void attachCrfs(StudyExtract.EventX e, StudyEventDefinition d) {
      Map<Long, List<StudyExtract.FormX>> byCrf = new LinkedHashMap<>();
      for (String formOid : e.formOids()) {
        StudyExtract.FormX f = x.forms.get(formOid);
        if (f == null) {
          nc(null, formOid, "studyimport.nc.unknownForm", e.oid());
          continue;
        }
        byCrf.computeIfAbsent(versions.get(formOid).crfId(), k -> new ArrayList<>()).add(f);
      }
      for (Map.Entry<Long, List<StudyExtract.FormX>> c : byCrf.entrySet()) {
        List<StudyExtract.FormX> fs = c.getValue();
        StudyExtract.FormX def = fs.get(0);
        StudyExtract.PresentInEvent pie = null;
        for (StudyExtract.FormX f : fs) {
          for (StudyExtract.PresentInEvent p : f.presentIn()) {
            if (p.eventOid().equals(e.oid()) && (pie == null || p.defaultVersion())) {
              if (p.defaultVersion() || pie == null) {
                def = f;
                pie = p;
              }
            }
          }
        }
        boolean required = fs.stream().anyMatch(f -> Boolean.TRUE.equals(e.mandatory().get(f.oid())));
        List<Long> allowed = new ArrayList<>();
        fs.forEach(f -> allowed.add(versions.get(f.oid()).versionId()));
        long versionCount = jdbc.queryForObject("SELECT count(*) FROM crf_version WHERE crf_id = ?", Long.class, c.getKey());
        CrfParameters p = new CrfParameters(required, versions.get(def.oid()).versionId(),
            pie != null && pie.doubleDataEntry(), pie != null && pie.passwordRequired(),
            pie != null && pie.hide(), sdv(pie == null ? null : pie.sdv()),
            allowed.size() == versionCount ? List.of() : allowed);
        EventDefinitionCrf edc = eventDefinitions.attachCrf(d.getId(), c.getKey(), p, actor);
        edcIds.put(c.getKey() * 1_000_003L + d.getId(), edc.getId());
      }
    }

    private void notCarriedDetails(XNode details, XNode desc, XNode conditions) {
      if (desc != null) {
        for (String e : List.of("DetailedDescription", "Duration", "Selection", "Timing")) {
          if (desc.child(e) != null) {
            nc(desc.child(e), x.study.oid(), "studyimport.nc.studyDetail", e);
          }
        }
        if (desc.attr("OfficialTitle") != null) {
          nc(desc, x.study.oid(), "studyimport.nc.studyDetail", "OfficialTitle");
        }
      }
      if (conditions != null) {
        for (XNode c : conditions.children) {
          if (!c.name.equals("ExpectedTotalEnrollment")) {
            nc(c, x.study.oid(), "studyimport.nc.studyDetail", c.name);
          }
        }
      }
      XNode related = details == null ? null : details.child("RelatedInformation");
      if (related != null && !related.children.isEmpty()) {
        nc(related, x.study.oid(), "studyimport.nc.studyDetail", "RelatedInformation");
      }
    }

    private StudyParameters parameters(XNode details, StudyParameters p) {
      XNode config = details == null ? null : details.child("StudyParameterConfiguration");
      if (config == null) {
        return p;
      }
      for (XNode ref : config.all("StudyParameterListRef")) {
        String id = ref.attr("StudyParameterListID");
        String v = ref.attr("Value") == null ? "" : ref.attr("Value").strip().toLowerCase(Locale.ROOT);
        switch (id == null ? "" : id) {
          case "SPL_collectDob" -> p.setDateOfBirth(v.equals("2") ? StudyParameters.DateOfBirth.YEAR_ONLY
              : v.equals("3") ? StudyParameters.DateOfBirth.NOT_USED : StudyParameters.DateOfBirth.FULL);
          case "SPL_discrepancyManagement" -> p.setDiscrepancyManagement(v.equals("true"));
          case "SPL_subjectPersonIdRequired" -> p.setPersonId(v.equals("required") ? StudyParameters.Usage.REQUIRED
              : v.equals("optional") ? StudyParameters.Usage.OPTIONAL : StudyParameters.Usage.NOT_USED);
          case "SPL_genderRequired" -> p.setSexRequired(v.equals("true"));
          case "SPL_subjectIdGeneration" -> p.setSubjectIdGeneration(v.startsWith("auto")
              ? (v.contains("non") ? StudyParameters.SubjectIdGeneration.AUTO_NON_EDITABLE
                  : StudyParameters.SubjectIdGeneration.AUTO_EDITABLE)
              : StudyParameters.SubjectIdGeneration.MANUAL);
          case "SPL_interviewerNameRequired" -> p.setInterviewerName(usage(v, "yes", "no"));
          case "SPL_interviewerNameDefault" -> p.setInterviewerNameDefault(v.equals("blank")
              ? StudyParameters.Prefill.BLANK : StudyParameters.Prefill.PREFILLED);
          case "SPL_interviewDateRequired" -> p.setInterviewDate(usage(v, "true", "false"));
          case "SPL_interviewDateDefault" -> p.setInterviewDateDefault(v.equals("blank")
              ? StudyParameters.Prefill.BLANK : StudyParameters.Prefill.PREFILLED);
          case "SPL_secondaryLabelViewable" -> p.setSecondaryIdShown(v.equals("true"));
          case "SPL_adminForcedReasonForChange" -> p.setAdminForcedReasonForChange(v.equals("true"));
          case "SPL_eventLocationRequired" -> p.setEventLocation(usage(v, "required", "optional"));
          default -> nc(ref, id, "studyimport.nc.parameter", ref.attr("Value"));
        }
      }
      return p;
    }

    /** Keeps the extract's OIDs of the study, its sites and event definitions where free. */
    void alignOids() {
      List<StudyExtract.StudyX> all = new ArrayList<>();
      all.add(x.study);
      all.addAll(x.sites);
      for (StudyExtract.StudyX s : all) {
        long id = studyIds.get(s.oid());
        String here = jdbc.queryForObject("SELECT oid FROM study WHERE id = ?", String.class, id);
        if (!here.equals(s.oid())) {
          if (wellFormed(s.oid(), "S_") && !taken("study", s.oid())) {
            jdbc.update("UPDATE study SET oid = ? WHERE id = ?", s.oid(), id);
            audit.record(AuditEvent.of("study.import.oid", "Study", id).withActor(actor).withStudyId(studyId)
                .withReason(reason).withOldValue(here).withNewValue(s.oid()));
          } else {
            changedOids.put("study:" + s.oid(), here);
          }
        }
      }
      for (StudyExtract.EventX e : x.events) {
        String here = changedOids.get("event:" + e.oid());
        if (here != null && wellFormed(e.oid(), "SE_") && !taken("study_event_definition", e.oid())) {
          long id = eventIds.get(e.oid());
          jdbc.update("UPDATE study_event_definition SET oid = ? WHERE id = ?", e.oid(), id);
          audit.record(AuditEvent.of("study.import.oid", "StudyEventDefinition", id).withActor(actor)
              .withStudyId(studyId).withReason(reason).withOldValue(here).withNewValue(e.oid()));
          changedOids.remove("event:" + e.oid());
        }
      }
      em.clear();
    }

    private boolean taken(String table, String oid) {
      Integer n = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE oid = ?", Integer.class, oid);
      return n != null && n > 0;
    }

    // ------------------------------------------------------------ clinical data

    void importClinicalData() {
      for (XNode cd : x.clinicalData) {
        long siteId = studyIds.get(cd.attr("StudyOID"));
        for (XNode s : cd.all("SubjectData")) {
          subject(s, siteId);
        }
      }
    }

    private void subject(XNode s, long siteId) {
      String label = firstNonNull(s.attr("StudySubjectID"), s.attr("SubjectKey"));
      Integer same = jdbc.queryForObject("SELECT count(*) FROM study_subject WHERE parent_study_id = ? AND lower(label) = lower(?)",
          Integer.class, studyId, cut(label, 30));
      if (same != null && same > 0) {
        throw new StudyImportException("studyimport.duplicateSubject", s.line, label);
      }
      List<XNode> subjectAudits = audits(s);
      XNode created = firstAudit(subjectAudits, "study subject created");
      Instant createdAt = created == null ? now : auditTime(created.attr("DateTimeStamp"));
      String createdBy = created == null ? actor : x.userName(created.attr("UserID"));
      LocalDate enrollment = date(s.attr("EnrollmentDate"));
      if (enrollment == null) {
        enrollment = createdAt.atZone(zone).toLocalDate();
        nc(s, s.attr("SubjectKey"), "studyimport.nc.enrollmentDerived", enrollment.toString());
      }
      LocalDate dob = date(s.attr("DateOfBirth"));
      boolean yearOnly = false;
      if (dob == null && s.attr("YearOfBirth") != null && StudyExtract.integer(s.attr("YearOfBirth")) != null) {
        dob = LocalDate.of(StudyExtract.integer(s.attr("YearOfBirth")), 1, 1);
        yearOnly = true;
      }
      String sex = s.attr("Sex") == null ? null : switch (s.attr("Sex").strip().toLowerCase(Locale.ROOT)) {
        case "m", "male" -> "m";
        case "f", "female" -> "f";
        default -> null;
      };
      SubjectStatus status = SubjectStatus.AVAILABLE;
      if (s.attr("Status") != null) {
        status = byCode(SubjectStatus.values(), s.attr("Status"), SubjectStatus::code, SubjectStatus.AVAILABLE);
      }
      long subjectRow = insert("INSERT INTO subject (person_id, sex, date_of_birth, dob_year_only, created_at, created_by)"
          + " VALUES (?, ?, ?, ?, ?, ?)", cut(s.attr("UniqueIdentifier"), 255), sex, sqlDate(dob), yearOnly,
          ts(createdAt), cut(createdBy, 64));
      String fileOid = s.attr("SubjectKey");
      String oid = wellFormed(fileOid, "SS_") && fileOid.length() <= 40 && !taken("study_subject", fileOid)
          ? fileOid : Oids.unique("SS_", label, 32, o -> taken("study_subject", o));
      if (!oid.equals(fileOid)) {
        changedOids.put("subject:" + fileOid, oid);
      }
      long ss = insert("INSERT INTO study_subject (subject_id, study_id, parent_study_id, label, secondary_label, oid,"
          + " enrollment_date, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          subjectRow, siteId, studyId, cut(label, 30), cut(s.attr("SecondaryID"), 30), oid, sqlDate(enrollment),
          status.name(), ts(createdAt), cut(createdBy, 64));
      subjects++;
      audit.record(AuditEvent.of("subject.import", "StudySubject", ss).withActor(actor).withStudyId(studyId)
          .withReason(reason).withContext(AuditContext.ofSubject(ss))
          .withNewValue(label + " (" + oid + "), status " + status.code() + ", enrolled " + enrollment));
      groups(s, ss, subjectAudits);
      Place subjectPlace = new Place(ss, siteId, null, null, null, null, null, null);
      keepAudits(withSignatures(subjectAudits, s), subjectPlace, fileOid);
      keepNotes(s, subjectPlace, NoteField.ENROLLMENT_DATE);
      for (XNode e : s.all("StudyEventData")) {
        event(e, ss, siteId);
      }
    }

    private void groups(XNode s, long ss, List<XNode> subjectAudits) {
      Map<Long, Long> chosen = new LinkedHashMap<>();
      for (XNode g : s.all("SubjectGroupData")) {
        String cls = g.attr("StudyGroupClassName");
        String name = g.attr("StudyGroupName");
        Long classId = cls == null ? null : groupClassIds.get(cls.strip().toLowerCase(Locale.ROOT));
        Long groupId = classId == null || name == null ? null
            : groupIds.get(cls.strip().toLowerCase(Locale.ROOT) + "/" + name.strip().toLowerCase(Locale.ROOT));
        if (groupId == null) {
          nc(g, s.attr("SubjectKey"), "studyimport.nc.group", cls + " / " + name);
        } else {
          chosen.put(classId, groupId);
        }
      }
      if (chosen.isEmpty() && groupClassIds.size() == 1) {
        // extracts "with no attributes" leave SubjectGroupData out; the audit log names the group
        String cls = groupClassIds.keySet().iterator().next();
        XNode last = null;
        for (XNode a : subjectAudits) {
          if ("subject group assignment".equalsIgnoreCase(type(a)) && a.attr("NewValue") != null) {
            last = a;
          }
        }
        if (last != null) {
          Long groupId = groupIds.get(cls + "/" + last.attr("NewValue").strip().toLowerCase(Locale.ROOT));
          if (groupId != null) {
            chosen.put(groupClassIds.get(cls), groupId);
            nc(last, s.attr("SubjectKey"), "studyimport.nc.groupFromAudit", last.attr("NewValue"));
          }
        }
      }
      chosen.forEach((classId, groupId) -> jdbc.update(
          "INSERT INTO subject_group_map (study_subject_id, group_class_id, group_id) VALUES (?, ?, ?)",
          ss, classId, groupId));
    }

    private void event(XNode e, long ss, long siteId) {
      String fileOid = e.attr("StudyEventOID");
      Long definitionId = eventIds.get(fileOid);
      if (definitionId == null) {
        nc(e, fileOid, "studyimport.nc.unknownEvent", null);
        return;
      }
      int ordinal = StudyExtract.intOr(e.attr("StudyEventRepeatKey"), 1);
      List<XNode> eventAudits = audits(e);
      XNode scheduled = firstAudit(eventAudits, "study event scheduled");
      Instant createdAt = scheduled == null ? now : auditTime(scheduled.attr("DateTimeStamp"));
      String createdBy = scheduled == null ? actor : x.userName(scheduled.attr("UserID"));
      Instant start = dateTime(e.attr("StartDate"));
      if (start == null) {
        XNode changed = lastAudit(eventAudits, "study event start date changed");
        start = changed == null ? null : lcTimestamp(changed.attr("NewValue"));
        if (start == null) {
          start = createdAt;
        }
        nc(e, fileOid + "[" + ordinal + "]", "studyimport.nc.startDerived", start.toString());
      }
      Instant end = dateTime(e.attr("EndDate"));
      if (end == null && e.attr("EndDate") == null) {
        XNode changed = lastAudit(eventAudits, "study event end date changed");
        end = changed == null ? null : lcTimestamp(changed.attr("NewValue"));
      }
      if (end != null && end.isBefore(start)) {
        end = start;
      }
      SubjectEventStatus status = null;
      RecordStatus removal = RecordStatus.AVAILABLE;
      String code = e.attr("Status");
      if (code == null) {
        for (XNode a : eventAudits) {
          if (type(a).toLowerCase(Locale.ROOT).startsWith("study event") && a.attr("NewValue") != null
              && byCode(SubjectEventStatus.values(), a.attr("NewValue"), SubjectEventStatus::code, null) != null) {
            code = a.attr("NewValue");
          }
        }
        if (code != null) {
          nc(e, fileOid + "[" + ordinal + "]", "studyimport.nc.statusFromAudit", code);
        }
      }
      if (code != null) {
        RecordStatus r = byCode(RecordStatus.values(), code, RecordStatus::code, null);
        if (r != null && r != RecordStatus.AVAILABLE) {
          removal = r;
        } else {
          status = byCode(SubjectEventStatus.values(), code, SubjectEventStatus::code, null);
        }
      }
      if (status == null) {
        status = e.all("FormData").isEmpty() ? SubjectEventStatus.SCHEDULED : SubjectEventStatus.DATA_ENTRY_STARTED;
      }
      long se = insert("INSERT INTO study_event (study_subject_id, event_definition_id, ordinal, start_at, end_at,"
          + " location, status, removal, created_at, created_by, locked_with) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          ss, definitionId, ordinal, ts(start), end == null ? null : ts(end), cut(e.attr("StudyEventLocation"), 2000),
          status.name(), removal.name(), ts(createdAt), cut(createdBy, 64),
          status == SubjectEventStatus.LOCKED ? "event" : null);
      studyEvents++;
      audit.record(AuditEvent.of("event.import", "StudyEvent", se).withActor(actor).withStudyId(studyId)
          .withReason(reason).withContext(new AuditContext(ss, se, null, null, null, null))
          .withNewValue(oid("event", fileOid) + "[" + ordinal + "] " + status.code()));
      Place place = new Place(ss, siteId, se, definitionId, null, null, null, null);
      keepAudits(withSignatures(eventAudits, e), place, fileOid);
      keepNotes(e, place, NoteField.EVENT_START);
      for (XNode f : e.all("FormData")) {
        form(f, place, status);
      }
    }

    private void form(XNode f, Place event, SubjectEventStatus eventStatus) {
      String formOid = f.attr("FormOID");
      CrfService.ImportedVersion v = versions.get(formOid);
      if (v == null) {
        nc(f, formOid, "studyimport.nc.unknownForm", null);
        return;
      }
      StudyExtract.FormX fx = x.forms.get(formOid);
      List<XNode> formAudits = audits(f);
      XNode complete = lastAudit(formAudits, "event crf marked complete");
      EventCrfStatus status = EventCrfStatus.INITIAL_DATA_ENTRY;
      String code = f.attr("Status");
      if (code != null) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        status = switch (c) {
          case "data entry complete", "complete", "completed", "initial data entry completed" -> EventCrfStatus.DATA_ENTRY_COMPLETE;
          case "locked" -> EventCrfStatus.LOCKED;
          case "removed", "invalid" -> EventCrfStatus.REMOVED;
          case "auto-removed" -> EventCrfStatus.AUTO_REMOVED;
          default -> EventCrfStatus.INITIAL_DATA_ENTRY;
        };
        if (c.equals("double data entry") || c.equals("initial data entry completed")) {
          nc(f, formOid, "studyimport.nc.formStatus", code);
        }
      } else if (complete != null) {
        status = EventCrfStatus.DATA_ENTRY_COMPLETE;
        nc(f, formOid, "studyimport.nc.statusFromAudit", "data entry complete");
      }
      if (eventStatus == SubjectEventStatus.LOCKED && status != EventCrfStatus.REMOVED) {
        status = EventCrfStatus.LOCKED;
      }
      XNode first = formAudits.isEmpty() ? null : formAudits.get(0);
      Instant createdAt = first == null ? now : auditTime(first.attr("DateTimeStamp"));
      Instant completedAt = complete == null ? null : auditTime(complete.attr("DateTimeStamp"));
      if (completedAt == null && status == EventCrfStatus.DATA_ENTRY_COMPLETE) {
        completedAt = createdAt;
      }
      long ec = insert("INSERT INTO event_crf (study_event_id, crf_id, crf_version_id, study_id, status, interviewer_name,"
          + " interview_date, created_at, created_by, completed_at, completed_by, locked_with) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          event.studyEvent(), v.crfId(), v.versionId(), event.site(), status.name(), cut(f.attr("InterviewerName"), 255),
          sqlDate(date(f.attr("InterviewDate"))), ts(createdAt),
          cut(first == null ? actor : x.userName(first.attr("UserID")), 64),
          completedAt == null ? null : ts(completedAt),
          complete == null ? (completedAt == null ? null : actor) : cut(x.userName(complete.attr("UserID")), 64),
          status == EventCrfStatus.LOCKED ? (eventStatus == SubjectEventStatus.LOCKED ? "event" : "crf") : null);
      forms++;
      audit.record(AuditEvent.of("eventcrf.import", "EventCrf", ec).withActor(actor).withStudyId(studyId)
          .withReason(reason).withContext(new AuditContext(event.subject(), event.studyEvent(), ec, v.versionId(), null, null))
          .withNewValue(oid("form", formOid) + " " + status.code()));
      Place place = new Place(event.subject(), event.site(), event.studyEvent(), event.definition(), ec, v.crfId(), null, null);
      keepAudits(withSignatures(formAudits, f), place, formOid);
      keepNotes(f, place, NoteField.ITEM_VALUE);
      Map<String, Boolean> seen = new HashMap<>();
      for (XNode g : f.all("ItemGroupData")) {
        int row = StudyExtract.intOr(g.attr("ItemGroupRepeatKey"), 1);
        for (XNode i : g.all("ItemData")) {
          String itemOid = i.attr("ItemOID");
          String name = fx.itemNamesByOid().get(itemOid);
          Long itemId = name == null ? null : v.itemIds().get(name);
          if (itemId == null) {
            nc(i, itemOid, "studyimport.nc.itemNotInForm", formOid);
            continue;
          }
          if (seen.put(itemId + "#" + row, Boolean.TRUE) != null) {
            nc(i, itemOid, "studyimport.nc.duplicateValue", formOid + " " + row);
            continue;
          }
          String value = i.attr("Value");
          if (value == null) {
            value = "";
          }
          if (value.length() > 4000) {
            nc(i, itemOid, "studyimport.nc.valueTooLong", Integer.toString(value.length()));
            value = value.substring(0, 4000);
          }
          List<XNode> itemAudits = audits(i);
          XNode lastChange = itemAudits.isEmpty() ? null : itemAudits.get(itemAudits.size() - 1);
          Instant at = lastChange == null ? createdAt : auditTime(lastChange.attr("DateTimeStamp"));
          String by = lastChange == null ? actor : x.userName(lastChange.attr("UserID"));
          long id = insert("INSERT INTO item_data (event_crf_id, item_id, ordinal, value, updated_at, updated_by)"
              + " VALUES (?, ?, ?, ?, ?, ?)", ec, itemId, row, value, ts(at), cut(by, 64));
          values++;
          audit.record(AuditEvent.of("item.import", "ItemData", id).withActor(actor).withStudyId(studyId)
              .withReason(reason).withContext(new AuditContext(event.subject(), event.studyEvent(), ec, v.versionId(), itemId, row))
              .withNewValue(value));
          Place itemPlace = new Place(event.subject(), event.site(), event.studyEvent(), event.definition(), ec,
              v.crfId(), itemId, row);
          keepAudits(withSignatures(itemAudits, i), itemPlace, itemOid);
          keepNotes(i, itemPlace, NoteField.ITEM_VALUE);
        }
      }
    }

    // ------------------------------------------------------------ history

    private void keepAudits(List<XNode> logs, Place p, String entityOid) {
      for (XNode a : logs) {
        if ("Signature".equals(a.name)) {
          keepSignature(a, p, entityOid);
          continue;
        }
        jdbc.update("INSERT INTO imported_audit (import_id, study_subject_id, study_event_id, event_crf_id, item_id,"
            + " item_ordinal, entity_oid, original_id, user_oid, user_name, occurred_at, audit_type, old_value,"
            + " new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            importId(), p.subject(), p.studyEvent(), p.eventCrf(), p.item(), p.ordinal(), cut(entityOid, 255),
            cut(a.attr("ID"), 64), cut(a.attr("UserID"), 64), cut(x.userName(a.attr("UserID")), 255),
            a.attr("DateTimeStamp") == null ? null : ts(auditTime(a.attr("DateTimeStamp"))),
            cut(type(a), 255), a.attr("OldValue"), a.attr("NewValue"), a.attr("ReasonForChange"));
        audits++;
      }
    }

    private void keepSignature(XNode sig, Place p, String entityOid) {
      XNode userRef = sig.child("UserRef");
      String user = userRef != null ? userRef.attr("UserOID") : sig.attr("UserID");
      String when = sig.child("DateTimeStamp") != null ? sig.childText("DateTimeStamp") : sig.attr("DateTimeStamp");
      XNode sigRef = sig.child("SignatureRef");
      StringBuilder details = new StringBuilder();
      sig.attributes.forEach((k, v) -> details.append(k).append('=').append(v).append(' '));
      if (sigRef != null) {
        details.append("SignatureOID=").append(sigRef.attr("SignatureOID"));
      }
      jdbc.update("INSERT INTO imported_audit (import_id, study_subject_id, study_event_id, event_crf_id, item_id,"
          + " item_ordinal, entity_oid, original_id, user_oid, user_name, occurred_at, audit_type, new_value)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Signature', ?)",
          importId(), p.subject(), p.studyEvent(), p.eventCrf(), p.item(), p.ordinal(), cut(entityOid, 255),
          cut(sig.attr("ID"), 64), cut(user, 64), cut(x.userName(user), 255),
          when == null || auditTime(when) == null ? null : ts(auditTime(when)), details.toString().strip());
      audits++;
    }

    private void keepNotes(XNode n, Place p, NoteField field) {
      for (XNode dns : n.all("DiscrepancyNotes")) {
        for (XNode dn : dns.all("DiscrepancyNote")) {
          note(dn, p, field);
        }
      }
    }

    private void note(XNode dn, Place p, NoteField field) {
      NoteType type = byCode(NoteType.values(), dn.attr("NoteType"), NoteType::code, null);
      if (type == null) {
        nc(dn, dn.attr("ID"), "studyimport.nc.noteType", dn.attr("NoteType"));
        type = NoteType.ANNOTATION;
      }
      NoteStatus status = byCode(NoteStatus.values(), dn.attr("Status"), NoteStatus::code, NoteStatus.NEW);
      List<XNode> children = dn.all("ChildNote");
      Instant updated = dateTime(dn.attr("DateUpdated"));
      XNode first = children.isEmpty() ? null : children.get(0);
      Instant created = first == null ? updated : dateTime(first.attr("DateCreated"));
      if (created == null) {
        created = updated == null ? now : updated;
      }
      if (updated == null) {
        updated = created;
      }
      String description = first == null ? firstNonNull(dn.childText("Description"), "-") : firstNonNull(first.childText("Description"), "-");
      String owner = first == null ? actor : ownerOf(first);
      String assigned = first == null ? null : assignedOf(children.get(children.size() - 1));
      long parent = insert(noteInsert(), null, studyId, p.site(), p.subject(), p.studyEvent(), p.definition(), p.eventCrf(),
          p.crf(), p.item(), p.ordinal(), field.name(), type.name(), status.name(), cut(description, 255),
          first == null ? null : cut(first.childText("DetailedNote"), 4000), assigned, ts(created), cut(owner, 64),
          ts(updated), children.size());
      for (XNode c : children) {
        Instant at = dateTime(c.attr("DateCreated"));
        insert(noteInsert(), parent, studyId, p.site(), p.subject(), p.studyEvent(), p.definition(), p.eventCrf(),
            p.crf(), p.item(), p.ordinal(), field.name(), type.name(),
            byCode(NoteStatus.values(), c.attr("Status"), NoteStatus::code, status).name(),
            cut(firstNonNull(c.childText("Description"), "-"), 255), cut(c.childText("DetailedNote"), 4000),
            assignedOf(c), ts(at == null ? created : at), cut(ownerOf(c), 64), ts(at == null ? created : at), 0);
      }
      notes++;
      audit.record(AuditEvent.of("note.import", "DiscrepancyNote", parent).withActor(actor).withStudyId(studyId)
          .withReason(reason)
          .withContext(new AuditContext(p.subject(), p.studyEvent(), p.eventCrf(), null, p.item(), p.ordinal()))
          .withNewValue(dn.attr("ID") + " " + type.code() + " " + status.code() + ": " + description));
    }

    private String noteInsert() {
      return "INSERT INTO discrepancy_note (parent_id, study_id, site_id, study_subject_id, study_event_id,"
          + " event_definition_id, event_crf_id, crf_id, item_id, ordinal, field, note_type, status, description,"
          + " detailed_note, assigned_to, created_at, created_by, updated_at, child_count)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private String ownerOf(XNode child) {
      XNode ref = child.child("UserRef");
      if (ref != null && ref.attr("UserOID") != null) {
        return x.userName(ref.attr("UserOID"));
      }
      String name = firstNonNull(child.attr("OwnerUserName"), child.attr("UserName"));
      return name == null ? "-" : name;
    }

    private String assignedOf(XNode child) {
      String name = child.attr("UserName");
      XNode ref = child.child("UserRef");
      if (name == null && ref != null && ref.attr("UserName") != null) {
        name = ref.attr("UserName");
      }
      return name == null ? null : cut(name, 64);
    }

    private Long importId;

    private long importId() {
      if (importId != null && !startedStaged) {
        startedStaged = true;
        jdbc.update("UPDATE study_import SET status = 'RUNNING', study_id = ? WHERE id = ?", studyId, importId);
      }
      if (importId == null) {
        startedStaged = true;
        importId = insert("INSERT INTO study_import (file_name, file_sha256, file_size, status, study_id, requested_by,"
            + " requested_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?)", fileName, sha, size, studyId, actor, ts(now));
      }
      return importId;
    }

    private boolean startedStaged;

    long record() {
      long id = importId();
      jdbc.update("UPDATE study_import SET status = 'DONE', counts = ?, finished_at = ?, file_content = NULL,"
          + " failure_key = NULL, failure_arg = NULL WHERE id = ?",
          created().encode(), ts(clock.instant()), id);
      for (NotCarried n : notCarried) {
        jdbc.update("INSERT INTO study_import_problem (import_id, line, element, oid, reason_key, reason_arg)"
            + " VALUES (?, ?, ?, ?, ?, ?)", id, n.line(), cut(n.element(), 100), cut(n.oid(), 255),
            n.reasonKey(), cut(n.argument(), 2000));
      }
      audit.record(AuditEvent.of("study.import.done", "Study", studyId).withActor(actor).withStudyId(studyId)
          .withReason(reason).withNewValue(created().encode() + ";notCarried=" + notCarried.size()));
      return id;
    }

    private long insert(String sql, Object... args) {
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      jdbc.update(con -> {
        PreparedStatement ps = con.prepareStatement(sql, new String[] {"id"});
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        return ps;
      }, keys);
      return keys.getKey().longValue();
    }
  }

  /** Where an imported note or audit row belongs. */
  private record Place(long subject, long site, Long studyEvent, Long definition, Long eventCrf, Long crf,
      Long item, Integer ordinal) {}

  // ---------------------------------------------------------------- small helpers

  private static List<XNode> audits(XNode n) {
    List<XNode> out = new ArrayList<>();
    for (XNode als : n.all("AuditLogs")) {
      out.addAll(als.all("AuditLog"));
    }
    return out;
  }

  /**
   * Signatures of an entity: ODM's {@code Signature} (UserRef, DateTimeStamp, SignatureRef) and
   * OpenClinica's {@code Signatures/Signature}; kept as imported history like audit logs.
   */
  private static List<XNode> signatures(XNode n) {
    List<XNode> out = new ArrayList<>(n.all("Signature"));
    for (XNode s : n.all("Signatures")) {
      out.addAll(s.all("Signature"));
    }
    return out;
  }

  private static List<XNode> withSignatures(List<XNode> logs, XNode n) {
    List<XNode> signatures = signatures(n);
    if (signatures.isEmpty()) {
      return logs;
    }
    List<XNode> all = new ArrayList<>(logs);
    all.addAll(signatures);
    return all;
  }

  private static String type(XNode audit) {
    return firstNonNull(firstNonNull(audit.attr("Type"), audit.attr("AuditType")), "");
  }

  private static XNode firstAudit(List<XNode> logs, String type) {
    for (XNode a : logs) {
      if (type.equalsIgnoreCase(type(a))) {
        return a;
      }
    }
    return null;
  }

  private static XNode lastAudit(List<XNode> logs, String type) {
    XNode last = null;
    for (XNode a : logs) {
      if (type.equalsIgnoreCase(type(a))) {
        last = a;
      }
    }
    return last;
  }

  /** An audit time: with its offset when given, else as UTC. */
  private static Instant auditTime(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** An ODM date or date-time; a date alone is the start of that day here. */
  private Instant dateTime(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    Instant t = auditTime(s.strip());
    if (t != null) {
      return t;
    }
    LocalDate d = date(s);
    return d == null ? null : d.atStartOfDay(zone).toInstant();
  }

  /** LibreClinica's timestamps in audit values: {@code 2011-07-01 12:00:00-04}. */
  private static Instant lcTimestamp(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.strip(), LC_TIMESTAMP).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate date(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip().length() > 10 ? s.strip().substring(0, 10) : s.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }

  private static Date sqlDate(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  private static String text(XNode n, String child) {
    return n == null ? null : n.childText(child);
  }

  private static String cut(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() > max ? s.substring(0, max) : s;
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  private static boolean wellFormed(String oid, String prefix) {
    return oid != null && oid.startsWith(prefix) && oid.length() <= 40 && oid.matches("[A-Z0-9_]+");
  }

  private static <E extends Enum<E>> E byCode(E[] values, String code, java.util.function.Function<E, String> f, E fallback) {
    if (code == null) {
      return fallback;
    }
    String c = code.strip();
    for (E e : values) {
      if (f.apply(e).equalsIgnoreCase(c) || e.name().equalsIgnoreCase(c.replace(' ', '_'))) {
        return e;
      }
    }
    return fallback;
  }

  private static StudyPhase phase(String code) {
    StudyPhase p = byCode(StudyPhase.values(), code, StudyPhase::code, StudyPhase.NOT_APPLICABLE);
    return p;
  }

  private static EventType eventType(String code) {
    return byCode(EventType.values(), code, EventType::code, EventType.SCHEDULED);
  }

  private static SdvRequirement sdv(String code) {
    if (code == null) {
      return SdvRequirement.NOT_REQUIRED;
    }
    return switch (code.strip().toLowerCase(Locale.ROOT)) {
      case "100percent_required", "100% required" -> SdvRequirement.ALL;
      case "partial_required", "partial required" -> SdvRequirement.PARTIAL;
      default -> SdvRequirement.NOT_REQUIRED;
    };
  }

  private static GroupClassType groupClassType(String code) {
    if (code == null) {
      return GroupClassType.OTHER;
    }
    String c = code.strip().toLowerCase(Locale.ROOT);
    return c.equals("arm") ? GroupClassType.ARM : c.startsWith("family") ? GroupClassType.FAMILY
        : c.equals("demographic") ? GroupClassType.DEMOGRAPHIC : GroupClassType.OTHER;
  }

  private static SubjectGroupClass.Assignment assignment(String code) {
    if (code == null) {
      return SubjectGroupClass.Assignment.OPTIONAL;
    }
    String c = code.strip().toLowerCase(Locale.ROOT);
    return c.equals("required") ? SubjectGroupClass.Assignment.REQUIRED
        : c.contains("not") ? SubjectGroupClass.Assignment.NOT_USED : SubjectGroupClass.Assignment.OPTIONAL;
  }

  private static StudyParameters.Usage usage(String v, String required, String optional) {
    if (v.equals(required)) {
      return StudyParameters.Usage.REQUIRED;
    }
    if (v.equals(optional)) {
      return StudyParameters.Usage.OPTIONAL;
    }
    return StudyParameters.Usage.NOT_USED;
  }

  static String safeFileName(String fileName) {
    String name = fileName == null ? "extract.xml" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    if (name.isEmpty()) {
      name = "extract.xml";
    }
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
