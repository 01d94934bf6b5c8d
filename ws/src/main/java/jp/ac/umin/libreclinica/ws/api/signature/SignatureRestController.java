package jp.ac.umin.libreclinica.ws.api.signature;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.signature.Signature;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.ws.api.OpenApiConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Electronic signatures of a subject's casebook or events, and the casebook and event CRF
 * locks. Refusals (wrong password, data changed since the preview, locked or frozen data, a role
 * that may not) are problem details naming the reason, as on the pages.
 */
@RestController
@Tag(name = "Signatures and locks", description = "Electronic signatures, casebook and CRF locks")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class SignatureRestController {

  private final SignatureService signatures;
  private final SubjectService subjects;
  private final DataEntryService entry;
  private final MessageSource messages;

  public SignatureRestController(
      SignatureService signatures, SubjectService subjects, DataEntryService entry, MessageSource messages) {
    this.signatures = signatures;
    this.subjects = subjects;
    this.entry = entry;
    this.messages = messages;
  }

  @GetMapping(value = "/api/v1/subjects/{oid}/signatures", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The signatures of a subject, newest first, each checked against the data now")
  public List<SignatureJson> list(@PathVariable String oid, Authentication caller) {
    StudySubject s = subjects.viewByOid(caller.getName(), oid);
    return signatures.signaturesOf(caller.getName(), s.getId()).stream().map(SignatureJson::of).toList();
  }

  @GetMapping(value = "/api/v1/subjects/{oid}/signing", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "What a signature would cover: the data, its hash and the meaning to show",
      description = "Refused like the signature itself (role, status, locks, already signed).")
  public SigningPreviewJson preview(
      @PathVariable String oid,
      @Parameter(description = "An event of the subject; absent: the whole casebook")
          @RequestParam(required = false) Long studyEventId,
      Authentication caller,
      Locale locale) {
    StudySubject s = subjects.viewByOid(caller.getName(), oid);
    SignatureService.SigningPreview p = signatures.preview(caller.getName(), s.getId(), studyEventId);
    return new SigningPreviewJson(p.hash(), p.meaningKey(),
        messages.getMessage(p.meaningKey(), null, p.meaningKey(), locale),
        signatures.signedData(caller.getName(), s.getId(), studyEventId));
  }

  @PostMapping(value = "/api/v1/subjects/{oid}/signatures",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Signs the casebook or an event with the caller's password",
      responses = {
        @ApiResponse(responseCode = "201", description = "Signed"),
        @ApiResponse(responseCode = "403", description = "The caller may not sign here",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409",
            description = "Refused: wrong password, data changed since the preview, not complete, locked",
            content = @Content(mediaType = "application/problem+json"))
      })
  public SignatureJson sign(
      @PathVariable String oid, @RequestBody SignRequest body, Authentication caller, Locale locale) {
    StudySubject s = subjects.viewByOid(caller.getName(), oid);
    Signature signed =
        signatures.sign(caller.getName(), s.getId(), body.studyEventId(), body.sha256(), body.password(), locale);
    return signatures.signaturesOf(caller.getName(), s.getId()).stream()
        .filter(st -> st.signature().getId().equals(signed.getId()))
        .map(SignatureJson::of)
        .findFirst()
        .orElseThrow();
  }

  @PutMapping(value = "/api/v1/subjects/{oid}/casebook-lock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Locks a subject's casebook (its events and CRFs with it)")
  public LockJson lockCasebook(
      @PathVariable String oid, @RequestParam(required = false) String reason, Authentication caller) {
    StudySubject s = subjects.viewByOid(caller.getName(), oid);
    StudySubject locked = subjects.lockCasebook(s.getId(), reason, caller.getName());
    return new LockJson(locked.isCasebookLocked(), locked.getStatus().code());
  }

  @DeleteMapping(value = "/api/v1/subjects/{oid}/casebook-lock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Unlocks a subject's casebook (and what was locked with it)")
  public LockJson unlockCasebook(
      @PathVariable String oid, @RequestParam(required = false) String reason, Authentication caller) {
    StudySubject s = subjects.viewByOid(caller.getName(), oid);
    StudySubject unlocked = subjects.unlockCasebook(s.getId(), reason, caller.getName());
    return new LockJson(unlocked.isCasebookLocked(), unlocked.getStatus().code());
  }

  @PutMapping(value = "/api/v1/event-crfs/{id}/lock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Locks an event CRF")
  public LockJson lockEventCrf(
      @PathVariable long id, @RequestParam(required = false) String reason, Authentication caller) {
    EventCrf e = entry.lock(caller.getName(), id, reason);
    return new LockJson(e.getStatus() == EventCrfStatus.LOCKED, e.getStatus().code());
  }

  @DeleteMapping(value = "/api/v1/event-crfs/{id}/lock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Unlocks an event CRF locked by itself")
  public LockJson unlockEventCrf(
      @PathVariable long id, @RequestParam(required = false) String reason, Authentication caller) {
    EventCrf e = entry.unlock(caller.getName(), id, reason);
    return new LockJson(e.getStatus() == EventCrfStatus.LOCKED, e.getStatus().code());
  }
}
