package jp.ac.umin.libreclinica.core.odm;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the clinical data of a study or site as ODM 1.3 with the OpenClinica extensions, as
 * LibreClinica's extracts and REST URLs give it: one ClinicalData per site (and one for subjects
 * enrolled at the study itself), SubjectData, StudyEventData with repeat keys, FormData,
 * ItemGroupData with repeat keys for repeating groups, ItemData.
 *
 * <p>The rows come from one forward-only query read with a fetch size inside a read-only
 * transaction (PostgreSQL then streams them through a cursor): memory does not grow with the
 * study. Audit logs, when asked for, are read per subject (one indexed query each) and written
 * at the subject level. See docs/odm.md.
 */
@Service
@Transactional(readOnly = true)
public class ClinicalDataExporter {

  static final int FETCH_SIZE = 1_000;

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  static final String DATA_QUERY = """
      SELECT st.id AS study_id, st.oid AS study_oid,
             ss.id AS ss_id, ss.oid AS ss_oid, ss.label, ss.secondary_label, ss.status AS ss_status,
             ss.enrollment_date, s.person_id, s.sex, s.date_of_birth, s.dob_year_only,
             se.id AS se_id, sed.oid AS sed_oid, sed.repeating, se.ordinal AS se_ordinal,
             se.start_at, se.end_at, se.location, se.status AS se_status, se.removal,
             ec.id AS ec_id, cv.oid AS cv_oid, cv.name AS cv_name, ec.interviewer_name,
             ec.interview_date, ec.status AS ec_status,
             ig.oid AS ig_oid, igm.layout, itd.ordinal AS item_ordinal, it.oid AS item_oid, itd.item_id,
             itd.value, it.units
        FROM study_subject ss
        JOIN subject s ON s.id = ss.subject_id
        JOIN study st ON st.id = ss.study_id
        LEFT JOIN study_event se ON se.study_subject_id = ss.id
             AND (CAST(? AS VARCHAR) IS NULL OR se.event_definition_id IN
                  (SELECT d.id FROM study_event_definition d WHERE d.oid = ?))
             AND (CAST(? AS VARCHAR[]) IS NULL OR se.event_definition_id IN
                  (SELECT d.id FROM study_event_definition d WHERE d.oid = ANY (CAST(? AS VARCHAR[]))))
             AND (CAST(? AS TIMESTAMPTZ) IS NULL OR se.start_at >= ?)
             AND (CAST(? AS TIMESTAMPTZ) IS NULL OR se.start_at < ?)
        LEFT JOIN study_event_definition sed ON sed.id = se.event_definition_id
        LEFT JOIN event_crf ec ON ec.study_event_id = se.id
             AND (CAST(? AS VARCHAR) IS NULL OR ec.crf_version_id IN
                  (SELECT v.id FROM crf_version v WHERE v.oid = ?))
             AND (CAST(? AS VARCHAR[]) IS NULL
                  OR ec.crf_id IN (SELECT c.id FROM crf c WHERE c.oid = ANY (CAST(? AS VARCHAR[])))
                  OR ec.crf_version_id IN (SELECT v.id FROM crf_version v WHERE v.oid = ANY (CAST(? AS VARCHAR[]))))
        LEFT JOIN crf_version cv ON cv.id = ec.crf_version_id
        LEFT JOIN event_definition_crf edc ON edc.event_definition_id = se.event_definition_id
             AND edc.crf_id = ec.crf_id AND edc.site_id IS NULL
        LEFT JOIN item_data itd ON itd.event_crf_id = ec.id
             AND (CAST(? AS VARCHAR[]) IS NULL OR itd.item_id IN
                  (SELECT i.id FROM item i WHERE i.oid = ANY (CAST(? AS VARCHAR[]))))
        LEFT JOIN item it ON it.id = itd.item_id
        LEFT JOIN item_form_metadata ifm ON ifm.crf_version_id = ec.crf_version_id
             AND ifm.item_id = itd.item_id
        LEFT JOIN item_group_metadata igm ON igm.id = ifm.item_group_metadata_id
        LEFT JOIN item_group ig ON ig.id = igm.item_group_id
       WHERE ss.parent_study_id = ?
         AND (CAST(? AS BIGINT) IS NULL OR ss.study_id = ?)
         AND (CAST(? AS VARCHAR) IS NULL OR lower(ss.label) = lower(?) OR ss.oid = ?)
         AND (CAST(? AS VARCHAR[]) IS NULL OR ss.status = ANY (CAST(? AS VARCHAR[])))
       ORDER BY (ss.study_id <> ss.parent_study_id), st.oid, ss.label, ss.id,
                sed.ordinal, sed.id, se.ordinal, edc.ordinal, ec.id,
                igm.ordinal, ig.id, itd.ordinal, ifm.ordinal, itd.id
      """;

