package jp.ac.umin.libreclinica.ws.api.study;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyPhase;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.BindException;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Studies, their sites and event definitions. The caller sees what the pages would show them:
 * administrators every study, others the studies where they hold a role, and site users only
 * their own sites. Creating goes through the same services, checks and audit as the pages.
 */
@RestController
@RequestMapping(value = "/api/v1/studies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Studies", description = "Studies, sites and event definitions")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class StudyRestController {

  static final int MAX_PAGE_SIZE = 200;

  private final StudyService studies;
  private final EventDefinitionService events;
  private final SmartValidator validator;

  public StudyRestController(
      StudyService studies, EventDefinitionService events, SmartValidator validator) {
    this.studies = studies;
    this.events = events;
    this.validator = validator;
  }

  @GetMapping
  @Operation(
      summary = "The studies the caller may see, each with the sites the caller may see",
      description =
          "Administrators see every study; others the studies where they hold a role. A user"
              + " with a role at a site sees the study's name and only their own sites.")
  public StudyListJson list(
      @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "Studies per page, at most 200") @RequestParam(defaultValue = "50")
          int size,
      Authentication caller) {
    int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
    Page<Study> found =
        studies.listStudies(
            caller.getName(), PageRequest.of(Math.max(0, page), pageSize, Sort.by("name")));
    List<StudyJson> items =
        found.getContent().stream()
            .map(s -> StudyJson.summary(s, sites(caller.getName(), s)))
            .toList();
    return new StudyListJson(items, found.getNumber(), found.getSize(), found.getTotalElements());
  }

  @GetMapping("/{oid}")
  @Operation(
      summary = "One study (with the sites the caller may see) or site, by OID",
      responses = {
        @ApiResponse(responseCode = "200", description = "The study or site"),
        @ApiResponse(responseCode = "403", description = "The caller may not see it",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such OID",
            content = @Content(mediaType = "application/problem+json"))
      })
  public StudyJson one(@PathVariable String oid, Authentication caller) {
    Study s = studies.viewByOid(caller.getName(), oid);
    return StudyJson.full(s, s.isSite() ? null : sites(caller.getName(), s));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Creates a study; the caller becomes its data manager",
      description = "Needs the right to create studies (system administrators).",
      responses = {
        @ApiResponse(responseCode = "201", description = "Created; Location names it"),
        @ApiResponse(responseCode = "400",
            description = "Invalid fields, listed in errors (field and message)",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not create studies",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<StudyJson> create(
      @RequestBody NewStudyRequest body, Authentication caller) throws BindException {
    MapBindingResult errors = new MapBindingResult(new HashMap<>(), "study");
    StudyPhase phase = enumValue(StudyPhase.class, body.phase(), "phase", errors);
    ProtocolType type = enumValue(ProtocolType.class, body.protocolType(), "protocolType", errors);
    StudyDetails details =
        new StudyDetails(
            body.name(), body.protocolId(), body.secondaryIds(), body.principalInvestigator(),
            body.sponsor(), body.collaborators(), phase, type, body.purpose(), body.description(),
            body.startDate(), body.estimatedCompletionDate(), body.protocolVerificationDate(),
            body.expectedEnrollment() == null ? 0 : body.expectedEnrollment(),
            body.facilityName(), body.facilityCity(), body.facilityState(), body.facilityZip(),
            body.facilityCountry(), body.contactName(), body.contactEmail(), body.contactPhone());
    validator.validate(details, errors);
    if (errors.hasErrors()) {
      throw new BindException(errors);
    }
    Study created;
    try {
      created = studies.createStudy(details, caller.getName());
    } catch (StudyException e) {
      if (e.messageKey().startsWith("study.protocolId")) {
        errors.rejectValue("protocolId", e.messageKey(), e.arguments(), e.messageKey());
        throw new BindException(errors);
      }
      throw e;
    }
    return ResponseEntity.created(URI.create("/api/v1/studies/" + created.getOid()))
        .body(StudyJson.full(created, List.of()));
  }

  @GetMapping("/{oid}/event-definitions")
  @Operation(summary = "The event definitions of a study (for a site: of its study)")
  public List<EventDefinitionJson> eventDefinitions(
      @PathVariable String oid, Authentication caller) {
    Study s = studies.viewByOid(caller.getName(), oid);
    long studyId = s.isSite() ? s.getParent().getId() : s.getId();
    return events.list(studyId).stream().map(EventDefinitionJson::of).toList();
  }

  @PostMapping(value = "/{oid}/event-definitions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Creates an event definition in a study",
      description = "Needs the right to build the study (data manager, study director).",
      responses = {
        @ApiResponse(responseCode = "201", description = "Created"),
        @ApiResponse(responseCode = "400", description = "Invalid fields, listed in errors",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not build the study",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409",
            description = "Refused, e.g. a site OID or a study status that allows no design change",
            content = @Content(mediaType = "application/problem+json",
                schema = @Schema(description = "problem detail")))
      })
  public ResponseEntity<EventDefinitionJson> createEventDefinition(
      @PathVariable String oid, @RequestBody NewEventDefinitionRequest body, Authentication caller)
      throws BindException {
    Study s = studies.viewByOid(caller.getName(), oid);
    MapBindingResult errors = new MapBindingResult(new HashMap<>(), "eventDefinition");
    EventType type = eventType(body.type(), errors);
    EventDefinitionDetails details =
        new EventDefinitionDetails(
            body.name(), body.description(), Boolean.TRUE.equals(body.repeating()), type,
            body.category());
    validator.validate(details, errors);
    if (errors.hasErrors()) {
      throw new BindException(errors);
    }
    StudyEventDefinition created;
    try {
      created = events.create(s.getId(), details, caller.getName());
    } catch (StudyException e) {
      if (e.messageKey().startsWith("event.name")) {
        errors.rejectValue("name", e.messageKey(), e.arguments(), e.messageKey());
        throw new BindException(errors);
      }
      throw e;
    }
    return ResponseEntity.created(
            URI.create("/api/v1/studies/" + s.getOid() + "/event-definitions"))
        .body(EventDefinitionJson.of(created));
  }

  private List<StudyJson> sites(String actor, Study study) {
    return studies.sitesOf(actor, study.getId()).stream()
        .map(site -> StudyJson.summary(site, null))
        .toList();
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String value, String field, MapBindingResult errors) {
    if (value == null || value.isBlank()) {
      return null; // @NotNull on the details names the field
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.rejectValue(field, "studyApi.value.unknown", new Object[] {value}, null);
      return null;
    }
  }

  private static EventType eventType(String value, MapBindingResult errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (EventType t : EventType.values()) {
      if (t.code().equalsIgnoreCase(value.strip()) || t.name().equalsIgnoreCase(value.strip())) {
        return t;
      }
    }
    errors.rejectValue("type", "studyApi.value.unknown", new Object[] {value}, null);
    return null;
  }
}
