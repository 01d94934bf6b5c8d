package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.casebook.MatrixQuery;
import jp.ac.umin.libreclinica.core.casebook.MatrixSort;
import jp.ac.umin.libreclinica.core.casebook.SubjectMatrix;
import jp.ac.umin.libreclinica.core.casebook.SubjectMatrixService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.ws.api.ApiRefusalException;
import jp.ac.umin.libreclinica.ws.api.ApiRefusalException.FieldRefusal;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subjects of a study or site, the subject matrix page by page, and subjects' events. The caller
 * sees and changes what the pages would let them: a site user only their site's subjects.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Subjects", description = "Subjects, the subject matrix and events")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class SubjectRestController {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

  private final SubjectService subjects;
  private final SubjectMatrixService matrix;
  private final StudyService studies;
  private final StudyEventService events;
  private final EventDefinitionService definitions;

  public SubjectRestController(
      SubjectService subjects,
      SubjectMatrixService matrix,
      StudyService studies,
      StudyEventService events,
      EventDefinitionService definitions) {
    this.subjects = subjects;
    this.matrix = matrix;
    this.studies = studies;
    this.events = events;
    this.definitions = definitions;
  }

  @GetMapping("/studies/{oid}/subjects")
  @Operation(
      summary = "A page of the subject matrix of a study or site, optionally searched",
      description = "Each subject with the status of the latest occurrence of each event"
          + " definition, ordered by subject ID. A site user sees only their site.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The page"),
        @ApiResponse(responseCode = "403", description = "The caller may not see the study or site",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such OID",
            content = @Content(mediaType = "application/problem+json"))
      })
  public MatrixPageJson list(
      @PathVariable String oid,
      @Parameter(description = "Part of a subject ID or secondary ID") @RequestParam(required = false) String search,
      @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "Subjects per page, at most 200") @RequestParam(defaultValue = "50") int size,
      Authentication caller) {
    Study scope = studies.viewByOid(caller.getName(), oid);
    SubjectMatrix m =
        matrix.matrix(caller.getName(), scope.getId(),
            new MatrixQuery(search, null, null, null, Map.of(), MatrixSort.LABEL, false, page, size));
    List<MatrixPageJson.Row> rows =
        m.rows().getContent().stream()
            .map(r -> new MatrixPageJson.Row(
                r.id(), r.label(), r.secondaryLabel(), r.siteProtocolId(), r.status().code(),
                r.enrollmentDate(),
                m.columns().stream()
                    .map(d -> {
                      var c = r.cell(d.getId());
                      return new MatrixPageJson.Cell(d.getOid(), c.status().code(), c.occurrences(), c.eventId());
                    })
                    .toList()))
            .toList();
    return new MatrixPageJson(rows, m.rows().getNumber(), m.rows().getSize(), m.rows().getTotalElements());
  }

  @PostMapping(value = "/studies/{oid}/subjects", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Enrolls a subject at a study or site",
      description = "Needs the right to enter data there. The same checks as the page: subject ID"
          + " rules of the study parameters, duplicate person ID warning, group assignment.",
      responses = {
        @ApiResponse(responseCode = "201", description = "Enrolled; Location names the subject"),
        @ApiResponse(responseCode = "400", description = "Invalid fields, listed in errors",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not enroll here",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "Refused, e.g. the study is not open",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<SubjectJson> create(
      @PathVariable String oid, @RequestBody NewSubjectRequest body, Authentication caller) {
    Study scope = studies.viewByOid(caller.getName(), oid);
    Long siteId = null;
    if (body.siteOid() != null && !body.siteOid().isBlank()) {
      siteId = studies.viewByOid(caller.getName(), body.siteOid().strip()).getId();
    }
    List<FieldRefusal> bad = new ArrayList<>();
    LocalDate enrolled = date(body.enrollmentDate(), "enrollmentDate", bad);
    Sex sex = sex(body.sex(), bad);
    if (!bad.isEmpty()) {
      throw new ApiRefusalException(400, "api.error.validation", null, bad, null);
    }
    StudySubject s =
        subjects.add(scope.getId(), siteId,
            new SubjectInput(body.label(), body.secondaryLabel(), enrolled, sex, body.dateOfBirth(),
                body.personId(), Map.of()),
            body.requestToken(), Boolean.TRUE.equals(body.confirmDuplicatePersonId()), caller.getName());
    return ResponseEntity.created(URI.create("/api/v1/subjects/" + s.getId())).body(SubjectJson.of(s));
  }

  @GetMapping("/subjects/{id}")
  @Operation(summary = "One subject the caller may see",
      responses = {
        @ApiResponse(responseCode = "200", description = "The subject"),
        @ApiResponse(responseCode = "403", description = "The caller may not see it",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such subject",
            content = @Content(mediaType = "application/problem+json"))
      })
  public SubjectJson one(@PathVariable long id, Authentication caller) {
    return SubjectJson.of(subjects.view(caller.getName(), id));
  }

  @GetMapping("/subjects/{id}/events")
  @Operation(summary = "The events of a subject, removed ones included")
  public List<StudyEventJson> events(@PathVariable long id, Authentication caller) {
    StudySubject s = subjects.view(caller.getName(), id);
    Map<Long, String> oids = definitionOids(s.getParentStudyId());
    return events.eventsOf(caller.getName(), id).stream()
        .map(e -> StudyEventJson.of(e, oids.get(e.getEventDefinitionId())))
        .toList();
  }

  @PostMapping(value = "/subjects/{id}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Schedules the next occurrence of an event for a subject",
      responses = {
        @ApiResponse(responseCode = "201", description = "Scheduled"),
        @ApiResponse(responseCode = "400", description = "Invalid fields, listed in errors",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not enter data for the subject",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409",
            description = "Refused, e.g. a removed subject or a non-repeating event already scheduled",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<StudyEventJson> schedule(
      @PathVariable long id, @RequestBody NewEventRequest body, Authentication caller) {
    StudySubject s = subjects.view(caller.getName(), id);
    List<FieldRefusal> bad = new ArrayList<>();
    StudyEventDefinition d =
        definitions.list(s.getParentStudyId()).stream()
            .filter(x -> x.getOid().equals(body.eventDefinitionOid()))
            .findFirst()
            .orElse(null);
    if (d == null) {
      bad.add(new FieldRefusal("eventDefinitionOid", "subjectApi.eventDefinition.unknown",
          new Object[] {body.eventDefinitionOid()}, null));
    }
    Instant start = instant(body.start(), "start", bad);
    Instant end = instant(body.end(), "end", bad);
    if (!bad.isEmpty()) {
      throw new ApiRefusalException(400, "api.error.validation", null, bad, null);
    }
    StudyEvent e = events.schedule(id, d.getId(), new EventInput(start, end, body.location()), caller.getName());
    return ResponseEntity.created(URI.create("/api/v1/subjects/" + id + "/events"))
        .body(StudyEventJson.of(e, d.getOid()));
  }

  private Map<Long, String> definitionOids(long studyId) {
    Map<Long, String> m = new java.util.HashMap<>();
    definitions.list(studyId).forEach(d -> m.put(d.getId(), d.getOid()));
    return m;
  }

  private static LocalDate date(String value, String field, List<FieldRefusal> bad) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(
          Normalizer.normalize(value, Normalizer.Form.NFKC).strip().replace('/', '-'), DATE);
    } catch (DateTimeParseException e) {
      bad.add(new FieldRefusal(field, "subjectApi.date.invalid", new Object[] {value}, null));
      return null;
    }
  }

  private static Instant instant(String value, String field, List<FieldRefusal> bad) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      bad.add(new FieldRefusal(field, "subjectApi.dateTime.invalid", new Object[] {value}, null));
      return null;
    }
  }

  private static Sex sex(String value, List<FieldRefusal> bad) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (Sex s : Sex.values()) {
      if (s.code().equalsIgnoreCase(value.strip()) || s.name().equalsIgnoreCase(value.strip())) {
        return s;
      }
    }
    bad.add(new FieldRefusal("sex", "studyApi.value.unknown", new Object[] {value}, null));
    return null;
  }
}