  private static final String AUDIT_QUERY = """
      SELECT a.id, a.occurred_at, a.actor, a.action, a.old_value, a.new_value, a.reason
        FROM audit_log a
       WHERE (a.entity_type = 'StudySubject' AND a.entity_id = ?)
          OR (a.entity_type = 'StudyEvent' AND a.entity_id IN
              (SELECT CAST(e.id AS VARCHAR) FROM study_event e WHERE e.study_subject_id = ?))
          OR (a.entity_type = 'EventCrf' AND a.entity_id IN
              (SELECT CAST(c.id AS VARCHAR) FROM event_crf c
                 JOIN study_event e ON e.id = c.study_event_id WHERE e.study_subject_id = ?))
          OR (a.entity_type = 'ItemData' AND a.entity_id IN
              (SELECT CAST(d.id AS VARCHAR) FROM item_data d JOIN event_crf c ON c.id = d.event_crf_id
                 JOIN study_event e ON e.id = c.study_event_id WHERE e.study_subject_id = ?))
       ORDER BY a.id
      """;

  private static final String NOTES_QUERY = """
      SELECT n.id, n.parent_id, n.study_event_id, n.event_crf_id, n.item_id, n.ordinal, n.field,
             n.note_type, n.status, n.description, n.detailed_note, n.created_at, n.updated_at,
             u.id AS user_id
        FROM discrepancy_note n
        LEFT JOIN user_account u ON lower(u.user_name) = lower(n.created_by)
       WHERE n.study_subject_id = ?
       ORDER BY coalesce(n.parent_id, n.id), n.parent_id NULLS FIRST, n.id
      """;

  /** One note of a thread, as the export needs it. */
  private record Note(long id, String status, String description, String detailed, Timestamp created, Long userId) {}

  /** A thread: its parent's type, status and dates, and its child notes. */
  private static final class NoteThreadRow {
    final long id;
    final String type;
    final String status;
    final Timestamp updated;
    final List<Note> children = new ArrayList<>();

    NoteThreadRow(long id, String type, String status, Timestamp updated) {
      this.id = id;
      this.type = type;
      this.status = status;
      this.updated = updated;
    }
  }

  private final OdmMetadataExporter metadata;
  private final StudyService studies;
  private final AuthorizationService authorization;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public ClinicalDataExporter(
      OdmMetadataExporter metadata,
      StudyService studies,
      AuthorizationService authorization,
      JdbcTemplate jdbc,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.metadata = metadata;
    this.studies = studies;
    this.authorization = authorization;
    this.jdbc = jdbc;
    this.zone = ZoneId.of(zone);
  }

  /**
   * A full ODM file: the study's metadata (as {@link OdmMetadataExporter} writes it) followed by
   * its clinical data.
   *
   * @throws jp.ac.umin.libreclinica.core.account.PermissionDeniedException when the user may
   *     not extract the study's data
   */
  public void exportFull(
      String actor, long studyOrSiteId, ClinicalDataFilter filter, OdmExportOptions options,
      OutputStream out) {
    exportFull(actor, studyOrSiteId, filter, options, out, () -> {});
  }

  /**
   * A full ODM file, calling {@code afterEachSubject} when a subject is written (for progress;
   * a runtime exception thrown there stops the export).
   */
  public void exportFull(
      String actor, long studyOrSiteId, ClinicalDataFilter filter, OdmExportOptions options,
      OutputStream out, Runnable afterEachSubject) {
    Study study = checked(actor, studyOrSiteId);
    var design = metadata.design(study.getId());
    try (OdmWriter w = OdmWriter.open(out)) {
      metadata.startOdm(w, "Study-Meta-Clin", "Study Metadata and Clinical Data", options);
      metadata.writeStudies(w, design, options);
      writeClinicalData(w, study, filter, options, MetadataWriter.unitOidsOf(design), afterEachSubject);
    }
  }

  /** An ODM file with the clinical data only (no Study element). */
  public void exportClinical(
      String actor, long studyOrSiteId, ClinicalDataFilter filter, OdmExportOptions options,
      OutputStream out) {
    exportClinical(actor, studyOrSiteId, filter, options, out, () -> {});
  }

