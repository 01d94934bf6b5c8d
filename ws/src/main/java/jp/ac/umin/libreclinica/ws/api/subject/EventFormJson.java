package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;
import jp.ac.umin.libreclinica.core.dataentry.EventForm;

/** A CRF of a subject's event: the version to enter data in and the event CRF once started. */
@Schema(name = "EventForm")
public record EventFormJson(
    String crfName,
    long crfVersionId,
    boolean required,
    @Schema(description = "Absent until data entry starts") Long eventCrfId,
    @Schema(example = "initial data entry", description = "LibreClinica's name: initial data entry,"
        + " initial data entry completed (double data entry: waits for the second pass), double data entry,"
        + " data entry complete, locked, removed, auto-removed") String status) {

  static EventFormJson of(EventForm f) {
    return new EventFormJson(
        f.crfName(), f.crfVersionId(), f.required(), f.eventCrfId(),
        f.status() == null ? null : f.status().code());
  }
}
