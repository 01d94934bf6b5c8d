package jp.ac.umin.libreclinica.ws.api.dataset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.dataset.Dataset;
import jp.ac.umin.libreclinica.core.dataset.DatasetService;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Datasets of a study and their extracts. Needs the right to extract data in the study or site
 * (as on the pages); a site user works at their site and their extracts hold its subjects only.
 * Refusals are problem details naming the field and what is wrong.
 */
@RestController
@Tag(name = "Datasets and extracts", description = "Dataset definitions, extract jobs and their files")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class DatasetRestController {

  static final int MAX_PAGE_SIZE = 200;

  private final DatasetService datasets;
  private final StudyService studies;
  private final MessageSource messages;

  public DatasetRestController(DatasetService datasets, StudyService studies, MessageSource messages) {
    this.datasets = datasets;
    this.studies = studies;
    this.messages = messages;
  }

  private long scope(Authentication caller, String studyOid) {
    return studies.viewByOid(caller.getName(), studyOid).getId();
  }

  @GetMapping(value = "/api/v1/studies/{studyOid}/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The datasets of a study (at a site: of its study), by name, a page at a time")
  public DatasetListJson list(
      @PathVariable String studyOid,
      @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "Datasets per page, at most 200") @RequestParam(defaultValue = "50") int size,
      @Parameter(description = "Include removed datasets") @RequestParam(defaultValue = "false") boolean removed,
      Authentication caller) {
    Page<Dataset> found = datasets.list(caller.getName(), scope(caller, studyOid), removed,
        PageRequest.of(Math.max(0, page), Math.max(1, Math.min(size, MAX_PAGE_SIZE)), Sort.by("name", "id")));
    return new DatasetListJson(found.getContent().stream().map(DatasetJson::of).toList(), found.getNumber(),
        found.getSize(), found.getTotalElements());
  }

  @PostMapping(value = "/api/v1/studies/{studyOid}/datasets",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Defines a dataset",
      responses = {
        @ApiResponse(responseCode = "201", description = "Created; Location names it"),
        @ApiResponse(responseCode = "400",
            description = "Invalid: the field at fault and why (name missing or taken, unknown OIDs named, dates reversed)",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not extract data here",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<DatasetJson> create(
      @PathVariable String studyOid, @RequestBody DatasetRequest body, Authentication caller) {
    long scope = scope(caller, studyOid);
    Dataset d = datasets.define(caller.getName(), scope, body.toInput());
    return ResponseEntity.created(URI.create("/api/v1/studies/" + studyOid + "/datasets/" + d.getId()))
        .body(DatasetJson.of(d));
  }

  @GetMapping(value = "/api/v1/studies/{studyOid}/datasets/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "One dataset")
  public DatasetJson one(@PathVariable String studyOid, @PathVariable long id, Authentication caller) {
    return DatasetJson.of(datasets.viewAt(caller.getName(), scope(caller, studyOid), id));
  }

  @PutMapping(value = "/api/v1/studies/{studyOid}/datasets/{id}",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Changes a dataset's definition",
      description = "Send the version read; a dataset changed meanwhile is refused (409).",
      responses = {
        @ApiResponse(responseCode = "200", description = "Changed"),
        @ApiResponse(responseCode = "400", description = "Invalid: the field at fault and why",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "Changed meanwhile, or removed",
            content = @Content(mediaType = "application/problem+json"))
      })
  public DatasetJson update(
      @PathVariable String studyOid, @PathVariable long id, @RequestBody DatasetRequest body, Authentication caller) {
    Dataset d = datasets.viewAt(caller.getName(), scope(caller, studyOid), id);
    long version = body.version() == null ? d.getVersion() : body.version();
    return DatasetJson.of(datasets.edit(caller.getName(), id, version, body.toInput()));
  }

  @PostMapping(value = "/api/v1/studies/{studyOid}/datasets/{id}/copy",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Copies a dataset under a new name")
  public DatasetJson copy(
      @PathVariable String studyOid, @PathVariable long id, @RequestBody NameRequest body, Authentication caller) {
    datasets.viewAt(caller.getName(), scope(caller, studyOid), id);
    return DatasetJson.of(datasets.copy(caller.getName(), id, body.name()));
  }

  @PostMapping(value = "/api/v1/studies/{studyOid}/datasets/{id}/remove",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Removes a dataset with a reason (its extracts stay; its schedule ends)")
  public DatasetJson remove(
      @PathVariable String studyOid, @PathVariable long id, @RequestBody ReasonRequest body, Authentication caller) {
    datasets.viewAt(caller.getName(), scope(caller, studyOid), id);
    return DatasetJson.of(datasets.remove(caller.getName(), id, body.reason()));
  }

  @PostMapping(value = "/api/v1/studies/{studyOid}/datasets/{id}/restore",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Restores a removed dataset with a reason")
  public DatasetJson restore(
      @PathVariable String studyOid, @PathVariable long id, @RequestBody ReasonRequest body, Authentication caller) {
    datasets.viewAt(caller.getName(), scope(caller, studyOid), id);
    return DatasetJson.of(datasets.restore(caller.getName(), id, body.reason()));
  }

  @PostMapping(value = "/api/v1/datasets/{id}/extracts",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Starts an extract of the dataset in a format, in the background",
      description = "Follow it at /api/v1/extracts/{jobId}; download its zip from .../file once DONE.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Started (queued)"),
        @ApiResponse(responseCode = "400", description = "No or unknown format",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller may not extract data there",
            content = @Content(mediaType = "application/problem+json"))
      })
  public ResponseEntity<ExtractJson> start(
      @PathVariable long id, @RequestBody ExtractRequest body, Authentication caller, Locale locale) {
    Long scope = body.studyOid() == null || body.studyOid().isBlank() ? null : scope(caller, body.studyOid());
    BackgroundJob job = datasets.startExtract(caller.getName(), id, scope, body.format(), locale);
    return ResponseEntity.accepted().location(URI.create("/api/v1/extracts/" + job.getId()))
        .body(json(job, locale));
  }

  @GetMapping(value = "/api/v1/datasets/{id}/extracts", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The dataset's archive: its extracts the caller may see, newest first")
  public List<ExtractJson> extracts(@PathVariable long id, Authentication caller, Locale locale) {
    return datasets.extracts(caller.getName(), id).stream().map(j -> json(j, locale)).toList();
  }

  @GetMapping(value = "/api/v1/extracts/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "An extract's status and progress")
  public ExtractJson extract(@PathVariable long jobId, Authentication caller, Locale locale) {
    return json(datasets.extract(caller.getName(), jobId), locale);
  }

  @PostMapping(value = "/api/v1/extracts/{jobId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Asks a waiting or running extract to stop")
  public ExtractJson cancel(@PathVariable long jobId, Authentication caller, Locale locale) {
    return json(datasets.cancelExtract(caller.getName(), jobId), locale);
  }

  @PostMapping(value = "/api/v1/extracts/{jobId}/remove",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Removes a finished extract from the archive with a reason (the file is kept aside)")
  public ExtractJson removeExtract(
      @PathVariable long jobId, @RequestBody ReasonRequest body, Authentication caller, Locale locale) {
    return json(datasets.removeExtract(caller.getName(), jobId, body.reason()), locale);
  }

  @GetMapping(value = "/api/v1/extracts/{jobId}/file", produces = {"application/zip", "application/problem+json"})
  @Operation(
      summary = "Downloads a finished extract (a zip); the download is audited",
      responses = {
        @ApiResponse(responseCode = "200", description = "The zip",
            content = @Content(mediaType = "application/zip")),
        @ApiResponse(responseCode = "409", description = "Not finished, or the file is gone",
            content = @Content(mediaType = "application/problem+json"))
      })
  public void file(@PathVariable long jobId, Authentication caller, HttpServletResponse response) throws IOException {
    BackgroundJob job = datasets.extract(caller.getName(), jobId);
    Path file = datasets.extractFile(caller.getName(), jobId);
    response.setContentType("application/zip");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(job.getFileName(), StandardCharsets.UTF_8).build().toString());
    response.setContentLengthLong(Files.size(file));
    Files.copy(file, response.getOutputStream());
  }

  private ExtractJson json(BackgroundJob j, Locale locale) {
    String message = j.getMessageKey() == null ? null
        : messages.getMessage(j.getMessageKey(), new Object[] {j.getMessageArg()}, j.getMessageKey(), locale);
    return ExtractJson.of(j, message);
  }
}
