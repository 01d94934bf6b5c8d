package jp.ac.umin.libreclinica.core.odm;

/**
 * Which clinical data an ODM export holds: one subject (by label) or all, one event definition
 * (by OID) or all, one form (CRF version OID) or all; whether audit logs are included.
 *
 * @param subjectLabel a study subject ID (any case) or a subject OID ({@code SS_...}), or null for all
 *     subjects
 * @param eventOid a StudyEventOID ({@code SE_...}), or null for all events
 * @param formOid a FormOID ({@code F_...}), or null for all forms
 * @param includeAudits whether each subject's audit trail is written
 * @param includeNotes whether discrepancy notes are written (on items, events and subjects)
 * @param restriction a dataset's further limits (several events, forms, items, a date range,
 *     subject statuses); {@link Restriction#NONE} for none
 */
public record ClinicalDataFilter(
    String subjectLabel, String eventOid, String formOid, boolean includeAudits, boolean includeNotes,
    Restriction restriction) {

  public ClinicalDataFilter {
    restriction = restriction == null ? Restriction.NONE : restriction;
  }

  /** The filter of one subject, event and form, with or without audit logs and notes. */
  public ClinicalDataFilter(
      String subjectLabel, String eventOid, String formOid, boolean includeAudits, boolean includeNotes) {
    this(subjectLabel, eventOid, formOid, includeAudits, includeNotes, Restriction.NONE);
  }

  /**
   * What a dataset further limits an export to. Null lists mean "all".
   *
   * @param eventOids StudyEventOIDs whose events are written
   * @param formOids CRF OIDs or CRF version OIDs (FormOIDs) whose forms are written
   * @param itemOids ItemOIDs whose values are written
   * @param startFrom only events starting at or after this instant; null = open
   * @param startBefore only events starting before this instant; null = open
   * @param subjectStatuses names of the subject status enum whose subjects are written
   */
  public record Restriction(
      java.util.List<String> eventOids,
      java.util.List<String> formOids,
      java.util.List<String> itemOids,
      java.time.Instant startFrom,
      java.time.Instant startBefore,
      java.util.Set<String> subjectStatuses) {

    /** No further limit. */
    public static final Restriction NONE = new Restriction(null, null, null, null, null, null);

    public Restriction {
      eventOids = eventOids == null ? null : java.util.List.copyOf(eventOids);
      formOids = formOids == null ? null : java.util.List.copyOf(formOids);
      itemOids = itemOids == null ? null : java.util.List.copyOf(itemOids);
      subjectStatuses = subjectStatuses == null ? null : java.util.Set.copyOf(subjectStatuses);
    }
  }

  /** The filter of one subject, event and form, without audit logs or notes. */
  public ClinicalDataFilter(String subjectLabel, String eventOid, String formOid, boolean includeAudits) {
    this(subjectLabel, eventOid, formOid, includeAudits, false);
  }

  /** Everything, without audit logs or notes. */
  public static ClinicalDataFilter all() {
    return new ClinicalDataFilter(null, null, null, false, false);
  }

  /** This filter with audit logs included or not. */
  public ClinicalDataFilter withAudits(boolean include) {
    return new ClinicalDataFilter(subjectLabel, eventOid, formOid, include, includeNotes, restriction);
  }

  /** This filter with discrepancy notes included or not. */
  public ClinicalDataFilter withNotes(boolean include) {
    return new ClinicalDataFilter(subjectLabel, eventOid, formOid, includeAudits, include, restriction);
  }

  /** This filter further limited as a dataset asks. */
  public ClinicalDataFilter withRestriction(Restriction limits) {
    return new ClinicalDataFilter(subjectLabel, eventOid, formOid, includeAudits, includeNotes, limits);
  }

  /**
   * A filter from LibreClinica's REST path segments, where {@code *} means all.
   */
  public static ClinicalDataFilter fromPath(String subject, String event, String form, boolean audits) {
    return new ClinicalDataFilter(star(subject), withoutRepeatKey(star(event)), star(form), audits);
  }

  /** {@code SE_VISIT[2]} (an event OID with a repeat key, as REST paths may name it) to {@code SE_VISIT}. */
  private static String withoutRepeatKey(String eventOid) {
    if (eventOid == null) {
      return null;
    }
    int bracket = eventOid.indexOf('[');
    return bracket > 0 ? eventOid.substring(0, bracket) : eventOid;
  }

  private static String star(String segment) {
    return segment == null || segment.isBlank() || segment.equals("*") ? null : segment;
  }
}
