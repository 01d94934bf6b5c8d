package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.dataentry.ValueProblem;
import jp.ac.umin.libreclinica.ws.api.ApiRefusalException;
import jp.ac.umin.libreclinica.ws.api.ApiRefusalException.FieldRefusal;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One event CRF's item data, read and written as JSON through {@link DataEntryService}: the
 * same value checks, conflict rule and audit trail as the data entry page. A refused write
 * names each item at fault ({@code HEIGHT}, or {@code AETERM#2} for row 2) and stores nothing.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Data entry", description = "Event CRFs and their item data")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class EventCrfRestController {

  /** Refusals of the data entry service that name an item of the request. */
  private static final Set<String> ITEM_REFUSALS = Set.of("dataentry.item.unknown", "dataentry.item.noSuchRow");

  private final DataEntryService entry;

  public EventCrfRestController(DataEntryService entry) {
    this.entry = entry;
  }

  @GetMapping("/study-events/{id}/forms")
  @Operation(summary = "The CRFs of a subject's event: the version to enter data in, and the event CRF once started")
  public List<EventFormJson> forms(@PathVariable long id, Authentication caller) {
    return entry.formsOfEvent(caller.getName(), id).stream().map(EventFormJson::of).toList();
  }

  /** Which CRF version to start. */
  public record StartRequest(long crfVersionId) {}

  @PostMapping(value = "/study-events/{id}/event-crfs", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Starts data entry of a CRF in a subject's event (or returns the one started)",
      responses = {
        @ApiResponse(responseCode = "201", description = "The event CRF"),
        @ApiResponse(responseCode = "403", description = "The caller may not enter data here",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "The version is not offered in this event",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<EventCrfJson> start(
      @PathVariable long id, @RequestBody StartRequest body, Authentication caller) {
    EventCrf e = entry.startForEvent(caller.getName(), id, body.crfVersionId());
    return ResponseEntity.created(URI.create("/api/v1/event-crfs/" + e.getId()))
        .body(EventCrfJson.of(e, entry.values(caller.getName(), e.getId())));
  }

  @GetMapping("/event-crfs/{id}")
  @Operation(
      summary = "An event CRF and its stored values, each with its version",
      responses = {
        @ApiResponse(responseCode = "200", description = "The event CRF"),
        @ApiResponse(responseCode = "403", description = "The caller may not see it",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such event CRF",
            content = @Content(mediaType = "application/problem+json"))
      })
  public EventCrfJson read(@PathVariable long id, Authentication caller) {
    EventCrf e = entry.get(caller.getName(), id);
    return EventCrfJson.of(e, entry.values(caller.getName(), id));
  }

  @PutMapping(value = "/event-crfs/{id}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Saves item values of an event CRF, all or nothing",
      description = "Values are checked as on the page (type, range, code list, length, the CRF's"
          + " validations) and stored in canonical form. Send under seen the version of every"
          + " stored value you read; a value changed since is a conflict (409) naming the items,"
          + " and nothing is saved. After completion a reason for change may be required.",
      responses = {
        @ApiResponse(responseCode = "200", description = "Saved"),
        @ApiResponse(responseCode = "400",
            description = "Invalid values or items not in this CRF, each named in errors; nothing stored",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not enter data here",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such event CRF",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409",
            description = "Someone else changed values meanwhile (named in changedMeanwhile), or the"
                + " CRF, event or subject is locked, removed or complete without a reason",
            content = @Content(mediaType = "application/problem+json"))
      })
  public SaveResultJson write(
      @PathVariable long id, @RequestBody ItemDataWriteRequest body, Authentication caller) {
    Map<ItemKey, String> typed = new LinkedHashMap<>();
    List<FieldRefusal> bad = new ArrayList<>();
    if (body.values() != null) {
      for (ItemDataWriteRequest.Value v : body.values()) {
        if (v == null || v.item() == null || v.item().isBlank()) {
          bad.add(new FieldRefusal("values", "subjectApi.item.missing", new Object[0], null));
          continue;
        }
        ItemKey key = new ItemKey(v.item().strip(), v.row() == null ? 1 : v.row());
        if (typed.putIfAbsent(key, v.value() == null ? "" : v.value()) != null) {
          bad.add(new FieldRefusal(name(key), "subjectApi.item.twice", new Object[] {name(key)}, null));
        }
      }
    }
    if (!bad.isEmpty()) {
      throw new ApiRefusalException(400, "api.error.validation", null, bad, null);
    }
    Map<ItemKey, Long> seen = new HashMap<>();
    if (body.seen() != null) {
      for (ItemDataWriteRequest.Seen s : body.seen()) {
        if (s != null && s.item() != null) {
          seen.put(new ItemKey(s.item().strip(), s.row() == null ? 1 : s.row()), s.version());
        }
      }
    }
    SaveResult result;
    try {
      result = entry.save(caller.getName(), id, typed, seen, body.reasonForChange());
    } catch (DataEntryException e) {
      if (ITEM_REFUSALS.contains(e.messageKey())) {
        Object[] args = e.arguments();
        String field = args.length > 1 ? args[0] + "#" + args[1] : String.valueOf(args[0]);
        throw new ApiRefusalException(400, "api.error.validation", null,
            List.of(new FieldRefusal(field, e.messageKey(), args, null)), null);
      }
      throw e;
    }
    switch (result.outcome()) {
      case INVALID -> {
        List<FieldRefusal> problems = new ArrayList<>();
        for (Map.Entry<ItemKey, ValueProblem> p : result.problems().entrySet()) {
          ValueProblem v = p.getValue();
          boolean authored = v.authorMessage() != null && !v.authorMessage().isBlank();
          problems.add(new FieldRefusal(name(p.getKey()), authored ? null : v.messageKey(),
              v.arguments().toArray(), authored ? v.authorMessage() : null));
        }
        throw new ApiRefusalException(400, "api.error.validation", null, problems, null);
      }
      case CONFLICT -> {
        List<String> names = result.changedMeanwhile().stream().map(EventCrfRestController::name).toList();
        List<Map<String, Object>> changed =
            result.changedMeanwhile().stream()
                .map(k -> Map.<String, Object>of("item", k.itemName(), "row", k.ordinal()))
                .toList();
        throw new ApiRefusalException(409, "api.error.conflict",
            new Object[] {String.join(", ", names)}, null, Map.of("changedMeanwhile", changed));
      }
      default -> {
        return new SaveResultJson(result.changed(),
            EventCrfJson.of(entry.get(caller.getName(), id), entry.values(caller.getName(), id)));
      }
    }
  }

  private static String name(ItemKey k) {
    return k.ordinal() > 1 ? k.itemName() + "#" + k.ordinal() : k.itemName();
  }
}
