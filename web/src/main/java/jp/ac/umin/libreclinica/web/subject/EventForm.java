package jp.ac.umin.libreclinica.web.subject;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;

/**
 * The schedule / edit event form: dates and times as the user reads them, in the
 * installation's display zone ({@code lc.time-zone}); the core stores instants.
 */
public class EventForm {

  private Long definitionId;
  private LocalDate startDate;
  private LocalTime startTime;
  private LocalDate endDate;
  private LocalTime endTime;

  @Size(max = 4000)
  private String location;

  private long version;

  public static EventForm of(StudyEvent e, ZoneId zone) {
    EventForm f = new EventForm();
    f.definitionId = e.getEventDefinitionId();
    f.startDate = e.getStartAt().atZone(zone).toLocalDate();
    f.startTime = e.getStartAt().atZone(zone).toLocalTime();
    if (e.getEndAt() != null) {
      f.endDate = e.getEndAt().atZone(zone).toLocalDate();
      f.endTime = e.getEndAt().atZone(zone).toLocalTime();
    }
    f.location = e.getLocation();
    f.version = e.getVersion();
    return f;
  }

  /** A date without a time is the start of that day. */
  public EventInput toInput(ZoneId zone) {
    return new EventInput(
        startDate == null ? null : startDate.atTime(startTime == null ? LocalTime.MIDNIGHT : startTime).atZone(zone).toInstant(),
        endDate == null ? null : endDate.atTime(endTime == null ? LocalTime.MIDNIGHT : endTime).atZone(zone).toInstant(),
        location);
  }

  public Long getDefinitionId() {
    return definitionId;
  }

  public void setDefinitionId(Long definitionId) {
    this.definitionId = definitionId;
  }

  public LocalDate getStartDate() {
    return startDate;
  }

  public void setStartDate(LocalDate startDate) {
    this.startDate = startDate;
  }

  public LocalTime getStartTime() {
    return startTime;
  }

  public void setStartTime(LocalTime startTime) {
    this.startTime = startTime;
  }

  public LocalDate getEndDate() {
    return endDate;
  }

  public void setEndDate(LocalDate endDate) {
    this.endDate = endDate;
  }

  public LocalTime getEndTime() {
    return endTime;
  }

  public void setEndTime(LocalTime endTime) {
    this.endTime = endTime;
  }

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }
}
