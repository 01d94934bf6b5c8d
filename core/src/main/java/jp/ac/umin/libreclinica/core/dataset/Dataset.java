package jp.ac.umin.libreclinica.core.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;

/**
 * A dataset of a study: which events, CRFs and items an extract holds, with which subject,
 * event and CRF attributes, for which dates and subject statuses. It belongs to the (parent)
 * study; extracting it at a site gives that site's subjects only. Never deleted: removed with
 * a reason and restorable.
 */
@Entity
@Table(name = "dataset")
public class Dataset {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "study_id", nullable = false)
  private long studyId;

  @Column(nullable = false, length = 255)
  private String name;

  @Column(length = 2000)
  private String description;

  @Column(name = "event_oids", nullable = false)
  private String eventOids = "";

  @Column(name = "form_oids", nullable = false)
  private String formOids = "";

  @Column(name = "item_oids", nullable = false)
  private String itemOids = "";

  @Column(name = "subject_attributes", nullable = false)
  private String subjectAttributes = "";

  @Column(name = "event_attributes", nullable = false)
  private String eventAttributes = "";

  @Column(name = "form_attributes", nullable = false)
  private String formAttributes = "";

  @Column(name = "date_from")
  private LocalDate dateFrom;

  @Column(name = "date_to")
  private LocalDate dateTo;

  @Column(name = "subject_statuses", nullable = false)
  private String subjectStatuses = "";

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private DatasetStatus status = DatasetStatus.AVAILABLE;

  @Column(name = "status_reason", length = 1000)
  private String statusReason;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private ScheduleFrequency schedule = ScheduleFrequency.NONE;

  @Column(name = "schedule_time")
  private LocalTime scheduleTime;

  @Enumerated(EnumType.STRING)
  @Column(name = "schedule_day", length = 10)
  private DayOfWeek scheduleDay;

  @Enumerated(EnumType.STRING)
  @Column(name = "schedule_format", length = 30)
  private ExtractFormat scheduleFormat;

  @Column(name = "schedule_scope_id")
  private Long scheduleScopeId;

  @Column(name = "schedule_owner", length = 64)
  private String scheduleOwner;

  @Column(name = "schedule_language", length = 20)
  private String scheduleLanguage;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_by", length = 64)
  private String updatedBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Version
  private long version;

  protected Dataset() {}

  Dataset(long studyId, DatasetInput input, String actor, Instant at) {
    this.studyId = studyId;
    this.createdBy = actor;
    this.createdAt = at;
    apply(input);
  }

  void apply(DatasetInput in) {
    this.name = in.name().strip();
    this.description = in.description() == null || in.description().isBlank() ? null : in.description().strip();
    this.eventOids = String.join(" ", in.eventOids());
    this.formOids = String.join(" ", in.formOids());
    this.itemOids = String.join(" ", in.itemOids());
    this.subjectAttributes = names(in.subjectAttributes());
    this.eventAttributes = names(in.eventAttributes());
    this.formAttributes = names(in.formAttributes());
    this.dateFrom = in.dateFrom();
    this.dateTo = in.dateTo();
    this.subjectStatuses = String.join(",", new TreeSet<>(in.subjectStatuses()));
  }

  void updated(String actor, Instant at) {
    this.updatedBy = actor;
    this.updatedAt = at;
  }

  void remove(String reason) {
    this.status = DatasetStatus.REMOVED;
    this.statusReason = reason;
    schedule(DatasetSchedule.NONE, null, null, null);
  }

  void restore(String reason) {
    this.status = DatasetStatus.AVAILABLE;
    this.statusReason = reason;
  }

  void schedule(DatasetSchedule s, Long scopeId, String owner, String language) {
    this.schedule = s.frequency();
    boolean on = s.active();
    this.scheduleTime = on ? s.time() : null;
    this.scheduleDay = on && s.frequency() == ScheduleFrequency.WEEKLY ? s.day() : null;
    this.scheduleFormat = on ? s.format() : null;
    this.scheduleScopeId = on ? scopeId : null;
    this.scheduleOwner = on ? owner : null;
    this.scheduleLanguage = on ? language : null;
  }

  /** What the dataset holds as it would be typed again (for editing and copying). */
  public DatasetInput input() {
    return new DatasetInput(name, description, getEventOids(), getFormOids(), getItemOids(),
        getSubjectAttributes(), getEventAttributes(), getFormAttributes(), dateFrom, dateTo, getSubjectStatuses());
  }

  /**
   * The extract specification for the study or site {@code studyOrSiteId}. The dates are the
   * stored ones: a dataset without an end date has an open end, so an extract made on any later
   * day includes that day's data (OC PR #2040).
   */
  public ExtractSpec toSpec(long studyOrSiteId) {
    return new ExtractSpec(studyOrSiteId, getEventOids(), getFormOids(), getItemOids(),
        getSubjectAttributes(), getEventAttributes(), getFormAttributes(), dateFrom, dateTo, getSubjectStatuses());
  }

  private static String names(Collection<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static List<String> oids(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.strip().split(" +"));
  }

  private static <E extends Enum<E>> Set<E> enums(String s, Class<E> type, Function<String, E> valueOf) {
    Set<E> out = EnumSet.noneOf(type);
    if (s != null && !s.isBlank()) {
      Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).map(valueOf).forEach(out::add);
    }
    return out;
  }

  public Long getId() { return id; }
  public long getStudyId() { return studyId; }
  public String getName() { return name; }
  public String getDescription() { return description; }
  public List<String> getEventOids() { return oids(eventOids); }
  public List<String> getFormOids() { return oids(formOids); }
  public List<String> getItemOids() { return oids(itemOids); }
  public Set<SubjectAttribute> getSubjectAttributes() { return enums(subjectAttributes, SubjectAttribute.class, SubjectAttribute::valueOf); }
  public Set<EventAttribute> getEventAttributes() { return enums(eventAttributes, EventAttribute.class, EventAttribute::valueOf); }
  public Set<FormAttribute> getFormAttributes() { return enums(formAttributes, FormAttribute.class, FormAttribute::valueOf); }
  public LocalDate getDateFrom() { return dateFrom; }
  public LocalDate getDateTo() { return dateTo; }
  public Set<String> getSubjectStatuses() {
    return subjectStatuses == null || subjectStatuses.isBlank()
        ? Set.of() : new LinkedHashSet<>(List.of(subjectStatuses.split(",")));
  }
  public DatasetStatus getStatus() { return status; }
  public String getStatusReason() { return statusReason; }
  public boolean isRemoved() { return status == DatasetStatus.REMOVED; }
  public DatasetSchedule getSchedule() {
    return new DatasetSchedule(schedule, scheduleTime, scheduleDay, scheduleFormat);
  }
  public Long getScheduleScopeId() { return scheduleScopeId; }
  public String getScheduleOwner() { return scheduleOwner; }
  public String getScheduleLanguage() { return scheduleLanguage; }
  public String getCreatedBy() { return createdBy; }
  public Instant getCreatedAt() { return createdAt; }
  public String getUpdatedBy() { return updatedBy; }
  public Instant getUpdatedAt() { return updatedAt; }
  public long getVersion() { return version; }

  /** A one-line description of the definition, for the audit trail. */
  String summary() {
    return "name=" + name + "; events=" + eventOids + "; forms=" + formOids + "; items=" + itemOids
        + "; subject=" + subjectAttributes + "; event=" + eventAttributes + "; form=" + formAttributes
        + "; from=" + dateFrom + "; to=" + dateTo + "; statuses=" + subjectStatuses
        + (description == null ? "" : "; description=" + description);
  }
}
