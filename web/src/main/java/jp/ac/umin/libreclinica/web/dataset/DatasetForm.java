package jp.ac.umin.libreclinica.web.dataset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.ac.umin.libreclinica.core.dataset.DatasetInput;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;
import org.springframework.format.annotation.DateTimeFormat;

/** The dataset form: name, description, the chosen events, CRFs and items, attributes, dates, statuses. */
public class DatasetForm {

  private String name;
  private String description;
  private List<String> eventOids = new ArrayList<>();
  private List<String> formOids = new ArrayList<>();
  private List<String> itemOids = new ArrayList<>();
  private Set<SubjectAttribute> subjectAttributes = EnumSet.noneOf(SubjectAttribute.class);
  private Set<EventAttribute> eventAttributes = EnumSet.noneOf(EventAttribute.class);
  private Set<FormAttribute> formAttributes = EnumSet.noneOf(FormAttribute.class);
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate dateFrom;
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate dateTo;
  private Set<String> subjectStatuses = new LinkedHashSet<>();
  private long version;

  public static DatasetForm of(DatasetInput in, long version) {
    DatasetForm f = new DatasetForm();
    f.name = in.name();
    f.description = in.description();
    f.eventOids = new ArrayList<>(in.eventOids());
    f.formOids = new ArrayList<>(in.formOids());
    f.itemOids = new ArrayList<>(in.itemOids());
    f.subjectAttributes = in.subjectAttributes().isEmpty() ? EnumSet.noneOf(SubjectAttribute.class) : EnumSet.copyOf(in.subjectAttributes());
    f.eventAttributes = in.eventAttributes().isEmpty() ? EnumSet.noneOf(EventAttribute.class) : EnumSet.copyOf(in.eventAttributes());
    f.formAttributes = in.formAttributes().isEmpty() ? EnumSet.noneOf(FormAttribute.class) : EnumSet.copyOf(in.formAttributes());
    f.dateFrom = in.dateFrom();
    f.dateTo = in.dateTo();
    f.subjectStatuses = new LinkedHashSet<>(in.subjectStatuses());
    f.version = version;
    return f;
  }

  public DatasetInput toInput() {
    return new DatasetInput(name, description, eventOids, formOids, itemOids, subjectAttributes, eventAttributes,
        formAttributes, dateFrom, dateTo, subjectStatuses);
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }
  public List<String> getEventOids() { return eventOids; }
  public void setEventOids(List<String> eventOids) { this.eventOids = eventOids == null ? new ArrayList<>() : eventOids; }
  public List<String> getFormOids() { return formOids; }
  public void setFormOids(List<String> formOids) { this.formOids = formOids == null ? new ArrayList<>() : formOids; }
  public List<String> getItemOids() { return itemOids; }
  public void setItemOids(List<String> itemOids) { this.itemOids = itemOids == null ? new ArrayList<>() : itemOids; }
  public Set<SubjectAttribute> getSubjectAttributes() { return subjectAttributes; }
  public void setSubjectAttributes(Set<SubjectAttribute> s) { this.subjectAttributes = s == null ? EnumSet.noneOf(SubjectAttribute.class) : s; }
  public Set<EventAttribute> getEventAttributes() { return eventAttributes; }
  public void setEventAttributes(Set<EventAttribute> s) { this.eventAttributes = s == null ? EnumSet.noneOf(EventAttribute.class) : s; }
  public Set<FormAttribute> getFormAttributes() { return formAttributes; }
  public void setFormAttributes(Set<FormAttribute> s) { this.formAttributes = s == null ? EnumSet.noneOf(FormAttribute.class) : s; }
  public LocalDate getDateFrom() { return dateFrom; }
  public void setDateFrom(LocalDate dateFrom) { this.dateFrom = dateFrom; }
  public LocalDate getDateTo() { return dateTo; }
  public void setDateTo(LocalDate dateTo) { this.dateTo = dateTo; }
  public Set<String> getSubjectStatuses() { return subjectStatuses; }
  public void setSubjectStatuses(Set<String> s) { this.subjectStatuses = s == null ? new LinkedHashSet<>() : s; }
  public long getVersion() { return version; }
  public void setVersion(long version) { this.version = version; }
}
