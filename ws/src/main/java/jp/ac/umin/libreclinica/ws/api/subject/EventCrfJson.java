package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemData;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;

/** One event CRF with its stored values (canonical: ISO dates, "." decimals, option values). */
@Schema(name = "EventCrf")
public record EventCrfJson(
    long id,
    long studyEventId,
    long crfVersionId,
    @Schema(example = "initial data entry", description = "LibreClinica's name: initial data entry,"
        + " initial data entry completed (double data entry: waits for the second pass), double data entry,"
        + " data entry complete, locked, removed, auto-removed") String status,
    List<ItemValue> items) {

  /**
   * A stored value.
   *
   * @param version send it back under {@code seen} when writing: a value changed since is a
   *     conflict
   */
  @Schema(name = "StoredItemValue")
  public record ItemValue(
      @Schema(example = "HEIGHT") String item,
      @Schema(description = "Row of a repeating group, 1 otherwise") int row,
      @Schema(example = "170.5") String value,
      long version) {}

  static EventCrfJson of(EventCrf e, Map<ItemKey, ItemData> values) {
    List<ItemValue> items =
        values.entrySet().stream()
            .map(v -> new ItemValue(v.getKey().itemName(), v.getKey().ordinal(),
                v.getValue().getValue(), v.getValue().getVersion()))
            .sorted(Comparator.comparing(ItemValue::item).thenComparingInt(ItemValue::row))
            .toList();
    return new EventCrfJson(
        e.getId(), e.getStudyEventId(), e.getCrfVersionId(), e.getStatus().code(), items);
  }
}
