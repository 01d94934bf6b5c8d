package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Values to save in one event CRF, all or nothing, and the versions of the stored values the
 * caller based them on (as read from the event CRF). A stored value whose version is not given,
 * or has changed since, is a conflict: nothing is saved and the changed items are named.
 */
@Schema(name = "ItemDataWrite")
public record ItemDataWriteRequest(
    List<Value> values, List<Seen> seen, @Schema(description = "Needed after completion when the study asks for it") String reasonForChange) {

  /** A value to store; an empty value clears the item. */
  @Schema(name = "ItemValueInput")
  public record Value(@Schema(example = "HEIGHT") String item, Integer row, @Schema(example = "171") String value) {}

  /** The version of a stored value the caller has seen. */
  @Schema(name = "SeenItemVersion")
  public record Seen(String item, Integer row, long version) {}
}