  /** The clinical data only, calling {@code afterEachSubject} when a subject is written. */
  public void exportClinical(
      String actor, long studyOrSiteId, ClinicalDataFilter filter, OdmExportOptions options,
      OutputStream out, Runnable afterEachSubject) {
    Study study = checked(actor, studyOrSiteId);
    Map<String, String> units = MetadataWriter.unitOidsOf(metadata.design(study.getId()));
    try (OdmWriter w = OdmWriter.open(out)) {
      metadata.startOdm(w, "Clin", "Clinical Data", options);
      writeClinicalData(w, study, filter, options, units, afterEachSubject);
    }
  }

  /** The study or site the user may extract, by OID (for LibreClinica's REST URLs). */
  public Study extractableByOid(String actor, String studyOid) {
    Study study = studies.viewByOid(actor, studyOid);
    authorization.require(actor, study.getId(), Permission.EXTRACT_DATA);
    return study;
  }

  /** The file name of a full extract, e.g. {@code S_R0112345-odm-full.xml}. */
  public String fileName(String actor, long studyOrSiteId) {
    return studies.view(actor, studyOrSiteId).getOid() + "-odm-full.xml";
  }

  /**
   * Checks that the user may extract the data of the study or site (before a response is
   * started).
   *
   * @throws jp.ac.umin.libreclinica.core.account.PermissionDeniedException when not
   */
  public void checkExtractable(String actor, long studyOrSiteId) {
    checked(actor, studyOrSiteId);
  }

  private Study checked(String actor, long studyOrSiteId) {
    Study study = studies.view(actor, studyOrSiteId);
    authorization.require(actor, study.getId(), Permission.EXTRACT_DATA);
    return study;
  }

