package jp.ac.umin.libreclinica.ws.api.note;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNote;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NewNote;
import jp.ac.umin.libreclinica.core.discrepancy.NoteAnswer;
import jp.ac.umin.libreclinica.core.discrepancy.NoteField;
import jp.ac.umin.libreclinica.core.discrepancy.NoteQuery;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteTarget;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;
import jp.ac.umin.libreclinica.core.discrepancy.NotesPage;
import jp.ac.umin.libreclinica.core.discrepancy.NotesViewService;
import jp.ac.umin.libreclinica.core.sdv.SdvService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Discrepancy notes (list, raise, answer, close) and the SDV status of event CRFs, through the
 * same services, rules and audit as the pages.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Discrepancy notes and SDV", description = "Queries and other notes; source data verification")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class NoteRestController {

  private final DiscrepancyNoteService notes;
  private final NotesViewService view;
  private final SdvService sdv;
  private final StudyService studies;

  public NoteRestController(
      DiscrepancyNoteService notes, NotesViewService view, SdvService sdv, StudyService studies) {
    this.notes = notes;
    this.view = view;
    this.sdv = sdv;
    this.studies = studies;
  }

  @GetMapping("/studies/{oid}/notes")
  @Operation(summary = "The note threads of a study or site (a site: only its own), newest first",
      responses = {
        @ApiResponse(responseCode = "200", description = "A page of threads"),
        @ApiResponse(responseCode = "403", description = "The caller may not see the study or site",
            content = @Content(mediaType = "application/problem+json"))
      })
  public NoteJson.Page list(
      @PathVariable String oid,
      @Parameter(description = "Note type") @RequestParam(required = false) NoteType type,
      @Parameter(description = "Thread status") @RequestParam(required = false) NoteStatus status,
      @Parameter(description = "Subject ID") @RequestParam(required = false) String subject,
      @Parameter(description = "Assigned user name") @RequestParam(required = false) String assignedTo,
      @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "Threads per page, at most 200") @RequestParam(defaultValue = "50") int size,
      Authentication caller) {
    Study where = studies.viewByOid(caller.getName(), oid);
    NotesPage p = view.page(caller.getName(), where.getId(),
        new NoteQuery(type, status, null, subject, null, null, assignedTo, null, null), page, size);
    Map<String, Long> counts = new LinkedHashMap<>();
    p.countsByStatus().forEach((s, n) -> counts.put(s.name(), n));
    return new NoteJson.Page(p.rows().stream().map(NoteJson.Summary::of).toList(), p.page(), p.size(), p.total(), counts);
  }

  @GetMapping("/notes/{id}")
  @Operation(summary = "A thread with its notes and the statuses the caller may answer with")
  public NoteJson.Thread thread(@PathVariable long id, Authentication caller) {
    return NoteJson.Thread.of(notes.thread(caller.getName(), id));
  }

  @PostMapping(value = "/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Raises a note thread on an item value, a subject field or an event field",
      description = "Queries need the right to raise queries (monitors, data managers); annotations and"
          + " reasons for change the right to add notes. Failed validation checks come from data entry.",
      responses = {
        @ApiResponse(responseCode = "201", description = "Raised; Location names the thread"),
        @ApiResponse(responseCode = "400", description = "Malformed request",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller's role may not raise this note",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "Refused (e.g. no description, assignee without a role)",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<NoteJson.Thread> raise(@RequestBody NoteJson.NewNoteRequest body, Authentication caller) {
    DiscrepancyNote t = notes.raise(caller.getName(), target(body.target()),
        new NewNote(enumOf(NoteType.class, body.type()), body.description(), body.detailedNote(), body.assignedTo()));
    return ResponseEntity.created(URI.create("/api/v1/notes/" + t.getId()))
        .body(NoteJson.Thread.of(notes.thread(caller.getName(), t.getId())));
  }

  @PostMapping(value = "/notes/{id}/answers", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Answers a thread (Updated, Resolution Proposed, Closed, Not Applicable as the role allows)",
      responses = {
        @ApiResponse(responseCode = "200", description = "The thread after the answer"),
        @ApiResponse(responseCode = "403", description = "The caller's role may not give this status",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "Refused: answered meanwhile, or a status change the"
            + " thread does not allow", content = @Content(mediaType = "application/problem+json"))
      })
  public NoteJson.Thread answer(@PathVariable long id, @RequestBody NoteJson.AnswerRequest body, Authentication caller) {
    long version = body.version() != null ? body.version() : notes.thread(caller.getName(), id).parent().getVersion();
    notes.answer(caller.getName(), id, version, new NoteAnswer(enumOf(NoteStatus.class, body.status()),
        body.description(), body.detailedNote(), body.assignedTo()));
    return NoteJson.Thread.of(notes.thread(caller.getName(), id));
  }

  @PostMapping(value = "/notes/{id}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Closes a thread (monitors, data managers)")
  public NoteJson.Thread close(@PathVariable long id, @RequestBody NoteJson.CloseRequest body, Authentication caller) {
    long version = body.version() != null ? body.version() : notes.thread(caller.getName(), id).parent().getVersion();
    notes.close(caller.getName(), id, version, body.description(), body.detailedNote());
    return NoteJson.Thread.of(notes.thread(caller.getName(), id));
  }

  @GetMapping("/event-crfs/{id}/sdv")
  @Operation(summary = "The SDV status of an event CRF")
  public NoteJson.Sdv sdvStatus(@PathVariable long id, Authentication caller) {
    return sdvJson(sdv.statusOf(caller.getName(), id));
  }

  @PutMapping(value = "/event-crfs/{id}/sdv", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Marks an event CRF source-verified, or takes it back (monitors, data managers)",
      responses = {
        @ApiResponse(responseCode = "200", description = "The SDV status after the change"),
        @ApiResponse(responseCode = "403", description = "The caller may not verify",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "The CRF is not complete",
            content = @Content(mediaType = "application/problem+json"))
      })
  public NoteJson.Sdv changeSdv(@PathVariable long id, @RequestBody NoteJson.SdvChange body, Authentication caller) {
    if (body.verified()) {
      sdv.verify(caller.getName(), List.of(id));
    } else {
      sdv.unverify(caller.getName(), List.of(id));
    }
    return sdvJson(sdv.statusOf(caller.getName(), id));
  }

  private static NoteJson.Sdv sdvJson(EventCrf e) {
    return new NoteJson.Sdv(e.getId(), e.getStatus().name(), e.isSdvVerified(), e.getSdvBy(), e.getSdvAt());
  }

  private static NoteTarget target(NoteJson.Target t) {
    if (t == null) {
      throw badRequest();
    }
    NoteField field = t.field() == null ? (t.eventCrfId() != null ? NoteField.ITEM_VALUE : null)
        : enumOf(NoteField.class, t.field());
    if (field == NoteField.ITEM_VALUE && t.eventCrfId() != null && t.itemName() != null) {
      return NoteTarget.itemValue(t.eventCrfId(), t.itemName(), t.row() == null ? 1 : Math.max(1, t.row()));
    }
    if (field != null && field.entity() == NoteField.Entity.SUBJECT && t.studySubjectId() != null) {
      return NoteTarget.subject(t.studySubjectId(), field);
    }
    if (field != null && field.entity() == NoteField.Entity.EVENT && t.studyEventId() != null) {
      return NoteTarget.event(t.studyEventId(), field);
    }
    throw badRequest();
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw badRequest();
    }
  }

  private static ResponseStatusException badRequest() {
    return new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST);
  }
}
