package jp.ac.umin.libreclinica.core.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.extract.DatasetLayout.ColumnList;
import jp.ac.umin.libreclinica.core.extract.DatasetLayout.EventSlot;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.CodeListEntry;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.Kind;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.ValueType;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A dataset as one row per subject: the columns are worked out first (from the design and two
 * aggregate queries giving the most occurrences, group rows and the longest value per item),
 * then one forward-only query ordered by subject fills a reused row array, which goes to the
 * sink when the subject changes. Memory holds the columns and one row, never the study.
 */
final class TabularExtract {

  static final int FETCH_SIZE = 1_000;

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  TabularExtract(JdbcTemplate jdbc, ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  // ---------------------------------------------------------------- layout

  /** An item of a chosen CRF, as its newest version lays it out. */
  private record Item(long id, long crfId, String oid, String name, String description, String dataType,
      String responseType, Long responseSetId, long groupId, boolean repeatingGroup, int groupOrdinal,
      int ordinal) {}

  /** The data's extent for one item under one event definition. */
  private record Extent(int rows, int bytes, int decimals) {}

  DatasetLayout layout(DatasetScope scope) {
    ExtractSpec spec = scope.spec;
    StudyParameters.DateOfBirth dob = scope.study.getParameters().getDateOfBirth();
    long[] crfIds = scope.crfIds();
    List<Item> items = items(crfIds, scope.itemOids);
    long[] itemIds = items.stream().mapToLong(Item::id).toArray();
    Map<Long, List<CodeListEntry>> codeLists = codeLists(items);
    Map<Long, Integer> occurrences = occurrences(scope);
    Map<String, Extent> extents = extents(scope, itemIds);

    ColumnList cols = new ColumnList();
    int[] subjectColumns = new int[SubjectAttribute.values().length];
    Arrays.fill(subjectColumns, -1);
    cols.add(new ExtractColumn("StudySubjectID", Kind.SUBJECT, "StudySubjectID", null, null, null, null, null,
        null, null, "Study Subject ID", ValueType.STRING, 120, 0, List.of()));
    Map<Long, Integer> groupColumns = new LinkedHashMap<>();
    for (SubjectAttribute a : SubjectAttribute.values()) {
      if (!spec.subjectAttributes().contains(a)) {
        continue;
      }
      switch (a) {
        case SECONDARY_ID -> subjectColumns[a.ordinal()] = cols.add(subject("SecondaryID", "Secondary ID", ValueType.STRING, 120));
        case SEX -> subjectColumns[a.ordinal()] = cols.add(subject("Sex", "Sex", ValueType.STRING, 1));
        case DATE_OF_BIRTH -> {
          // LibreClinica issue OC-4783: a year-only study exports the year; "not used" has no column
          if (dob == StudyParameters.DateOfBirth.YEAR_ONLY) {
            subjectColumns[a.ordinal()] = cols.add(subject("YearOfBirth", "Year of Birth", ValueType.INTEGER, 4));
          } else if (dob == StudyParameters.DateOfBirth.FULL) {
            subjectColumns[a.ordinal()] = cols.add(subject("DateOfBirth", "Date of Birth", ValueType.STRING, 10));
          }
        }
        case STATUS -> subjectColumns[a.ordinal()] = cols.add(subject("SubjectStatus", "Subject Status", ValueType.STRING, 20));
        case GROUP -> jdbc.query("SELECT id, name FROM subject_group_class WHERE study_id = ? AND status = 'AVAILABLE'"
            + " ORDER BY id", rs -> {
              String name = rs.getString("name");
              groupColumns.put(rs.getLong("id"), cols.add(subject("Group_" + name, name, ValueType.STRING, 1020)));
            }, scope.rootId);
        case SITE -> subjectColumns[a.ordinal()] = cols.add(subject("SiteID", "Site ID", ValueType.STRING, 256));
        default -> throw new IllegalStateException(a.name());
      }
    }

    Map<Long, Integer> crfNumbers = new HashMap<>();
    Map<Long, EventSlot> slots = new LinkedHashMap<>();
    int eventNumber = 0;
    for (DatasetScope.Event e : scope.events) {
      eventNumber++;
      int maxOcc = e.repeating() ? Math.max(1, occurrences.getOrDefault(e.id(), 1)) : 1;
      EventSlot slot = new EventSlot(maxOcc, EventAttribute.values().length);
      slots.put(e.id(), slot);
      List<DatasetScope.Crf> crfs = scope.crfsByEvent.getOrDefault(e.id(), List.of());
      for (DatasetScope.Crf c : crfs) {
        crfNumbers.computeIfAbsent(c.id(), k -> crfNumbers.size() + 1);
        slot.formColumns.put(c.id(), EventSlot.filled(maxOcc, FormAttribute.values().length));
      }
      for (int occ = 1; occ <= maxOcc; occ++) {
        String ev = ColumnNames.eventPart(eventNumber, e.repeating(), occ);
        Integer occurrence = occ;
        for (EventAttribute a : EventAttribute.values()) {
          if (!spec.eventAttributes().contains(a)
              || (a == EventAttribute.AGE_AT_EVENT && dob == StudyParameters.DateOfBirth.NOT_USED)) {
            continue;
          }
          String[] nl = switch (a) {
            case LOCATION -> new String[] {"Location", "Event Location"};
            case START_DATE -> new String[] {"StartDate", "Event Start Date"};
            case END_DATE -> new String[] {"EndDate", "Event End Date"};
            case STATUS -> new String[] {"EventStatus", "Event Status"};
            case AGE_AT_EVENT -> new String[] {"AgeAtEvent", "Age at Event"};
          };
          ValueType type = switch (a) {
            case START_DATE, END_DATE -> ValueType.DATE;
            case AGE_AT_EVENT -> ValueType.INTEGER;
            default -> ValueType.STRING;
          };
          int width = switch (a) {
            case LOCATION -> 8000;
            case STATUS -> 30;
            case AGE_AT_EVENT -> 3;
            default -> 10;
          };
          slot.attributeColumns[occ - 1][a.ordinal()] = cols.add(new ExtractColumn(nl[0] + ev, Kind.EVENT, nl[0],
              e.oid(), e.name(), occurrence, null, null, null, null, nl[1] + " (" + e.name() + suffix(e, occ) + ")",
              type, width, 0, List.of()));
        }
        for (DatasetScope.Crf c : crfs) {
          String cp = "_C" + crfNumbers.get(c.id());
          int[][] fc = slot.formColumns.get(c.id());
          for (FormAttribute a : FormAttribute.values()) {
            if (!spec.formAttributes().contains(a)) {
              continue;
            }
            String[] nl = switch (a) {
              case INTERVIEWER -> new String[] {"Interviewer", "Interviewer Name"};
              case INTERVIEW_DATE -> new String[] {"InterviewDate", "Interview Date"};
              case STATUS -> new String[] {"CRFStatus", "CRF Status"};
              case VERSION -> new String[] {"CRFVersion", "CRF Version"};
            };
            ValueType type = a == FormAttribute.INTERVIEW_DATE ? ValueType.DATE : ValueType.STRING;
            int width = switch (a) {
              case INTERVIEW_DATE -> 10;
              case STATUS -> 30;
              default -> 1020;
            };
            fc[occ - 1][a.ordinal()] = cols.add(new ExtractColumn(nl[0] + ev + cp, Kind.FORM, nl[0], e.oid(),
                e.name(), occurrence, c.oid(), c.name(), null, null,
                nl[1] + " (" + e.name() + suffix(e, occ) + ", " + c.name() + ")", type, width, 0, List.of()));
          }
          addItems(cols, slot, e, eventNumber, occ, c, cp, items, extents, codeLists);
        }
      }
    }
    return new DatasetLayout(scope.eventIds(), crfIds, itemIds, cols.columns(), slots, subjectColumns, groupColumns);
  }

  private void addItems(ColumnList cols, EventSlot slot, DatasetScope.Event e, int eventNumber, int occ,
      DatasetScope.Crf c, String cp, List<Item> items, Map<String, Extent> extents,
      Map<Long, List<CodeListEntry>> codeLists) {
    String ev = ColumnNames.eventPart(eventNumber, e.repeating(), occ);
    List<Item> ofCrf = items.stream().filter(i -> i.crfId() == c.id()).toList();
    int k = 0;
    while (k < ofCrf.size()) {
      Item first = ofCrf.get(k);
      int end = k + 1;
      if (first.repeatingGroup()) {
        while (end < ofCrf.size() && ofCrf.get(end).groupId() == first.groupId()) {
          end++;
        }
      }
      List<Item> block = ofCrf.subList(k, end);
      int rows = 1;
      if (first.repeatingGroup()) {
        for (Item i : block) {
          Extent x = extents.get(e.id() + ":" + i.id());
          rows = Math.max(rows, x == null ? 1 : x.rows());
        }
      }
      for (int row = 1; row <= rows; row++) {
        for (Item i : block) {
          Extent x = extents.get(e.id() + ":" + i.id());
          int[][] ic = slot.itemColumns.computeIfAbsent(i.id(), id -> new int[slot.maxOccurrence][]);
          if (ic[occ - 1] == null) {
            ic[occ - 1] = new int[rows];
            Arrays.fill(ic[occ - 1], -1);
          }
          Integer groupRow = first.repeatingGroup() ? row : null;
          String name = ColumnNames.item(i.name(), ev, cp, groupRow);
          ValueType type = type(i);
          List<CodeListEntry> codes = codeLists.getOrDefault(i.id(), List.of());
          ic[occ - 1][row - 1] = cols.add(new ExtractColumn(name, Kind.ITEM, i.name(), e.oid(), e.name(), occ,
              c.oid(), c.name(), i.oid(), groupRow, i.description(), type,
              Math.max(1, x == null ? 1 : x.bytes()), x == null ? 0 : Math.min(16, x.decimals()), codes));
        }
      }
      k = end;
    }
  }

  private static String suffix(DatasetScope.Event e, int occ) {
    return e.repeating() ? " #" + occ : "";
  }

  private static ExtractColumn subject(String name, String label, ValueType type, int width) {
    return new ExtractColumn(name, Kind.SUBJECT, name, null, null, null, null, null, null, null, label, type,
        width, 0, List.of());
  }

  private static final Set<String> CHOICE = Set.of("RADIO", "SINGLE_SELECT");
  private static final Set<String> MULTIPLE = Set.of("MULTI_SELECT", "CHECKBOX");

  private static ValueType type(Item i) {
    if (MULTIPLE.contains(i.responseType())) {
      return ValueType.STRING;
    }
    return switch (i.dataType()) {
      case "INT" -> ValueType.INTEGER;
      case "REAL" -> ValueType.DECIMAL;
      case "DATE" -> ValueType.DATE;
      default -> ValueType.STRING;
    };
  }

  private List<Item> items(long[] crfIds, List<String> itemOids) {
    List<Item> items = new ArrayList<>();
    jdbc.query(con -> {
      var ps = con.prepareStatement("""
          SELECT DISTINCT ON (i.id) i.id, i.crf_id, i.oid, i.name, i.description, i.data_type,
                 ifm.response_type, ifm.response_set_id, ig.id AS group_id, igm.layout,
                 igm.ordinal AS group_ordinal, ifm.ordinal AS item_ordinal
            FROM item i
            JOIN item_form_metadata ifm ON ifm.item_id = i.id
            JOIN crf_version cv ON cv.id = ifm.crf_version_id
            JOIN item_group_metadata igm ON igm.id = ifm.item_group_metadata_id
            JOIN item_group ig ON ig.id = igm.item_group_id
           WHERE i.crf_id = ANY (CAST(? AS BIGINT[]))
           ORDER BY i.id, (cv.status = 'AVAILABLE') DESC, cv.id DESC""");
      DatasetScope.bindIds(con, ps, 1, crfIds);
      return ps;
    }, (RowCallbackHandler) rs -> items.add(new Item(rs.getLong("id"), rs.getLong("crf_id"), rs.getString("oid"),
        rs.getString("name"), rs.getString("description"), rs.getString("data_type"), rs.getString("response_type"),
        (Long) rs.getObject("response_set_id", Long.class), rs.getLong("group_id"), "GRID".equals(rs.getString("layout")),
        rs.getInt("group_ordinal"), rs.getInt("item_ordinal"))));
    List<Long> crfOrder = Arrays.stream(crfIds).boxed().toList();
    if (itemOids.isEmpty()) {
      items.sort(java.util.Comparator.comparingInt((Item i) -> crfOrder.indexOf(i.crfId()))
          .thenComparingInt(Item::groupOrdinal).thenComparingLong(Item::groupId)
          .thenComparingInt(Item::ordinal).thenComparingLong(Item::id));
      return items;
    }
    Map<String, Item> byOid = new HashMap<>();
    items.forEach(i -> byOid.put(i.oid(), i));
    List<Item> chosen = new ArrayList<>();
    for (String oid : new java.util.LinkedHashSet<>(itemOids)) {
      Item i = byOid.get(oid);
      if (i == null) {
        throw new InvalidInputException("extract.spec.unknownItem", oid);
      }
      chosen.add(i);
    }
    // the spec's order within each CRF; CRFs in the dataset's order
    List<Item> ordered = new ArrayList<>(chosen);
    ordered.sort(java.util.Comparator.comparingInt((Item i) -> crfOrder.indexOf(i.crfId()))
        .thenComparingInt(chosen::indexOf));
    return ordered;
  }

  private Map<Long, List<CodeListEntry>> codeLists(List<Item> items) {
    Map<Long, List<Long>> itemsBySet = new HashMap<>();
    for (Item i : items) {
      if (i.responseSetId() != null && CHOICE.contains(i.responseType())) {
        itemsBySet.computeIfAbsent(i.responseSetId(), k -> new ArrayList<>()).add(i.id());
      }
    }
    Map<Long, List<CodeListEntry>> out = new HashMap<>();
    if (itemsBySet.isEmpty()) {
      return out;
    }
    long[] sets = itemsBySet.keySet().stream().mapToLong(Long::longValue).toArray();
    Map<Long, List<CodeListEntry>> bySet = new HashMap<>();
    jdbc.query(con -> {
      var ps = con.prepareStatement("SELECT response_set_id, value, text FROM response_option"
          + " WHERE response_set_id = ANY (CAST(? AS BIGINT[])) ORDER BY response_set_id, ordinal");
      DatasetScope.bindIds(con, ps, 1, sets);
      return ps;
    }, (RowCallbackHandler) rs -> bySet.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
        .add(new CodeListEntry(rs.getString(2), rs.getString(3))));
    itemsBySet.forEach((set, ids) -> ids.forEach(id -> out.put(id, bySet.getOrDefault(set, List.of()))));
    return out;
  }

  private Map<Long, Integer> occurrences(DatasetScope scope) {
    Map<Long, Integer> out = new HashMap<>();
    jdbc.query(con -> {
      var ps = con.prepareStatement("SELECT se.event_definition_id, max(se.ordinal) FROM study_subject ss"
          + " JOIN study_event se ON " + DatasetScope.EVENTS + " WHERE " + DatasetScope.SUBJECTS + " GROUP BY 1");
      int i = scope.bindEvents(con, ps, 1, zone);
      scope.bindSubjects(con, ps, i);
      return ps;
    }, (RowCallbackHandler) rs -> out.put(rs.getLong(1), rs.getInt(2)));
    return out;
  }

  private Map<String, Extent> extents(DatasetScope scope, long[] itemIds) {
    Map<String, Extent> out = new HashMap<>();
    jdbc.query(con -> {
      var ps = con.prepareStatement("""
          SELECT se.event_definition_id, itd.item_id, max(itd.ordinal), max(octet_length(itd.value)),
                 max(length(split_part(itd.value, '.', 2)))
            FROM study_subject ss
            JOIN study_event se ON %s
            JOIN event_crf ec ON %s
            JOIN item_data itd ON %s
           WHERE %s
           GROUP BY 1, 2""".formatted(DatasetScope.EVENTS, DatasetScope.FORMS, DatasetScope.VALUES,
          DatasetScope.SUBJECTS));
      int i = scope.bindEvents(con, ps, 1, zone);
      i = DatasetScope.bindIds(con, ps, i, scope.crfIds());
      i = DatasetScope.bindIds(con, ps, i, itemIds);
      scope.bindSubjects(con, ps, i);
      return ps;
    }, (RowCallbackHandler) rs -> out.put(rs.getLong(1) + ":" + rs.getLong(2),
        new Extent(rs.getInt(3), rs.getInt(4), rs.getInt(5))));
    return out;
  }

  // ---------------------------------------------------------------- rows

  /** How many subjects the extract will hold (for progress). */
  int countSubjects(DatasetScope scope) {
    Integer n = jdbc.query(con -> {
      var ps = con.prepareStatement("SELECT count(*) FROM study_subject ss WHERE " + DatasetScope.SUBJECTS);
      scope.bindSubjects(con, ps, 1);
      return ps;
    }, rs -> rs.next() ? rs.getInt(1) : 0);
    return n == null ? 0 : n;
  }

  /** Streams the rows into the sink, one subject at a time. */
  void stream(DatasetScope scope, DatasetLayout layout, TableSink sink, DatasetExtractor.ExtractProgress progress)
      throws IOException {
    int total = countSubjects(scope);
    sink.start(layout.columns);
    boolean groups = !layout.groupColumns.isEmpty();
    String sql = """
        SELECT ss.id AS ss_id, ss.label, ss.secondary_label, ss.status AS ss_status, s.sex, s.date_of_birth,
               s.dob_year_only, st.protocol_id AS site_protocol_id,
               se.id AS se_id, se.event_definition_id AS sed_id, se.ordinal AS se_ordinal, se.start_at, se.end_at,
               se.location, se.status AS se_status,
               ec.id AS ec_id, ec.crf_id, cv.name AS cv_name, ec.interviewer_name, ec.interview_date,
               ec.status AS ec_status, itd.item_id, itd.ordinal AS row_ordinal, itd.value%s
          FROM study_subject ss
          JOIN subject s ON s.id = ss.subject_id
          JOIN study st ON st.id = ss.study_id%s
          LEFT JOIN study_event se ON %s
          LEFT JOIN event_crf ec ON %s
          LEFT JOIN crf_version cv ON cv.id = ec.crf_version_id
          LEFT JOIN item_data itd ON %s
         WHERE %s
         ORDER BY ss.label, ss.id""".formatted(
        groups ? ", grp.class_ids, grp.group_names" : "",
        groups ? """

          LEFT JOIN (SELECT m.study_subject_id, array_agg(m.group_class_id ORDER BY m.group_class_id) AS class_ids,
                            array_agg(g.name ORDER BY m.group_class_id) AS group_names
                       FROM subject_group_map m JOIN subject_group g ON g.id = m.group_id
                       JOIN study_subject gs ON gs.id = m.study_subject_id
                      WHERE gs.parent_study_id = ?
                      GROUP BY m.study_subject_id) grp ON grp.study_subject_id = ss.id""" : "",
        DatasetScope.EVENTS, DatasetScope.FORMS, DatasetScope.VALUES, DatasetScope.SUBJECTS);
    RowFiller filler = new RowFiller(scope, layout, sink, progress, total);
    jdbc.query(con -> {
      var ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(FETCH_SIZE);
      int i = 1;
      if (groups) {
        ps.setLong(i++, scope.rootId);
      }
      i = scope.bindEvents(con, ps, i, zone);
      i = DatasetScope.bindIds(con, ps, i, layout.crfIds);
      i = DatasetScope.bindIds(con, ps, i, layout.itemIds);
      scope.bindSubjects(con, ps, i);
      return ps;
    }, (RowCallbackHandler) rs -> {
      try {
        filler.row(rs);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    filler.finish();
    sink.finish();
  }

  /** Fills one subject's row from the ordered result rows. */
  private final class RowFiller {
    private final DatasetLayout layout;
    private final TableSink sink;
    private final DatasetExtractor.ExtractProgress progress;
    private final StudyParameters.DateOfBirth dob;
    private final int total;
    private final String[] values;
    private final boolean groups;
    private long subjectId = -1;
    private String subjectLabel;
    private LocalDate birth;
    private boolean yearOnly;
    private long eventId = -1;
    private long formId = -1;
    private int done;

    RowFiller(DatasetScope scope, DatasetLayout layout, TableSink sink, DatasetExtractor.ExtractProgress progress,
        int total) {
      this.layout = layout;
      this.sink = sink;
      this.progress = progress;
      this.total = total;
      this.dob = scope.study.getParameters().getDateOfBirth();
      this.values = new String[layout.columns.size()];
      this.groups = !layout.groupColumns.isEmpty();
    }

    void row(ResultSet rs) throws SQLException, IOException {
      long ss = rs.getLong("ss_id");
      if (ss != subjectId) {
        flush();
        if (progress.cancelled()) {
          throw new CancellationException("extract cancelled after " + done + " of " + total + " subjects");
        }
        startSubject(rs, ss);
      }
      long se = rs.getLong("se_id");
      if (rs.wasNull()) {
        return;
      }
      EventSlot slot = layout.events.get(rs.getLong("sed_id"));
      int occ = rs.getInt("se_ordinal");
      if (slot == null || occ < 1 || occ > slot.maxOccurrence) {
        return; // added while the extract ran: the columns do not know it
      }
      if (se != eventId) {
        eventId = se;
        formId = -1;
        int[] c = slot.attributeColumns[occ - 1];
        Timestamp start = rs.getTimestamp("start_at");
        set(c, EventAttribute.LOCATION.ordinal(), rs.getString("location"));
        set(c, EventAttribute.START_DATE.ordinal(), date(start));
        set(c, EventAttribute.END_DATE.ordinal(), date(rs.getTimestamp("end_at")));
        set(c, EventAttribute.STATUS.ordinal(), code(SubjectEventStatus.class, rs.getString("se_status"), SubjectEventStatus::code));
        if (c[EventAttribute.AGE_AT_EVENT.ordinal()] >= 0) {
          set(c, EventAttribute.AGE_AT_EVENT.ordinal(), age(start));
        }
      }
      long ec = rs.getLong("ec_id");
      if (rs.wasNull()) {
        return;
      }
      long crf = rs.getLong("crf_id");
      if (ec != formId) {
        formId = ec;
        int[][] fc = slot.formColumns.get(crf);
        if (fc != null) {
          int[] c = fc[occ - 1];
          set(c, FormAttribute.INTERVIEWER.ordinal(), rs.getString("interviewer_name"));
          LocalDate interview = rs.getObject("interview_date", LocalDate.class);
          set(c, FormAttribute.INTERVIEW_DATE.ordinal(), interview == null ? null : interview.toString());
          set(c, FormAttribute.STATUS.ordinal(), code(EventCrfStatus.class, rs.getString("ec_status"), EventCrfStatus::code));
          set(c, FormAttribute.VERSION.ordinal(), rs.getString("cv_name"));
        }
      }
      long item = rs.getLong("item_id");
      if (rs.wasNull()) {
        return;
      }
      int[][] ic = slot.itemColumns.get(item);
      int row = rs.getInt("row_ordinal");
      if (ic == null || ic[occ - 1] == null || row < 1 || row > ic[occ - 1].length) {
        return;
      }
      int column = ic[occ - 1][row - 1];
      if (column >= 0) {
        values[column] = rs.getString("value");
      }
    }

    private void startSubject(ResultSet rs, long ss) throws SQLException {
      subjectId = ss;
      eventId = -1;
      formId = -1;
      Arrays.fill(values, null);
      subjectLabel = rs.getString("label");
      values[0] = subjectLabel;
      birth = rs.getObject("date_of_birth", LocalDate.class);
      yearOnly = rs.getBoolean("dob_year_only") || dob == StudyParameters.DateOfBirth.YEAR_ONLY;
      int[] c = layout.subjectColumns;
      set(c, SubjectAttribute.SECONDARY_ID.ordinal(), rs.getString("secondary_label"));
      set(c, SubjectAttribute.SEX.ordinal(), rs.getString("sex"));
      if (birth != null) {
        set(c, SubjectAttribute.DATE_OF_BIRTH.ordinal(), yearOnly ? Integer.toString(birth.getYear()) : birth.toString());
      }
      set(c, SubjectAttribute.STATUS.ordinal(), code(SubjectStatus.class, rs.getString("ss_status"), SubjectStatus::code));
      set(c, SubjectAttribute.SITE.ordinal(), rs.getString("site_protocol_id"));
      if (groups) {
        java.sql.Array classes = rs.getArray("class_ids");
        java.sql.Array names = rs.getArray("group_names");
        if (classes != null && names != null) {
          Object[] ids = (Object[]) classes.getArray();
          Object[] ns = (Object[]) names.getArray();
          for (int k = 0; k < ids.length; k++) {
            Integer col = layout.groupColumns.get(((Number) ids[k]).longValue());
            if (col != null) {
              values[col] = (String) ns[k];
            }
          }
        }
      }
    }

    private void set(int[] columns, int attribute, String value) {
      int column = columns[attribute];
      if (column >= 0) {
        values[column] = value;
      }
    }

    private String age(Timestamp start) {
      if (birth == null || start == null) {
        return null;
      }
      LocalDate day = start.toInstant().atZone(zone).toLocalDate();
      int years = yearOnly ? day.getYear() - birth.getYear() : Period.between(birth, day).getYears();
      return Integer.toString(years);
    }

    private void flush() throws IOException {
      if (subjectId >= 0) {
        sink.row(subjectLabel, values);
        done++;
        progress.progress(done, Math.max(done, total));
      }
    }

    void finish() throws IOException {
      flush();
      subjectId = -1;
    }
  }

  private String date(Timestamp t) {
    return t == null ? null : t.toInstant().atZone(zone).toLocalDate().toString();
  }

  /** LibreClinica's name of a stored status (its {@code code()}), or the stored name. */
  static <E extends Enum<E>> String code(Class<E> type, String name, java.util.function.Function<E, String> code) {
    if (name == null) {
      return null;
    }
    try {
      return code.apply(Enum.valueOf(type, name));
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
