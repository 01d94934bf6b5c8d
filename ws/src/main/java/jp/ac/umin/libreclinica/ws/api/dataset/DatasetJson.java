package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jp.ac.umin.libreclinica.core.dataset.Dataset;
import jp.ac.umin.libreclinica.core.dataset.DatasetSchedule;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;

/** A dataset as the API shows it. Empty lists mean "all"; null dates mean "open". */
@Schema(name = "Dataset")
public record DatasetJson(
    long id,
    String name,
    String description,
    List<String> eventOids,
    List<String> formOids,
    List<String> itemOids,
    Set<SubjectAttribute> subjectAttributes,
    Set<EventAttribute> eventAttributes,
    Set<FormAttribute> formAttributes,
    LocalDate dateFrom,
    LocalDate dateTo,
    Set<String> subjectStatuses,
    @Schema(allowableValues = {"AVAILABLE", "REMOVED"}) String status,
    String statusReason,
    ScheduleJson schedule,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt,
    @Schema(description = "Send back when updating (optimistic locking)") long version) {

  /** A dataset's schedule: NONE, DAILY or WEEKLY, time of day (server time), day, format. */
  @Schema(name = "DatasetSchedule")
  public record ScheduleJson(String frequency, String time, String day, String format) {
    static ScheduleJson of(DatasetSchedule s) {
      return new ScheduleJson(s.frequency().name(), s.time() == null ? null : s.time().toString(),
          s.day() == null ? null : s.day().name(), s.format() == null ? null : s.format().name());
    }
  }

  static DatasetJson of(Dataset d) {
    return new DatasetJson(d.getId(), d.getName(), d.getDescription(), d.getEventOids(), d.getFormOids(),
        d.getItemOids(), d.getSubjectAttributes(), d.getEventAttributes(), d.getFormAttributes(), d.getDateFrom(),
        d.getDateTo(), new TreeSet<>(d.getSubjectStatuses()), d.getStatus().name(), d.getStatusReason(),
        ScheduleJson.of(d.getSchedule()), d.getCreatedBy(), d.getCreatedAt(), d.getUpdatedBy(), d.getUpdatedAt(),
        d.getVersion());
  }
}
