package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.ac.umin.libreclinica.core.crf.CrfPreview;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfSummary;
import jp.ac.umin.libreclinica.core.crf.CrfTemplateRejectedException;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.CrfVersionSummary;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.ws.api.ApiLocales;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.BindException;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CRFs: upload a design spreadsheet, list CRFs and versions, the CRFs a study uses, and attach a
 * CRF to an event definition. Uploading and listing the installation's CRFs need the right to
 * design CRFs (data managers, study directors, administrators); a study's CRFs the right to view
 * it; attaching the right to build it. A refused spreadsheet is a 400 problem detail whose
 * {@code errors} list every problem (sheet, row, column, value, message), as the upload page
 * lists them; nothing is saved then.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "CRFs", description = "CRF design spreadsheets, CRFs and versions, CRFs of events")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class CrfRestController {

  static final int MAX_PAGE_SIZE = 200;

  private final CrfService crfs;
  private final StudyService studies;
  private final EventDefinitionService events;
  private final MessageSource messages;

  public CrfRestController(
      CrfService crfs, StudyService studies, EventDefinitionService events, MessageSource messages) {
    this.crfs = crfs;
    this.studies = studies;
    this.events = events;
    this.messages = messages;
  }

  @GetMapping("/crfs")
  @Operation(summary = "The CRFs of the installation, by name",
      description = "Needs the right to design CRFs.")
  public CrfListJson list(
      @Parameter(description = "Only CRFs whose name contains this (case ignored)")
          @RequestParam(required = false) String name,
      @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "CRFs per page, at most 200") @RequestParam(defaultValue = "50")
          int size,
      Authentication caller) {
    Page<CrfSummary> found = crfs.listCrfs(caller.getName(), name,
        PageRequest.of(Math.max(0, page), Math.max(1, Math.min(size, MAX_PAGE_SIZE))));
    return new CrfListJson(found.getContent().stream().map(c -> CrfJson.of(c, null)).toList(),
        found.getNumber(), found.getSize(), found.getTotalElements());
  }

  @GetMapping("/crfs/{oid}")
  @Operation(summary = "One CRF with its versions, oldest first",
      description = "Needs the right to design CRFs.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The CRF"),
        @ApiResponse(responseCode = "404", description = "No CRF has this OID",
            content = @Content(mediaType = "application/problem+json"))
      })
  public CrfJson one(@PathVariable String oid, Authentication caller) {
    long id = crfs.crfIdByOid(oid);
    CrfSummary crf = crfs.getCrf(caller.getName(), id);
    return CrfJson.of(crf, crfs.versionsOf(id).stream().map(CrfVersionJson::of).toList());
  }

  @PostMapping(value = "/crfs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Uploads a CRF design spreadsheet (.xls or .xlsx): a new CRF, or a new version of"
          + " the CRF of the same name",
      description = "The file is checked as the upload page checks it. With check=true nothing is"
          + " saved and the answer says what would be stored. Needs the right to design CRFs.",
      responses = {
        @ApiResponse(responseCode = "201", description = "Stored; Location names the CRF"),
        @ApiResponse(responseCode = "200", description = "Checked only (check=true); nothing saved"),
        @ApiResponse(responseCode = "400",
            description = "The spreadsheet has errors, every one listed in errors (CrfProblem:"
                + " sheet, row, column, value, message in the caller's language); nothing saved",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not design CRFs",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "413", description = "The file is too large",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<CrfUploadJson> upload(
      @Parameter(description = "The spreadsheet") @RequestPart("file") MultipartFile file,
      @Parameter(description = "Only check the file; save nothing")
          @RequestParam(defaultValue = "false") boolean check,
      Authentication caller,
      HttpServletRequest request)
      throws IOException {
    Locale locale = ApiLocales.of(request);
    byte[] bytes = file.getBytes();
    String fileName = file.getOriginalFilename();
    if (check) {
      CrfPreview preview = crfs.preview(bytes, fileName, caller.getName());
      if (preview.hasErrors()) {
        throw new CrfTemplateRejectedException(preview.problems());
      }
      return ResponseEntity.ok(new CrfUploadJson(preview.definition().name(),
          preview.definition().versionName(), null, null, !preview.newVersionOfExistingCrf(),
          preview.definition().items().size(), true, warnings(preview.problems(), locale)));
    }
    CrfUploadOutcome stored = crfs.commit(bytes, fileName, caller.getName());
    CrfVersionSummary version = crfs.versionsOf(stored.crfId()).stream()
        .filter(v -> v.id().equals(stored.crfVersionId())).findFirst().orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/v1/crfs/" + stored.crfOid()))
        .body(new CrfUploadJson(crfs.summary(stored.crfId()).name(), version.name(),
            stored.crfOid(), stored.crfVersionOid(), stored.newCrf(), stored.itemCount(), false,
            warnings(stored.warnings(), locale)));
  }

  @GetMapping("/studies/{oid}/crfs")
  @Operation(
      summary = "The CRFs a study uses: each CRF with its versions and the event definitions it"
          + " is attached to (for a site, with the site's own parameters)",
      description = "Needs the right to view the study or site.")
  public List<StudyCrfJson> studyCrfs(@PathVariable String oid, Authentication caller) {
    Study s = studies.viewByOid(caller.getName(), oid);
    long owner = s.isSite() ? s.getParent().getId() : s.getId();
    Map<Long, List<EventCrfJson>> uses = new LinkedHashMap<>();
    Map<Long, List<CrfVersionSummary>> versions = new HashMap<>();
    Map<Long, CrfSummary> summaries = new HashMap<>();
    for (StudyEventDefinition d : events.list(owner)) {
      for (EventDefinitionCrf row : events.crfsOf(d.getId())) {
        long crfId = row.getCrfId();
        List<CrfVersionSummary> vs = versions.computeIfAbsent(crfId, crfs::versionsOf);
        CrfSummary crf = summaries.computeIfAbsent(crfId, crfs::summary);
        CrfParameters p = s.isSite()
            ? events.effectiveParameters(s.getId(), row.getId()) : row.getParameters();
        uses.computeIfAbsent(crfId, k -> new ArrayList<>())
            .add(eventCrf(d, row, crf, p, vs));
      }
    }
    List<StudyCrfJson> result = new ArrayList<>();
    uses.forEach((crfId, used) -> result.add(new StudyCrfJson(
        CrfJson.of(summaries.get(crfId), versions.get(crfId).stream().map(CrfVersionJson::of).toList()),
        used)));
    return result;
  }

  @PostMapping(value = "/studies/{oid}/event-definitions/{eventOid}/crfs",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Attaches a CRF to an event definition of a study, with its parameters",
      description = "Needs the right to build the study (data manager, study director).",
      responses = {
        @ApiResponse(responseCode = "201", description = "Attached"),
        @ApiResponse(responseCode = "400", description = "Invalid fields, listed in errors",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not build the study",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such study, event definition or CRF",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409",
            description = "Refused, e.g. already attached, or the study's status allows no change",
            content = @Content(mediaType = "application/problem+json",
                schema = @Schema(description = "problem detail")))
      })
  public ResponseEntity<EventCrfJson> attach(
      @PathVariable String oid,
      @PathVariable String eventOid,
      @RequestBody AttachCrfRequest body,
      Authentication caller)
      throws BindException {
    Study s = studies.viewByOid(caller.getName(), oid);
    StudyEventDefinition d = events.list(s.getId()).stream()
        .filter(e -> e.getOid().equalsIgnoreCase(eventOid == null ? "" : eventOid.strip()))
        .findFirst()
        .orElseThrow(() -> new StudyException("event.oid.notFound", eventOid));
    MapBindingResult errors = new MapBindingResult(new HashMap<>(), "crf");
    if (body.crfOid() == null || body.crfOid().isBlank()) {
      errors.rejectValue("crfOid", "jakarta.validation.constraints.NotBlank.message", null,
          "must not be blank");
      throw new BindException(errors);
    }
    long crfId = crfs.crfIdByOid(body.crfOid());
    Map<String, Long> versionIds = new HashMap<>();
    crfs.versionsOf(crfId).forEach(v -> versionIds.put(v.oid().toUpperCase(Locale.ROOT), v.id()));
    Long defaultVersion = versionId(body.defaultVersionOid(), versionIds, "defaultVersionOid", errors);
    List<Long> allowed = new ArrayList<>();
    if (body.allowedVersionOids() != null) {
      for (String v : body.allowedVersionOids()) {
        Long id = versionId(v, versionIds, "allowedVersionOids", errors);
        if (id != null) {
          allowed.add(id);
        }
      }
    }
    SdvRequirement sdv = SdvRequirement.NOT_REQUIRED;
    if (body.sdvRequirement() != null && !body.sdvRequirement().isBlank()) {
      try {
        sdv = SdvRequirement.valueOf(body.sdvRequirement().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.rejectValue("sdvRequirement", "studyApi.value.unknown",
            new Object[] {body.sdvRequirement()}, null);
      }
    }
    if (errors.hasErrors()) {
      throw new BindException(errors);
    }
    CrfParameters parameters = new CrfParameters(
        !Boolean.FALSE.equals(body.required()), defaultVersion,
        Boolean.TRUE.equals(body.doubleDataEntry()), Boolean.TRUE.equals(body.electronicSignature()),
        Boolean.TRUE.equals(body.hideFromSites()), sdv, allowed);
    EventDefinitionCrf row = events.attachCrf(d.getId(), crfId, parameters, caller.getName());
    return ResponseEntity.created(URI.create("/api/v1/studies/" + s.getOid() + "/crfs"))
        .body(eventCrf(d, row, crfs.summary(crfId), row.getParameters(), crfs.versionsOf(crfId)));
  }

  private static Long versionId(
      String oid, Map<String, Long> ids, String field, MapBindingResult errors) {
    if (oid == null || oid.isBlank()) {
      return null;
    }
    Long id = ids.get(oid.strip().toUpperCase(Locale.ROOT));
    if (id == null) {
      errors.rejectValue(field, "studyApi.value.unknown", new Object[] {oid}, null);
    }
    return id;
  }

  private static EventCrfJson eventCrf(
      StudyEventDefinition d, EventDefinitionCrf row, CrfSummary crf, CrfParameters p,
      List<CrfVersionSummary> versions) {
    Map<Long, String> oids = new HashMap<>();
    versions.forEach(v -> oids.put(v.id(), v.oid()));
    return new EventCrfJson(d.getOid(), d.getName(), crf.oid(), crf.name(), row.getStatus().code(),
        p.isRequired(), p.getDefaultVersionId() == null ? null : oids.get(p.getDefaultVersionId()),
        p.isDoubleDataEntry(), p.isElectronicSignature(), p.isHideFromSites(),
        p.getSdvRequirement().name(), p.getAllowedVersionIds().stream().map(oids::get).toList());
  }

  private List<CrfProblemJson> warnings(List<TemplateProblem> problems, Locale locale) {
    return CrfProblemJson.of(problems.stream().filter(p -> !p.isError()).toList(), messages, locale);
  }
}