  private void writeClinicalData(
      OdmWriter w, Study study, ClinicalDataFilter filter, OdmExportOptions options,
      Map<String, String> unitOids, Runnable afterEachSubject) {
    long rootId = study.isSite() ? study.getParent().getId() : study.getId();
    Long siteId = study.isSite() ? study.getId() : null;
    StudyParameters.DateOfBirth dob = study.getParameters().getDateOfBirth();
    var writer = new RowWriter(w, options, filter, unitOids, dob, study, afterEachSubject);
    jdbc.query(
        con -> {
          var ps = con.prepareStatement(DATA_QUERY, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
          ps.setFetchSize(FETCH_SIZE);
          ClinicalDataFilter.Restriction r = filter.restriction();
          java.sql.Array events = array(con, r.eventOids());
          java.sql.Array forms = array(con, r.formOids());
          java.sql.Array items = array(con, r.itemOids());
          java.sql.Array statuses = array(con, r.subjectStatuses() == null ? null : List.copyOf(r.subjectStatuses()));
          java.time.OffsetDateTime from = offset(r.startFrom());
          java.time.OffsetDateTime before = offset(r.startBefore());
          int i = 1;
          ps.setString(i++, filter.eventOid());
          ps.setString(i++, filter.eventOid());
          ps.setArray(i++, events);
          ps.setArray(i++, events);
          ps.setObject(i++, from);
          ps.setObject(i++, from);
          ps.setObject(i++, before);
          ps.setObject(i++, before);
          ps.setString(i++, filter.formOid());
          ps.setString(i++, filter.formOid());
          ps.setArray(i++, forms);
          ps.setArray(i++, forms);
          ps.setArray(i++, forms);
          ps.setArray(i++, items);
          ps.setArray(i++, items);
          ps.setLong(i++, rootId);
          ps.setObject(i++, siteId);
          ps.setObject(i++, siteId);
          ps.setString(i++, filter.subjectLabel());
          ps.setString(i++, filter.subjectLabel());
          ps.setString(i++, filter.subjectLabel());
          ps.setArray(i++, statuses);
          ps.setArray(i, statuses);
          return ps;
        },
        (RowCallbackHandler) writer::row);
    writer.finish();
  }

  private static java.sql.Array array(java.sql.Connection con, List<String> values) throws SQLException {
    return values == null ? null : con.createArrayOf("varchar", values.toArray());
  }

  private java.time.OffsetDateTime offset(java.time.Instant instant) {
    return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
  }

  /** Turns the ordered rows into nested elements, closing an element when its key changes. */
  private final class RowWriter {
    private final OdmWriter w;
    private final OdmExportOptions options;
    private final ClinicalDataFilter filter;
    private final Map<String, String> unitOids;
    private final StudyParameters.DateOfBirth dob;
    private final Study requested;
    private final Runnable afterEachSubject;

    private Long studyId;
    private Long subjectId;
    private String subjectOid;
    private Long eventId;
    private Long eventCrfId;
    private String groupKey;
    private String eventOid;
    private int flushCounter;
    /** The notes of the current subject by place ({@code S}, {@code E<event>}, {@code I<crf>:<item>:<row>}). */
    private Map<String, List<NoteThreadRow>> notes = Map.of();

    RowWriter(OdmWriter w, OdmExportOptions options, ClinicalDataFilter filter,
        Map<String, String> unitOids, StudyParameters.DateOfBirth dob, Study requested,
        Runnable afterEachSubject) {
      this.afterEachSubject = afterEachSubject;
      this.w = w;
      this.options = options;
      this.filter = filter;
      this.unitOids = unitOids;
      this.dob = dob;
      this.requested = requested;
    }

    void row(ResultSet rs) throws SQLException {
      long rowStudy = rs.getLong("study_id");
      if (!Objects.equals(studyId, rowStudy)) {
        closeSubject();
        if (studyId != null) {
          w.end(); // ClinicalData
        }
        studyId = rowStudy;
        String oid = rs.getString("study_oid");
        boolean site = rowStudy != (requested.isSite() ? requested.getParent().getId() : requested.getId());
        w.start("ClinicalData").attribute("StudyOID", oid)
            .attribute("MetaDataVersionOID",
                site ? OdmMetadataExporter.METADATA_VERSION + "-" + oid : OdmMetadataExporter.METADATA_VERSION);
      }
      long ss = rs.getLong("ss_id");
      if (!Objects.equals(subjectId, ss)) {
        closeSubject();
        subjectId = ss;
        subjectOid = rs.getString("ss_oid");
        notes = filter.includeNotes() && options.extensions() ? loadNotes(ss) : Map.of();
        startSubject(rs);
      }
      long se = rs.getLong("se_id");
      if (rs.wasNull()) {
        return;
      }
      if (!Objects.equals(eventId, se)) {
        closeEvent();
        eventId = se;
        eventOid = rs.getString("sed_oid");
        startEvent(rs);
      }
      long ec = rs.getLong("ec_id");
      if (rs.wasNull()) {
        return;
      }
      if (!Objects.equals(eventCrfId, ec)) {
        closeForm();
        eventCrfId = ec;
        startForm(rs);
      }
      String itemOid = rs.getString("item_oid");
      String groupOid = rs.getString("ig_oid");
      if (itemOid == null || groupOid == null) {
        return;
      }
      boolean repeating = "GRID".equals(rs.getString("layout"));
      int ordinal = rs.getInt("item_ordinal");
      String key = groupOid + "#" + (repeating ? ordinal : 0);
      if (!key.equals(groupKey)) {
        closeGroup();
        groupKey = key;
        w.start("ItemGroupData").attribute("ItemGroupOID", groupOid);
        if (repeating) {
          w.attribute("ItemGroupRepeatKey", Integer.toString(ordinal));
        }
        w.attribute("TransactionType", "Insert");
      }
      w.start("ItemData").attribute("ItemOID", itemOid).attribute("Value", rs.getString("value"));
      String units = rs.getString("units");
      String unitOid = units == null ? null : unitOids.get(units.strip());
      if (unitOid != null) {
        w.start("MeasurementUnitRef").attribute("MeasurementUnitOID", unitOid).end();
      }
      writeNotes("I" + ec + ":" + rs.getLong("item_id") + ":" + ordinal, itemOid);
      w.end();
      if (++flushCounter % 10_000 == 0) {
        w.flush();
      }
    }

    private void startSubject(ResultSet rs) throws SQLException {
      w.start("SubjectData").attribute("SubjectKey", subjectOid);
      if (options.extensions()) {
        String oc = OdmNamespaces.OPENCLINICA;
        String p = OdmNamespaces.OPENCLINICA_PREFIX;
        w.attribute(p, oc, "StudySubjectID", rs.getString("label"));
        w.attribute(p, oc, "UniqueIdentifier", rs.getString("person_id"));
        w.attribute(p, oc, "Status", subjectStatus(rs.getString("ss_status")));
        w.attribute(p, oc, "SecondaryID", rs.getString("secondary_label"));
        LocalDate birth = rs.getObject("date_of_birth", LocalDate.class);
        if (birth != null && dob != StudyParameters.DateOfBirth.NOT_USED) {
          if (rs.getBoolean("dob_year_only") || dob == StudyParameters.DateOfBirth.YEAR_ONLY) {
            w.attribute(p, oc, "YearOfBirth", Integer.toString(birth.getYear()));
          } else {
            w.attribute(p, oc, "DateOfBirth", birth.toString());
          }
        }
        w.attribute(p, oc, "Sex", rs.getString("sex"));
      }
    }

    private void startEvent(ResultSet rs) throws SQLException {
      w.start("StudyEventData").attribute("StudyEventOID", rs.getString("sed_oid"));
      if (rs.getBoolean("repeating")) {
        w.attribute("StudyEventRepeatKey", Integer.toString(rs.getInt("se_ordinal")));
      }
      if (options.extensions()) {
        String oc = OdmNamespaces.OPENCLINICA;
        String p = OdmNamespaces.OPENCLINICA_PREFIX;
        w.attribute(p, oc, "StudyEventLocation", rs.getString("location"));
        w.attribute(p, oc, "StartDate", dateTime(rs.getTimestamp("start_at")));
        w.attribute(p, oc, "EndDate", dateTime(rs.getTimestamp("end_at")));
        w.attribute(p, oc, "Status", eventStatus(rs.getString("se_status"), rs.getString("removal")));
      }
    }

    private void startForm(ResultSet rs) throws SQLException {
      w.start("FormData").attribute("FormOID", rs.getString("cv_oid"));
      if (options.extensions()) {
        String oc = OdmNamespaces.OPENCLINICA;
        String p = OdmNamespaces.OPENCLINICA_PREFIX;
        w.attribute(p, oc, "Version", rs.getString("cv_name"));
        w.attribute(p, oc, "InterviewerName", rs.getString("interviewer_name"));
        LocalDate interview = rs.getObject("interview_date", LocalDate.class);
        w.attribute(p, oc, "InterviewDate", interview == null ? null : interview.toString());
        w.attribute(p, oc, "Status", formStatus(rs.getString("ec_status")));
      }
    }

    private void closeGroup() {
      if (groupKey != null) {
        w.end();
        groupKey = null;
      }
    }

    private void closeForm() {
      closeGroup();
      if (eventCrfId != null) {
        w.end();
        eventCrfId = null;
      }
    }

    private void closeEvent() {
      closeForm();
      if (eventId != null) {
        writeNotes("E" + eventId, eventOid);
        w.end();
        eventId = null;
      }
    }

    private void closeSubject() {
      closeEvent();
      if (subjectId != null) {
        if (filter.includeAudits() && options.extensions()) {
          writeAudits(subjectId, subjectOid);
        }
        writeNotes("S", subjectOid);
        w.end();
        subjectId = null;
        afterEachSubject.run();
      }
    }

    private Map<String, List<NoteThreadRow>> loadNotes(long studySubjectId) {
      Map<String, List<NoteThreadRow>> byPlace = new java.util.HashMap<>();
      Map<Long, NoteThreadRow> threads = new java.util.HashMap<>();
      jdbc.query(NOTES_QUERY, (RowCallbackHandler) rs -> {
        long id = rs.getLong("id");
        long parent = rs.getLong("parent_id");
        if (rs.wasNull()) {
          NoteThreadRow t = new NoteThreadRow(id, noteType(rs.getString("note_type")), noteStatus(rs.getString("status")),
              rs.getTimestamp("updated_at"));
          threads.put(id, t);
          long crf = rs.getLong("event_crf_id");
          String place;
          if (!rs.wasNull()) {
            place = "I" + crf + ":" + rs.getLong("item_id") + ":" + rs.getInt("ordinal");
          } else {
            long event = rs.getLong("study_event_id");
            place = rs.wasNull() ? "S" : "E" + event;
          }
          byPlace.computeIfAbsent(place, k -> new ArrayList<>()).add(t);
        } else {
          NoteThreadRow t = threads.get(parent);
          if (t != null) {
            long user = rs.getLong("user_id");
            t.children.add(new Note(id, noteStatus(rs.getString("status")), rs.getString("description"),
                rs.getString("detailed_note"), rs.getTimestamp("created_at"), rs.wasNull() ? null : user));
          }
        }
      }, studySubjectId);
      return byPlace;
    }

    private void writeNotes(String place, String entityOid) {
      List<NoteThreadRow> threads = notes.get(place);
      if (threads == null || threads.isEmpty()) {
        return;
      }
      w.startExtension("DiscrepancyNotes").attribute("EntityID", entityOid);
      for (NoteThreadRow t : threads) {
        w.startExtension("DiscrepancyNote")
            .attribute("ID", "DN_" + t.id)
            .attribute("Status", t.status)
            .attribute("NoteType", t.type)
            .attribute("DateUpdated", date(t.updated))
            .attribute("NumberOfChildNotes", Integer.toString(t.children.size()));
        for (Note n : t.children) {
          w.startExtension("ChildNote")
              .attribute("ID", "CDN_" + n.id())
              .attribute("Status", n.status())
              .attribute("DateCreated", date(n.created()));
          w.extensionElement("Description", n.description());
          w.extensionElement("DetailedNote", n.detailed());
          if (n.userId() != null) {
            w.start("UserRef").attribute("UserOID", "USR_" + n.userId()).end();
          }
          w.end();
        }
        w.end();
      }
      w.end();
    }

    private void writeAudits(long studySubjectId, String entityOid) {
      String id = Long.toString(studySubjectId);
      List<Object[]> rows = new ArrayList<>();
      jdbc.query(AUDIT_QUERY, (RowCallbackHandler) rs -> rows.add(new Object[] {
          rs.getLong("id"), rs.getTimestamp("occurred_at"), rs.getString("actor"), rs.getString("action"),
          rs.getString("old_value"), rs.getString("new_value"), rs.getString("reason")}),
          id, studySubjectId, studySubjectId, studySubjectId);
      if (rows.isEmpty()) {
        return;
      }
      w.startExtension("AuditLogs").attribute("EntityID", entityOid);
      for (Object[] r : rows) {
        w.startExtension("AuditLog")
            .attribute("ID", "AL_" + r[0])
            .attribute("UserID", (String) r[2])
            .attribute("DateTimeStamp", dateTime((Timestamp) r[1]))
            .attribute("Type", (String) r[3])
            .attribute("ReasonForChange", (String) r[6])
            .attribute("OldValue", (String) r[4])
            .attribute("NewValue", (String) r[5])
            .end();
      }
      w.end();
    }

    void finish() {
      closeSubject();
      if (studyId != null) {
        w.end();
      } else {
        // No subject at all: an empty ClinicalData of the requested study, as LibreClinica writes.
        w.start("ClinicalData").attribute("StudyOID", requested.getOid())
            .attribute("MetaDataVersionOID", OdmMetadataExporter.metaDataVersionOid(requested))
            .end();
      }
    }
  }

  private String dateTime(Timestamp t) {
    return t == null
        ? null
        : DATE_TIME.format(t.toInstant().truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
  }

  private String date(Timestamp t) {
    return t == null ? null : t.toInstant().atZone(zone).toLocalDate().toString();
  }

  /** LibreClinica's name of a stored enum value (its {@code code()}), or the value itself. */
  private static <E extends Enum<E>> String code(
      Class<E> type, String name, java.util.function.Function<E, String> code) {
    try {
      return code.apply(Enum.valueOf(type, name));
    } catch (IllegalArgumentException | NullPointerException e) {
      return name;
    }
  }

  static String noteType(String name) {
    return code(jp.ac.umin.libreclinica.core.discrepancy.NoteType.class, name,
        jp.ac.umin.libreclinica.core.discrepancy.NoteType::code);
  }

  static String noteStatus(String name) {
    return code(jp.ac.umin.libreclinica.core.discrepancy.NoteStatus.class, name,
        jp.ac.umin.libreclinica.core.discrepancy.NoteStatus::code);
  }

  static String subjectStatus(String name) {
    return code(SubjectStatus.class, name, SubjectStatus::code);
  }

  static String eventStatus(String name, String removal) {
    if (removal != null && !"AVAILABLE".equals(removal)) {
      return code(jp.ac.umin.libreclinica.core.event.RecordStatus.class, removal,
          jp.ac.umin.libreclinica.core.event.RecordStatus::code);
    }
    return code(SubjectEventStatus.class, name, SubjectEventStatus::code);
  }

  static String formStatus(String name) {
    return code(EventCrfStatus.class, name, EventCrfStatus::code);
  }

}
