package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import jp.ac.umin.libreclinica.core.dataset.DatasetInput;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;

/** A dataset to define or the new definition of one. Absent or empty lists mean "all". */
@Schema(name = "DatasetRequest")
public record DatasetRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255) String name,
    String description,
    @Schema(description = "Event definition OIDs (SE_...)") List<String> eventOids,
    @Schema(description = "CRF OIDs (F_...) of the chosen events") List<String> formOids,
    @Schema(description = "Item OIDs (I_...) of the chosen CRFs") List<String> itemOids,
    Set<SubjectAttribute> subjectAttributes,
    Set<EventAttribute> eventAttributes,
    Set<FormAttribute> formAttributes,
    @Schema(description = "Events starting on or after; absent: no lower bound") LocalDate dateFrom,
    @Schema(description = "Events starting on or before; absent: open end") LocalDate dateTo,
    @Schema(description = "Subject statuses (AVAILABLE, SIGNED, REMOVED, AUTO_REMOVED); absent: all but removed")
        Set<String> subjectStatuses,
    @Schema(description = "For an update: the version read") Long version) {

  DatasetInput toInput() {
    return new DatasetInput(name, description, eventOids, formOids, itemOids, subjectAttributes, eventAttributes,
        formAttributes, dateFrom, dateTo, subjectStatuses);
  }
}
