package jp.ac.umin.libreclinica.ws.api.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImport;
import jp.ac.umin.libreclinica.core.odm.importing.OdmImportService;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.ws.api.ApiLocales;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ODM clinical data import: the body of the POST is the ODM XML file itself (streamed to the
 * server's disk; a declared length beyond the limit is refused before anything is read). It is
 * validated, or validated and imported, by a background job; GET follows the job and returns the
 * report. Needs the right to import data in the study or site.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "ODM imports", description = "Validate and import ODM 1.3 clinical data")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class OdmImportRestController {

  static final int MAX_PROBLEMS = 1000;

  private final OdmUploadService uploads;
  private final StudyService studies;
  private final MessageSource messages;

  public OdmImportRestController(OdmUploadService uploads, StudyService studies, MessageSource messages) {
    this.uploads = uploads;
    this.studies = studies;
    this.messages = messages;
  }

  @PostMapping(value = "/studies/{oid}/odm-imports",
      consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
  @Operation(
      summary = "Uploads an ODM 1.3 file to validate it, or to validate and import it",
      description = "The request body is the XML file (not zipped). A background job validates the whole"
          + " file against the study's metadata (validateOnly=true, the default) or validates and then"
          + " imports it (validateOnly=false, with scope and, when stored values change, reason). Follow"
          + " it at the Location. A validated upload can be imported later with"
          + " POST /api/v1/odm-imports/{id}/import. Needs the right to import data in the study or site.",
      requestBody = @RequestBody(required = true, description = "The ODM XML file",
          content = @Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary"))),
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job runs. Location names the import"),
        @ApiResponse(responseCode = "400", description = "Empty body or bad parameters",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not import into the study",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No study or site has this OID",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "413", description = "The file is larger than lc.import.max-bytes",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "415", description = "A zip or gzip file, or not XML",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<OdmImportJson> upload(
      @PathVariable("oid") String studyOid,
      @Parameter(description = "Only validate; store nothing") @RequestParam(defaultValue = "true")
          boolean validateOnly,
      @Parameter(description = "FILE: all or nothing; SUBJECT: each subject whose data can all be stored")
          @RequestParam(defaultValue = "FILE") OdmImportService.Scope scope,
      @Parameter(description = "Reason for change, needed when stored values change")
          @RequestParam(required = false) String reason,
      @Parameter(description = "The file's name, kept in the history") @RequestParam(defaultValue = "odm.xml")
          String fileName,
      Authentication caller,
      HttpServletRequest request) throws IOException {
    Study study = studies.viewByOid(caller.getName(), studyOid);
    Locale locale = ApiLocales.of(request);
    OdmImport row;
    try (InputStream in = request.getInputStream()) {
      row = validateOnly
          ? uploads.upload(caller.getName(), study.getId(), fileName, in, request.getContentLengthLong(), locale)
          : uploads.uploadAndImport(caller.getName(), study.getId(), fileName, in, request.getContentLengthLong(),
              scope, reason, locale);
    }
    return ResponseEntity.accepted().location(URI.create("/api/v1/odm-imports/" + row.getId()))
        .body(json(caller, row, 0, 0, locale));
  }

  @PostMapping("/odm-imports/{id}/import")
  @Operation(summary = "Imports an upload whose validation found no error",
      description = "The file is validated again before anything is stored. Needs a reason when stored"
          + " values change.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the import job runs"),
        @ApiResponse(responseCode = "400", description = "A reason is needed",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "The upload has errors, runs, or was imported",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<OdmImportJson> confirm(
      @PathVariable long id,
      @RequestParam(defaultValue = "FILE") OdmImportService.Scope scope,
      @RequestParam(required = false) String reason,
      Authentication caller,
      HttpServletRequest request) {
    Locale locale = ApiLocales.of(request);
    OdmImport row = uploads.confirm(caller.getName(), id, scope, reason, locale);
    return ResponseEntity.accepted().location(URI.create("/api/v1/odm-imports/" + id))
        .body(json(caller, row, 0, 0, locale));
  }

  @GetMapping("/odm-imports/{id}")
  @Operation(summary = "An ODM upload: stage, job progress, report counts and problems",
      description = "Problems carry the XML line, the OID and the message in the language of Accept-Language.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The upload"),
        @ApiResponse(responseCode = "404", description = "No such upload",
            content = @Content(mediaType = "application/problem+json"))
      })
  public OdmImportJson one(
      @PathVariable long id,
      @Parameter(description = "First problem to return, from 0") @RequestParam(defaultValue = "0") int offset,
      @Parameter(description = "Problems to return, at most 1000") @RequestParam(defaultValue = "200") int limit,
      Authentication caller,
      HttpServletRequest request) {
    return json(caller, uploads.view(caller.getName(), id), offset, Math.max(0, Math.min(limit, MAX_PROBLEMS)),
        ApiLocales.of(request));
  }

  private OdmImportJson json(Authentication caller, OdmImport row, int offset, int limit, Locale locale) {
    BackgroundJob job = uploads.job(caller.getName(), row);
    var problems = limit == 0 || row.getStage().running() ? java.util.List.<OdmImportProblemJson>of()
        : uploads.problems(caller.getName(), row.getId(), offset, limit).stream()
            .map(p -> OdmImportProblemJson.of(p, messages, locale)).toList();
    return new OdmImportJson(row.getId(), studies.get(row.getStudyId()).getOid(), row.getFileName(),
        row.getFileSize(), row.getFileSha256(), row.getUploadedBy(), row.getUploadedAt(), row.getStage().name(),
        messages.getMessage(row.getStage().messageKey(), null, row.getStage().name(), locale),
        row.getScope() == null ? null : row.getScope().name(),
        job == null ? null : new OdmImportJson.Job(job.getId(), job.getStatus().name(), job.getProgressDone(),
            job.getProgressTotal(), job.getPercent(), job.getStartedAt(), job.getFinishedAt()),
        new OdmImportJson.Summary(row.getSubjects(), row.getEvents(), row.getForms(), row.getNewValues(),
            row.getChangedValues(), row.getUnchangedValues(), row.getErrors(), row.getWarnings()),
        problems);
  }
}
