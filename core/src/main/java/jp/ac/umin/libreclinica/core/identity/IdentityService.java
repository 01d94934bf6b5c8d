package jp.ac.umin.libreclinica.core.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PersonDetails;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External identities linked to accounts and the ways each account may sign in.
 * Administrators pre-register a display identifier (a UMIN ID) for an account, unlink and
 * relink; an external sign-in finds the account by the provider's persistent subject, or binds
 * a pre-registration on first use. Everything is audited, failed sign-ins with their reason.
 */
@Service
@Transactional(readOnly = true)
public class IdentityService {

  static final String ENTITY = "external_identity";
  static final String ACCOUNT_ENTITY = "user_account";
  /** Letters, digits and {@code . _ @ -} (UMIN IDs may hold hyphens). */
  static final Pattern DISPLAY_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]*$");
  private static final int MAX_AUDITED = 255;

  private final ExternalIdentityRepository identities;
  private final AccountSignInMethodsRepository methods;
  private final UserAccountRepository accountRepository;
  private final AccountService accounts;
  private final AuditService audit;
  private final Clock clock;

  public IdentityService(
      ExternalIdentityRepository identities,
      AccountSignInMethodsRepository methods,
      UserAccountRepository accountRepository,
      AccountService accounts,
      AuditService audit,
      Clock clock) {
    this.identities = identities;
    this.methods = methods;
    this.accountRepository = accountRepository;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- administrators

  /** The identities of an account, live and unlinked, for an administrator. */
  public List<ExternalIdentity> identitiesOf(String actor, long accountId) {
    accounts.get(actor, accountId);
    return identities.findByAccountIdOrderByIdAsc(accountId);
  }

  /** Pre-registers {@code displayId} at {@code provider} for the account; the first sign-in binds it. */
  @Transactional
  public ExternalIdentity preRegister(String actor, long accountId, String provider, String displayId) {
    UserAccount account = accounts.getForChange(actor, accountId);
    String id = displayId == null ? "" : displayId.strip();
    if (id.isEmpty()) {
      throw IdentityException.onField("displayId", "identity.displayId.required");
    }
    if (id.length() > ExternalIdentity.MAX_DISPLAY_ID) {
      throw IdentityException.onField("displayId", "identity.displayId.tooLong", ExternalIdentity.MAX_DISPLAY_ID);
    }
    if (!DISPLAY_ID.matcher(id).matches()) {
      throw IdentityException.onField("displayId", "identity.displayId.invalid");
    }
    if (provider == null || provider.isBlank() || provider.length() > ExternalIdentity.MAX_PROVIDER) {
      throw new IdentityException("identity.provider.unknown");
    }
    if (!identities.findByDisplayId(provider, id, IdentityStatus.PENDING).isEmpty()
        || !identities.findByDisplayId(provider, id, IdentityStatus.LINKED).isEmpty()) {
      throw IdentityException.onField("displayId", "identity.displayId.duplicate", id);
    }
    ExternalIdentity identity =
        ExternalIdentity.preRegistered(account.getId(), provider, id, actor, clock.instant());
    try {
      identity = identities.saveAndFlush(identity);
    } catch (DataIntegrityViolationException e) {
      throw IdentityException.onField("displayId", "identity.displayId.duplicate", id);
    }
    audit.record(
        AuditEvent.of("identity.preregister", ENTITY, identity.getId())
            .withActor(actor)
            .withNewValue("account=" + account.getUserName() + "\n" + identity.audited()));
    return identity;
  }

  /** Ends a link; the reason is required and audited. */
  @Transactional
  public ExternalIdentity unlink(String actor, long identityId, String reason) {
    ExternalIdentity identity = load(identityId);
    accounts.getForChange(actor, identity.getAccountId());
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw IdentityException.onField("reason", "identity.unlink.reasonRequired");
    }
    if (why.length() > ExternalIdentity.MAX_REASON) {
      throw IdentityException.onField("reason", "identity.unlink.reasonTooLong", ExternalIdentity.MAX_REASON);
    }
    if (identity.getStatus() == IdentityStatus.UNLINKED) {
      throw new IdentityException("identity.unlink.already");
    }
    String before = identity.audited();
    identity.unlink(why, actor, clock.instant());
    audit.record(
        AuditEvent.of("identity.unlink", ENTITY, identity.getId())
            .withActor(actor)
            .withOldValue(before)
            .withNewValue(identity.audited())
            .withReason(why));
    return identity;
  }

  /** Restores an unlinked identity, unless its subject or display identifier is in use again. */
  @Transactional
  public ExternalIdentity relink(String actor, long identityId) {
    ExternalIdentity identity = load(identityId);
    accounts.getForChange(actor, identity.getAccountId());
    if (identity.getStatus() != IdentityStatus.UNLINKED) {
      throw new IdentityException("identity.relink.notUnlinked");
    }
    boolean taken =
        identity.getSubject() != null
            ? identities
                .findByProviderAndSubjectAndStatus(
                    identity.getProvider(), identity.getSubject(), IdentityStatus.LINKED)
                .isPresent()
            : !identities
                .findByDisplayId(identity.getProvider(), identity.getDisplayId(), IdentityStatus.PENDING)
                .isEmpty();
    if (taken) {
      throw new IdentityException("identity.relink.taken", identity.getDisplayId());
    }
    String before = identity.audited();
    identity.relink(actor, clock.instant());
    audit.record(
        AuditEvent.of("identity.relink", ENTITY, identity.getId())
            .withActor(actor)
            .withOldValue(before)
            .withNewValue(identity.audited()));
    return identity;
  }

  /** The ways the account may sign in (both, unless an administrator narrowed them). */
  public AccountSignInMethods signInMethods(long accountId) {
    return methods.findById(accountId).orElseGet(() -> AccountSignInMethods.of(accountId));
  }

  /** An administrator sets the ways an account may sign in; at least one stays open. */
  @Transactional
  public AccountSignInMethods changeSignInMethods(
      String actor, long accountId, boolean localAllowed, boolean ssoAllowed) {
    accounts.getForChange(actor, accountId);
    AccountSignInMethods m = methods.findById(accountId).orElseGet(() -> AccountSignInMethods.of(accountId));
    String before = m.audited();
    m.change(localAllowed, ssoAllowed, actor, clock.instant());
    if (!before.equals(m.audited())) {
      methods.save(m);
      audit.record(
          AuditEvent.of("account.signInMethods.change", ACCOUNT_ENTITY, accountId)
              .withActor(actor)
              .withOldValue(before)
              .withNewValue(m.audited()));
    }
    return m;
  }

  /** Whether the named account may sign in with its local password (unknown names: yes, the password check refuses). */
  public boolean localSignInAllowed(String userName) {
    return accounts
        .findByUserName(userName)
        .map(a -> signInMethods(a.getId()).isLocalAllowed())
        .orElse(true);
  }

  // ---------------------------------------------------------------- signing in

  /**
   * Finds the account of an external sign-in: by the provider's persistent subject, else by a
   * pending pre-registration of the display identifier (which binds the subject now). The
   * display identifier, e-mail and name follow the provider. Audited either way; a failure
   * leaves nothing changed.
   */
  @Transactional
  public SignInResult signIn(ExternalSignIn in) {
    return signIn(in, JustInTime.OFF);
  }

  /**
   * As {@link #signIn(ExternalSignIn)}; when {@code jit} is on, an identity that is neither
   * linked nor pre-registered gets a new account without any study role (just-in-time creation),
   * linked to the persistent subject and allowed to sign in only through single sign-on. It needs
   * an e-mail address, a given name and a family name from the provider; without them nothing is
   * created ({@code jit-missing-attributes}, or {@code jit-invalid-attributes} when they do not
   * make a valid account).
   */
  @Transactional
  public SignInResult signIn(ExternalSignIn in, JustInTime jit) {
    Instant now = clock.instant();
    if (in.subject() == null || in.subject().isBlank() || in.subject().length() > ExternalIdentity.MAX_SUBJECT) {
      return fail(in, null, "missing-subject");
    }
    Optional<ExternalIdentity> linked =
        identities.findByProviderAndSubjectAndStatus(in.provider(), in.subject(), IdentityStatus.LINKED);
    ExternalIdentity identity;
    String change = null;
    if (linked.isPresent()) {
      identity = linked.get();
      if (in.displayId() != null && !in.displayId().isBlank() && !in.displayId().equals(identity.getDisplayId())) {
        change = identity.getDisplayId();
      }
    } else {
      List<ExternalIdentity> pending =
          in.displayId() == null || in.displayId().isBlank()
              ? List.of()
              : identities.findByDisplayId(in.provider(), in.displayId().strip(), IdentityStatus.PENDING);
      if (pending.isEmpty() && jit != null && jit.enabled()) {
        return createJustInTime(in, jit, now);
      }
      if (pending.size() != 1) {
        return fail(in, null, "unknown-identity");
      }
      identity = pending.get(0);
    }
    UserAccount account = accountRepository.findById(identity.getAccountId()).orElse(null);
    if (account == null || !account.canSignIn()) {
      return fail(in, identity.getAccountId(), "account-blocked");
    }
    if (!signInMethods(account.getId()).isSsoAllowed()) {
      return fail(in, account.getId(), "sso-not-allowed");
    }
    if (identity.getStatus() == IdentityStatus.PENDING) {
      identity.bind(in.subject(), now);
      audit.record(
          AuditEvent.of("identity.bind", ENTITY, identity.getId())
              .withActor(account.getUserName())
              .withNewValue(identity.audited())
              .withClientAddress(in.clientAddress()));
    }
    identity.seen(clip(in.displayId()), clip(in.email()), clip(in.displayName()), now);
    if (change != null) {
      audit.record(
          AuditEvent.of("identity.displayId.change", ENTITY, identity.getId())
              .withActor(account.getUserName())
              .withOldValue("displayId=" + change)
              .withNewValue("displayId=" + identity.getDisplayId())
              .withClientAddress(in.clientAddress()));
    }
    accountRepository.resetFailedLogins(account.getId());
    audit.record(
        AuditEvent.of("login.success", ACCOUNT_ENTITY, account.getId())
            .withActor(account.getUserName())
            .withNewValue("provider=" + in.provider() + "\ndisplayId=" + identity.getDisplayId())
            .withReason("sso:" + in.provider())
            .withClientAddress(in.clientAddress()));
    return SignInResult.success(account.getUserName());
  }

  private SignInResult createJustInTime(ExternalSignIn in, JustInTime jit, Instant now) {
    if (blank(in.email()) || blank(in.givenName()) || blank(in.familyName())) {
      return fail(in, null, "jit-missing-attributes");
    }
    String displayId = blank(in.displayId()) ? in.email().strip() : in.displayId().strip();
    if (displayId.length() > ExternalIdentity.MAX_DISPLAY_ID) {
      return fail(in, null, "jit-invalid-attributes");
    }
    PersonDetails details =
        new PersonDetails(
            clipTo(in.givenName(), UserAccount.MAX_NAME),
            clipTo(in.familyName(), UserAccount.MAX_NAME),
            in.email().strip(),
            null,
            null);
    Optional<UserAccount> created =
        accounts.createJustInTime(
            userNameBase(displayId, in.email()), details, jit::reserved, "jit:sso:" + in.provider());
    if (created.isEmpty()) {
      return fail(in, null, "jit-invalid-attributes");
    }
    UserAccount account = created.get();
    ExternalIdentity identity =
        identities.saveAndFlush(
            ExternalIdentity.linkedJustInTime(account.getId(), in.provider(), in.subject(), clip(displayId), now));
    identity.seen(null, clip(in.email()), clip(in.displayName()), now);
    AccountSignInMethods m = AccountSignInMethods.of(account.getId());
    m.change(false, true, AccountService.SYSTEM_ACTOR, now);
    methods.save(m);
    audit.record(
        AuditEvent.of("identity.jit", ENTITY, identity.getId())
            .withActor(account.getUserName())
            .withNewValue("account=" + account.getUserName() + "\n" + identity.audited() + "\n" + m.audited())
            .withReason("sso:" + in.provider())
            .withClientAddress(in.clientAddress()));
    audit.record(
        AuditEvent.of("login.success", ACCOUNT_ENTITY, account.getId())
            .withActor(account.getUserName())
            .withNewValue("provider=" + in.provider() + "\ndisplayId=" + identity.getDisplayId())
            .withReason("sso:" + in.provider())
            .withClientAddress(in.clientAddress()));
    return SignInResult.success(account.getUserName());
  }

  /**
   * The user name a just-in-time account starts from: the display identifier (without a scope
   * after {@code @}), else the e-mail address's local part, reduced to letters, digits and
   * {@code . _ -}, in lower case, starting with a letter or digit; {@code sso-user} when nothing
   * is left. Only a name: the account is found by the persistent subject, never by it.
   */
  static String userNameBase(String displayId, String email) {
    String source = blank(displayId) ? (email == null ? "" : email) : displayId;
    int at = source.indexOf('@');
    if (at >= 0) {
      source = source.substring(0, at);
    }
    String folded = java.text.Normalizer.normalize(source, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    StringBuilder b = new StringBuilder();
    for (char c : folded.toCharArray()) {
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum || (!b.isEmpty() && (c == '.' || c == '_' || c == '-'))) {
        b.append(c);
      }
    }
    String base = b.length() > 40 ? b.substring(0, 40) : b.toString();
    return base.length() < 2 ? "sso-user" : base;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String clipTo(String s, int max) {
    String t = s.strip();
    return t.length() <= max ? t : t.substring(0, max);
  }

  /**
   * A sign-in that failed before reaching this service (bad signature, stale response, a
   * header from an address that is not a trusted proxy, state mismatch, provider down):
   * audited on its own with the reason.
   */
  public void recordFailure(String provider, String attempted, String reason, String clientAddress) {
    audit.recordIndependently(
        AuditEvent.of("login.failure", ACCOUNT_ENTITY, null)
            .withActor(attempted == null ? "" : clip(attempted))
            .withReason("sso:" + provider + ":" + reason)
            .withClientAddress(clientAddress));
  }

  private SignInResult fail(ExternalSignIn in, Long accountId, String reason) {
    audit.recordIndependently(
        AuditEvent.of("login.failure", ACCOUNT_ENTITY, accountId)
            .withActor(in.displayId() == null ? "" : clip(in.displayId()))
            .withNewValue("provider=" + in.provider() + "\nsubject=" + (in.subject() == null ? "" : clip(in.subject())))
            .withReason("sso:" + in.provider() + ":" + reason)
            .withClientAddress(in.clientAddress()));
    return SignInResult.failure(reason);
  }

  private ExternalIdentity load(long id) {
    return identities.findById(id).orElseThrow(() -> new IdentityException("identity.notFound", id));
  }

  private static String clip(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.length() <= MAX_AUDITED ? t : t.substring(0, MAX_AUDITED);
  }
}
