package jp.ac.umin.libreclinica.ws.api.studyimport;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.odm.studyimport.NotCarried;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportCounts;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportJobs;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportPreview;
import jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportService;
import jp.ac.umin.libreclinica.ws.api.ApiLocales;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Whole-study import: POST a full ODM 1.3 extract of LibreClinica / OpenClinica 3 (check only,
 * or start the import as a background job), GET its status and report. Needs the right to create
 * studies.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Study imports", description = "A new study from a full ODM 1.3 extract of LibreClinica / OpenClinica 3")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class StudyImportRestController {

  /** One thing that could not be carried: line, element, OID, reason (caller's language). */
  public record NotCarriedJson(int line, String element, String oid, String reasonKey, String reason) {}

  /** What the extract holds or what was created. */
  public record StudyImportJson(
      Long id, String status, String fileName, String studyName, String protocolId, String studyOid,
      Long studyId, Long jobId, String jobStatus, Integer percent, String failure,
      StudyImportCounts counts, List<NotCarriedJson> notCarried) {}

  private final StudyImportService imports;
  private final StudyImportJobs importJobs;
  private final BackgroundJobService jobs;
  private final MessageSource messages;

  public StudyImportRestController(StudyImportService imports, StudyImportJobs importJobs,
      BackgroundJobService jobs, MessageSource messages) {
    this.imports = imports;
    this.importJobs = importJobs;
    this.jobs = jobs;
    this.messages = messages;
  }

  @PostMapping(value = "/study-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Imports a full ODM 1.3 extract as a new study (in the background)",
      description = "The extract is read and checked first. With check=true nothing is kept and the"
          + " answer says what the file holds and what could not be carried. Otherwise the import"
          + " starts as a background job: follow it at the Location. All or nothing: a failed"
          + " import creates nothing. An extract whose study OID or unique identifier exists here"
          + " is refused. Needs the right to create studies.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; Location names the import"),
        @ApiResponse(responseCode = "200", description = "Checked only (check=true); nothing kept"),
        @ApiResponse(responseCode = "400", description = "Not a full extract, malformed XML (the line is named)",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not create studies",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "The study exists here",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "413", description = "The file is too large",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<StudyImportJson> submit(
      @Parameter(description = "The extract (XML)") @RequestPart("file") MultipartFile file,
      @Parameter(description = "Only check the file; keep and create nothing")
          @RequestParam(defaultValue = "false") boolean check,
      Authentication caller,
      HttpServletRequest request) throws IOException {
    Locale locale = ApiLocales.of(request);
    if (check) {
      StudyImportPreview p = imports.preview(caller.getName(), file.getBytes(), file.getOriginalFilename());
      return ResponseEntity.ok(new StudyImportJson(null, "CHECKED", file.getOriginalFilename(), p.studyName(),
          p.protocolId(), p.studyOid(), null, null, null, null, null, p.counts(), rows(p.notCarried(), locale)));
    }
    StudyImportService.StagedImport staged = imports.stage(caller.getName(), file.getBytes(), file.getOriginalFilename());
    BackgroundJob job = importJobs.confirm(caller.getName(), staged.importId(), locale);
    StudyImportPreview p = staged.preview();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/study-imports/" + staged.importId()))
        .body(new StudyImportJson(staged.importId(), "QUEUED", file.getOriginalFilename(), p.studyName(),
            p.protocolId(), p.studyOid(), null, job.getId(), job.getStatus().name(), job.getPercent(), null,
            p.counts(), rows(p.notCarried(), locale)));
  }

  @GetMapping("/study-imports/{id}")
  @Operation(
      summary = "The status of an import, and when done the new study and the report",
      responses = {
        @ApiResponse(responseCode = "200", description = "The import"),
        @ApiResponse(responseCode = "404", description = "No such import of the caller",
            content = @Content(mediaType = "application/problem+json"))
      })
  public StudyImportJson one(@PathVariable long id, Authentication caller, HttpServletRequest request) {
    Locale locale = ApiLocales.of(request);
    StudyImportService.StoredImport s = imports.stored(caller.getName(), id);
    BackgroundJob job = s.jobId() == null ? null : jobs.view(caller.getName(), s.jobId());
    String studyOid = s.studyOid();
    String failure = s.failureKey() == null ? null
        : messages.getMessage(s.failureKey(), s.failureArguments(), s.failureKey(), locale);
    return new StudyImportJson(s.id(), s.status(), s.fileName(), null, null, studyOid, s.studyId(),
        s.jobId(), job == null ? null : job.getStatus().name(), job == null ? null : job.getPercent(), failure,
        s.counts(), rows(s.notCarried(), locale));
  }

  private List<NotCarriedJson> rows(List<NotCarried> list, Locale locale) {
    return list.stream().map(n -> new NotCarriedJson(n.line(), n.element(), n.oid(), n.reasonKey(),
        messages.getMessage(n.reasonKey(), new Object[] {n.argument()}, n.reasonKey(), locale))).toList();
  }
}
