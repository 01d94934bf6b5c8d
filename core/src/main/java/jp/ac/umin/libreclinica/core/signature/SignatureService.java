package jp.ac.umin.libreclinica.core.signature;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectDataChanged;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Electronic signatures of a subject's casebook or of one event, by an investigator (permission
 * {@link Permission#SIGN}) after reviewing it. The signer proves presence again ({@link
 * ReauthenticationService}); the page posts the hash of the data it showed, and a signature over
 * data that changed since is refused. A signature is bound to the exact data signed ({@link
 * SignedData}): when that data changes, the signature becomes invalid in the same transaction
 * (statuses back from "signed", audited, the signer notified), and every read recomputes the hash
 * as well, so that a change made past the services still shows.
 */
@Service
@Transactional(readOnly = true)
public class SignatureService {

  static final String ENTITY = "Signature";
  /** The meaning shown to the signer of a casebook. */
  public static final String MEANING_CASEBOOK = "signature.meaning.casebook";
  /** The meaning shown to the signer of an event. */
  public static final String MEANING_EVENT = "signature.meaning.event";

  private static final Logger log = LoggerFactory.getLogger(SignatureService.class);
  private static final Set<SubjectEventStatus> DONE =
      Set.of(SubjectEventStatus.COMPLETED, SubjectEventStatus.SIGNED, SubjectEventStatus.STOPPED,
          SubjectEventStatus.SKIPPED);

  private final SignatureRepository signatures;
  private final SignatureNoticeRepository notices;
  private final SignedData signedData;
  private final ReauthenticationService reauthentication;
  private final SubjectService subjects;
  private final StudyEventService events;
  private final StudyService studies;
  private final AuthorizationService authorization;
  private final AccountService accounts;
  private final AuditService audit;
  private final MessageSource messages;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private final ZoneId zone;

  public SignatureService(
      SignatureRepository signatures,
      SignatureNoticeRepository notices,
      SignedData signedData,
      ReauthenticationService reauthentication,
      SubjectService subjects,
      StudyEventService events,
      StudyService studies,
      AuthorizationService authorization,
      AccountService accounts,
      AuditService audit,
      MessageSource messages,
      ApplicationEventPublisher publisher,
      Clock clock,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.signatures = signatures;
    this.notices = notices;
    this.signedData = signedData;
    this.reauthentication = reauthentication;
    this.subjects = subjects;
    this.events = events;
    this.studies = studies;
    this.authorization = authorization;
    this.accounts = accounts;
    this.audit = audit;
    this.messages = messages;
    this.publisher = publisher;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** A signature with whether it still stands when read now (hash recomputed). */
  public record SignatureState(Signature signature, boolean valid, boolean dataChanged) {}

  /** What the signature page shows before signing: the data's hash and the meaning to sign. */
  public record SigningPreview(StudySubject subject, StudyEvent event, String hash, String meaningKey, boolean asksForPassword) {}

  // ---------------------------------------------------------------- reading

  /** Every signature of a subject, newest first, each checked against the data as it is now. */
  public List<SignatureState> signaturesOf(String actor, long studySubjectId) {
    subjects.view(actor, studySubjectId);
    List<SignatureState> result = new ArrayList<>();
    SignedData.Content casebook = null;
    for (Signature s : signatures.findByStudySubjectIdOrderBySignedAtDescIdDesc(studySubjectId)) {
      if (s.getStatus() != Signature.Status.VALID) {
        result.add(new SignatureState(s, false, false));
        continue;
      }
      SignedData.Content now;
      if (s.isCasebook()) {
        casebook = casebook == null ? signedData.of(studySubjectId, null) : casebook;
        now = casebook;
      } else {
        now = signedData.of(studySubjectId, s.getStudyEventId());
      }
      boolean same = now.hash().equals(s.getSignedHash());
      result.add(new SignatureState(s, same, !same));
    }
    return result;
  }

  /** The signatures that cover one event: the casebook's and the event's own. */
  public List<SignatureState> signaturesCovering(String actor, long studyEventId) {
    if (!events.exists(studyEventId)) {
      return List.of();
    }
    StudyEvent e = events.view(actor, studyEventId);
    return signaturesOf(actor, e.getStudySubjectId()).stream()
        .filter(s -> s.signature().isCasebook() || s.signature().getStudyEventId() == studyEventId)
        .toList();
  }

  /** Whether the user may sign at the subject's site (for showing the button). */
  public boolean maySign(String actor, StudySubject subject) {
    UserAccount a = accounts.findByUserName(actor).orElse(null);
    return authorization.isPermitted(a, subject.getStudyId(), Permission.SIGN)
        && studies.get(subject.getStudyId()).getStatus().allows(StudyOperation.REVIEW_DATA)
        && (!studies.get(subject.getStudyId()).isSite()
            || studies.get(subject.getStudyId()).getParent().getStatus().allows(StudyOperation.REVIEW_DATA));
  }

  /**
   * What the signer is about to sign, after the same checks as signing (refused the same way):
   * the page shows the data and posts this hash back with the password.
   */
  public SigningPreview preview(String actor, long studySubjectId, Long studyEventId) {
    Checked c = check(actor, studySubjectId, studyEventId);
    return new SigningPreview(c.subject, c.event, signedData.of(studySubjectId, studyEventId).hash(),
        studyEventId == null ? MEANING_CASEBOOK : MEANING_EVENT, reauthentication.asksForPassword(actor));
  }

  /** The canonical text a signature would cover now (shown to API callers before signing). */
  public String signedData(String actor, long studySubjectId, Long studyEventId) {
    check(actor, studySubjectId, studyEventId);
    return signedData.of(studySubjectId, studyEventId).text();
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs a subject's casebook ({@code studyEventId} null) or one completed event.
   *
   * @param shownHash the hash of the data the page showed; refused if the data changed since
   * @param password the signer's password (local accounts)
   * @param locale the language the meaning was shown in
   */
  @Transactional
  public Signature sign(
      String actor, long studySubjectId, Long studyEventId, String shownHash, String password, Locale locale) {
    Checked c = check(actor, studySubjectId, studyEventId);
    SignedData.Content content = signedData.of(studySubjectId, studyEventId);
    if (shownHash == null || !shownHash.equals(content.hash())) {
      throw new SignatureException("signature.dataChanged");
    }
    reauthentication.requirePresence(actor, password);
    UserAccount signer = accounts.findByUserName(actor).orElseThrow();
    String meaningKey = studyEventId == null ? MEANING_CASEBOOK : MEANING_EVENT;
    Locale shownIn = locale == null ? Locale.ENGLISH : locale;
    String meaning = messages.getMessage(meaningKey, null, meaningKey, shownIn);
    String reason = "electronic signature";
    if (studyEventId == null) {
      for (StudyEvent e : events.eventsOf(actor, studySubjectId)) {
        if (!e.getRemoval().isRemoved() && e.getStatus() == SubjectEventStatus.COMPLETED) {
          events.markSigned(e.getId(), true, reason, actor);
        }
      }
      subjects.markSigned(studySubjectId, true, reason, actor);
    } else if (c.event.getStatus() == SubjectEventStatus.COMPLETED) {
      events.markSigned(studyEventId, true, reason, actor);
    }
    Signature s =
        signatures.saveAndFlush(
            new Signature(studySubjectId, studyEventId, c.subject.getParentStudyId(), signer.getId(),
                signer.getUserName(), fullName(signer), clock.instant(), zone.getId(), meaningKey,
                meaning, shownIn.toLanguageTag(), content));
    audit.record(
        AuditEvent.of("signature.sign", ENTITY, s.getId())
            .withActor(actor)
            .withStudyId(c.subject.getParentStudyId())
            .withNewValue(s.describe() + ", meaningText=" + meaning));
    return s;
  }

  private record Checked(StudySubject subject, StudyEvent event) {}

  private Checked check(String actor, long studySubjectId, Long studyEventId) {
    StudySubject s =
        subjects.requireAccess(actor, studySubjectId, Permission.SIGN, StudyOperation.REVIEW_DATA);
    if (s.getStatus().isRemoved()) {
      throw new SignatureException("signature.subjectRemoved", s.getLabel());
    }
    if (s.isCasebookLocked()) {
      throw new SignatureException("signature.casebookLocked", s.getLabel());
    }
    List<SignatureState> standing =
        signaturesOf(actor, studySubjectId).stream().filter(SignatureState::valid).toList();
    if (studyEventId == null) {
      if (standing.stream().anyMatch(st -> st.signature().isCasebook())) {
        throw new SignatureException("signature.alreadySigned");
      }
      int open = 0;
      for (StudyEvent e : events.eventsOf(actor, studySubjectId)) {
        if (e.getRemoval().isRemoved()) {
          continue;
        }
        SubjectEventStatus status =
            e.getStatus() == SubjectEventStatus.LOCKED ? e.getStatusBeforeLock() : e.getStatus();
        if (!DONE.contains(status)) {
          open++;
        }
      }
      if (open > 0) {
        throw new SignatureException("signature.casebook.notComplete", open);
      }
      return new Checked(s, null);
    }
    StudyEvent e = events.get(studyEventId);
    if (e.getStudySubjectId() != studySubjectId) {
      throw new SignatureException("signature.event.notOfSubject");
    }
    if (e.getRemoval().isRemoved()) {
      throw new SignatureException("signature.event.removed");
    }
    if (e.getStatus() == SubjectEventStatus.LOCKED) {
      throw new SignatureException("signature.event.locked");
    }
    if (standing.stream().anyMatch(st -> !st.signature().isCasebook()
        && st.signature().getStudyEventId().equals(studyEventId))) {
      throw new SignatureException("signature.alreadySigned");
    }
    if (e.getStatus() != SubjectEventStatus.COMPLETED && e.getStatus() != SubjectEventStatus.SIGNED) {
      throw new SignatureException("signature.event.notCompleted");
    }
    return new Checked(s, e);
  }

  // ---------------------------------------------------------------- invalidation

  /**
   * When data of a subject changes, every valid signature whose data is no longer the same
   * becomes invalid: audited, "signed" statuses go back (subject to available, events to
   * completed unless still covered by another valid signature), and the signer is notified.
   */
  @EventListener
  @Transactional
  public void onSubjectDataChanged(SubjectDataChanged change) {
    List<Signature> valid =
        signatures.findByStudySubjectIdAndStatus(change.studySubjectId(), Signature.Status.VALID);
    if (change.what().endsWith(".restore")) {
      // what comes back from removal comes back unsigned unless a valid signature covers it
      revertStatuses(change.studySubjectId(), change.actor());
    }
    if (valid.isEmpty()) {
      return;
    }
    List<Signature> broken = new ArrayList<>();
    for (Signature s : valid) {
      if (!signedData.of(s.getStudySubjectId(), s.getStudyEventId()).hash().equals(s.getSignedHash())) {
        broken.add(s);
      }
    }
    if (broken.isEmpty()) {
      return;
    }
    for (Signature s : broken) {
      s.invalidate(change.actor(), clock.instant(), change.what());
      audit.record(
          AuditEvent.of("signature.invalidate", ENTITY, s.getId())
              .withActor(change.actor())
              .withStudyId(s.getParentStudyId())
              .withOldValue(Signature.Status.VALID.name())
              .withNewValue(Signature.Status.INVALIDATED.name())
              .withReason("signed data changed: " + change.what()));
      notices.save(new SignatureNotice(s.getId(), s.getSignerUserName(), clock.instant()));
      log.info("Signature {} of {} on subject {} is no longer valid: {} by {}", s.getId(),
          s.getSignerUserName(), s.getStudySubjectId(), change.what(), change.actor());
      publisher.publishEvent(new SignatureInvalidated(s.getId(), s.getStudySubjectId(), s.getStudyEventId(),
          s.getSignerUserName(), change.actor(), change.what()));
    }
    signatures.flush();
    revertStatuses(change.studySubjectId(), change.actor());
  }

  private void revertStatuses(long studySubjectId, String actor) {
    List<Signature> stillValid =
        signatures.findByStudySubjectIdAndStatus(studySubjectId, Signature.Status.VALID);
    boolean casebookSigned = stillValid.stream().anyMatch(Signature::isCasebook);
    String reason = "signature invalidated: signed data changed";
    if (!casebookSigned && subjects.get(studySubjectId).getStatus() == SubjectStatus.SIGNED) {
      subjects.markSigned(studySubjectId, false, reason, actor);
    }
    for (StudyEvent e : eventsOf(studySubjectId)) {
      boolean covered =
          casebookSigned
              || stillValid.stream().anyMatch(s -> !s.isCasebook() && s.getStudyEventId().equals(e.getId()));
      // a removed event changes nothing until restored (then the restore reverts it)
      if (!covered && e.getStatus() == SubjectEventStatus.SIGNED && !e.getRemoval().isRemoved()) {
        events.markSigned(e.getId(), false, reason, actor);
      }
    }
  }

  private List<StudyEvent> eventsOf(long studySubjectId) {
    return events.eventsOfUnchecked(studySubjectId);
  }

  // ---------------------------------------------------------------- notices

  /** The unread notices of invalidated signatures for the user. */
  public List<SignatureNotice> unreadNotices(String user) {
    return user == null ? List.of() : notices.findByRecipientIgnoreCaseAndReadAtIsNullOrderByCreatedAtDesc(user);
  }

  /** The signature a notice is about (for the notice's text). */
  public Signature signatureOf(SignatureNotice notice) {
    return signatures.findById(notice.getSignatureId()).orElseThrow();
  }

  @Transactional
  public void markNoticeRead(String user, long noticeId) {
    notices.findById(noticeId)
        .filter(n -> n.getRecipient().equalsIgnoreCase(user))
        .ifPresent(n -> n.read(clock.instant()));
  }

  /** The signer's name as the signature records it: family name first for Japanese names. */
  static String fullName(UserAccount a) {
    String first = a.getFirstName() == null ? "" : a.getFirstName().strip();
    String last = a.getLastName() == null ? "" : a.getLastName().strip();
    boolean japanese = (first + last).codePoints().anyMatch(cp -> cp > 0x2E7F);
    String name = (japanese ? last + " " + first : first + " " + last).strip();
    return name.isEmpty() ? a.getUserName() : name;
  }
}
