package jp.ac.umin.libreclinica.core.account;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AccountValidationException.FieldProblem;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.input.SearchKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: what administrators do to them (create, edit, lock, unlock, remove, restore, reset
 * the password), what holders do to their own (profile, language, password), and the sign-in
 * bookkeeping (failed attempts, lockout). Every change is audited with old and new values;
 * password hashes never reach the audit trail.
 *
 * <p>The acting user is passed explicitly as {@code actor} (a user name) and checked here, not
 * only in the web layer: a business administrator may not touch a technical administrator.
 */
@Service
@Transactional(readOnly = true)
public class AccountService {

  static final String ENTITY = "user_account";
  /** Actor name for what the application does by itself (first start). */
  public static final String SYSTEM_ACTOR = "system";

  private static final int MAX_AUDITED_NAME = 100;

  private final UserAccountRepository accounts;
  private final PasswordHistoryRepository history;
  private final PasswordEncoder encoder;
  private final PasswordPolicy policy;
  private final PasswordGenerator generator;
  private final AuthorizationService authorization;
  private final AuditService audit;
  private final Validator validator;
  private final int maxFailures;
  private final InputNormaliser normaliser;

  public AccountService(
      UserAccountRepository accounts,
      PasswordHistoryRepository history,
      PasswordEncoder encoder,
      PasswordPolicy policy,
      PasswordGenerator generator,
      AuthorizationService authorization,
      AuditService audit,
      Validator validator,
      @Value("${lc.login.max-failures:5}") int maxFailures,
      InputNormaliser normaliser) {
    this.normaliser = normaliser;
    this.accounts = accounts;
    this.history = history;
    this.encoder = encoder;
    this.policy = policy;
    this.generator = generator;
    this.authorization = authorization;
    this.audit = audit;
    this.validator = validator;
    this.maxFailures = Math.max(1, maxFailures);
  }

  // ---------------------------------------------------------------- reading

  /** A page of accounts for an administrator, by status. */
  public Page<UserAccount> list(String actor, AccountStatusFilter filter, Pageable pageable) {
    requireAdministrator(actor);
    return switch (filter == null ? AccountStatusFilter.ALL : filter) {
      case ALL -> accounts.findAll(pageable);
      case ACTIVE -> accounts.findByStatusAndLocked(AccountStatus.AVAILABLE, false, pageable);
      case LOCKED -> accounts.findByStatusAndLocked(AccountStatus.AVAILABLE, true, pageable);
      case REMOVED -> accounts.findByStatus(AccountStatus.REMOVED, pageable);
    };
  }

  /**
   * As {@link #list}, keeping the accounts whose user name, name or e-mail contains {@code query}
   * whatever its width (全角/半角), kana (ひらがな/カタカナ) or case ({@code core.input.SearchKey});
   * a blank query lists all. By user name.
   */
  public Page<UserAccount> search(
      String actor, AccountStatusFilter filter, String query, Pageable pageable) {
    String key = normaliser.searchKey(query);
    if (key.isEmpty()) {
      return list(actor, filter, pageable);
    }
    requireAdministrator(actor);
    AccountStatusFilter f = filter == null ? AccountStatusFilter.ALL : filter;
    return accounts.search(SearchKey.containsPattern(key), f.name(),
        PageRequest.of(pageable.getPageNumber(), pageable.getPageSize()));
  }

  /** One account, for an administrator to look at. */
  public UserAccount get(String actor, long id) {
    requireAdministrator(actor);
    return load(id);
  }

  /** One account that the administrator {@code actor} is about to change; refused otherwise. */
  public UserAccount getForChange(String actor, long id) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    return target;
  }

  /** Whether {@code actor} may edit, reset, lock or remove {@code target} (for showing buttons). */
  public boolean mayManage(String actor, UserAccount target) {
    UserAccount admin = accounts.findByUserName(actor).orElse(null);
    return authorization.isPermitted(admin, null, Permission.ADMINISTER_USERS)
        && (target.getUserType() != UserType.TECH_ADMIN
            || authorization.isPermitted(admin, null, Permission.MANAGE_TECH_ADMINS));
  }

  /** The user types {@code actor} may give to an account. */
  public List<UserType> assignableTypes(String actor) {
    UserAccount admin = accounts.findByUserName(actor).orElse(null);
    boolean root = authorization.isPermitted(admin, null, Permission.MANAGE_TECH_ADMINS);
    return java.util.Arrays.stream(UserType.values())
        .filter(t -> root || t != UserType.TECH_ADMIN)
        .toList();
  }

  /** The signed-in user's own account. */
  public UserAccount own(String userName) {
    return byName(userName);
  }

  public Optional<UserAccount> findByUserName(String userName) {
    return userName == null ? Optional.empty() : accounts.findByUserName(userName);
  }

  /** These accounts, unchecked: for other services that show who holds a role. */
  public List<UserAccount> byIds(java.util.Collection<Long> ids) {
    return ids.isEmpty() ? List.of() : accounts.findAllById(ids);
  }

  /** What sign-in needs, looked up case-insensitively. */
  public Optional<LoginAccount> findForLogin(String userName) {
    return findByUserName(userName)
        .map(
            a ->
                new LoginAccount(
                    a.getId(), a.getUserName(), a.getPasswordHash(), a.getUserType(),
                    a.isLocked(), a.isAvailable()));
  }

  /** Whether a signed-in user may go on working, must change the password, or must leave. */
  public SignInState signInState(String userName) {
    return findByUserName(userName)
        .map(
            a -> {
              if (!a.canSignIn()) {
                return SignInState.BLOCKED;
              }
              return a.passwordChangeRequired(policy.getExpiryDays(), Instant.now())
                  ? SignInState.PASSWORD_CHANGE_REQUIRED
                  : SignInState.OK;
            })
        .orElse(SignInState.BLOCKED);
  }

  /** The language the user chose, if any (else the browser's applies). */
  public Optional<Locale> preferredLocale(String username) {
    return findByUserName(username)
        .map(UserAccount::getPreferredLocale)
        .map(Locale::forLanguageTag);
  }

  public long count() {
    return accounts.count();
  }

  // ---------------------------------------------------------------- administrators

  /** Creates an account with a one-time password, which is returned to show once. */
  @Transactional
  public CreatedAccount create(String actor, NewAccount command) {
    UserAccount admin = requireAdministrator(actor);
    Objects.requireNonNull(command, "command");
    validate(command);
    if (command.userType() == UserType.TECH_ADMIN) {
      requireRoot(admin);
    }
    NewAccount cmd =
        new NewAccount(command.userName().strip(), command.details().normalized(), command.userType());
    String oneTime = generator.generate(policy);
    UserAccount account = insert(cmd, oneTime, admin.getUserName());
    return new CreatedAccount(account, oneTime);
  }

  /**
   * An account for a person whom a single sign-on provider has just vouched for (just-in-time
   * creation, when switched on): an ordinary user without any study role, with a random password
   * that nobody is told (the caller makes the account SSO-only). The user name is {@code base}
   * made unique ({@code base-2}, {@code base-3}, ...) and never one that {@code reserved} names.
   * Audited as {@code account.create} by {@code system} with {@code reason}. Only for
   * {@link jp.ac.umin.libreclinica.core.identity.IdentityService}, after the provider's answer was
   * verified; there is no administrator to check.
   *
   * @return the new account, or empty when {@code details} do not make a valid account (nothing
   *     changed; the reason is for the caller to audit)
   */
  @Transactional
  public Optional<UserAccount> createJustInTime(
      String base, PersonDetails details, java.util.function.Predicate<String> reserved, String reason) {
    PersonDetails normalized = details.normalized();
    if (!validator.validate(new NewAccount("x", normalized, UserType.USER)).isEmpty()) {
      return Optional.empty();
    }
    String name = null;
    for (int i = 1; i <= 1000 && name == null; i++) {
      String suffix = i == 1 ? "" : "-" + i;
      String stem = base.length() + suffix.length() > UserAccount.MAX_USER_NAME
          ? base.substring(0, UserAccount.MAX_USER_NAME - suffix.length())
          : base;
      String candidate = stem + suffix;
      if (!reserved.test(candidate) && !accounts.existsByUserName(candidate)) {
        name = candidate;
      }
    }
    if (name == null) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    String password = generator.generate(policy);
    UserAccount account =
        UserAccount.create(name, normalized, UserType.USER, encoder.encode(password), SYSTEM_ACTOR, now);
    account = accounts.saveAndFlush(account);
    history.save(new PasswordHistoryEntry(account.getId(), account.getPasswordHash(), now));
    audit.record(
        AuditEvent.of("account.create", ENTITY, account.getId())
            .withActor(SYSTEM_ACTOR)
            .withNewValue(format(account.auditedFields()))
            .withReason(reason));
    return Optional.of(account);
  }

  /** Changes personal details and the user type of someone else's account. */
  @Transactional
  public UserAccount edit(
      String actor, long id, long expectedVersion, PersonDetails details, UserType type) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    requireVersion(target, expectedVersion);
    validate(details);
    Objects.requireNonNull(type, "type");
    if (type != target.getUserType()) {
      if (admin.getId().equals(target.getId())) {
        throw new PermissionDeniedException("account.type.ownChange");
      }
      if (type == UserType.TECH_ADMIN) {
        requireRoot(admin);
      }
    }
    Map<String, String> before = target.auditedFields();
    target.applyDetails(details.normalized());
    target.changeType(type);
    auditChange("account.edit", target, before, admin.getUserName());
    return target;
  }

  @Transactional
  public UserAccount lock(String actor, long id) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    requireNotSelf(admin, target, "account.lock.self");
    if (!target.isLocked()) {
      target.lock(Instant.now());
      target.touch(admin.getUserName(), Instant.now());
      audit.record(
          event("account.lock", target, admin.getUserName())
              .withOldValue("locked=false")
              .withNewValue("locked=true"));
    }
    return target;
  }

  /** Unlocks and clears the failed sign-in count. */
  @Transactional
  public UserAccount unlock(String actor, long id) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    if (target.isLocked() || target.getFailedLoginCount() > 0) {
      String old = "locked=" + target.isLocked() + "\nfailedLoginCount=" + target.getFailedLoginCount();
      target.unlock();
      target.touch(admin.getUserName(), Instant.now());
      audit.record(
          event("account.unlock", target, admin.getUserName())
              .withOldValue(old)
              .withNewValue("locked=false\nfailedLoginCount=0"));
    }
    return target;
  }

  /** Removes (never deletes) an account; the reason is required and audited. */
  @Transactional
  public UserAccount remove(String actor, long id, String reason) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    requireNotSelf(admin, target, "account.remove.self");
    if (reason != null && reason.strip().length() > UserAccount.MAX_REASON) {
      throw AccountException.onField("reason", "account.removalReason.tooLong");
    }
    if (!target.isAvailable()) {
      throw new AccountException("account.remove.alreadyRemoved");
    }
    target.remove(reason);
    target.touch(admin.getUserName(), Instant.now());
    audit.record(
        event("account.remove", target, admin.getUserName())
            .withOldValue("status=AVAILABLE")
            .withNewValue("status=REMOVED")
            .withReason(target.getRemovalReason()));
    return target;
  }

  @Transactional
  public UserAccount restore(String actor, long id) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    if (target.isAvailable()) {
      throw new AccountException("account.restore.notRemoved");
    }
    String reason = target.getRemovalReason();
    target.restore();
    target.touch(admin.getUserName(), Instant.now());
    audit.record(
        event("account.restore", target, admin.getUserName())
            .withOldValue("status=REMOVED\nremovalReason=" + reason)
            .withNewValue("status=AVAILABLE"));
    return target;
  }

  /** Gives the account a one-time password (returned, to show once) that must be changed. */
  @Transactional
  public String resetPassword(String actor, long id) {
    UserAccount admin = requireAdministrator(actor);
    UserAccount target = load(id);
    requireMayManage(admin, target);
    requireNotSelf(admin, target, "account.reset.self");
    String oneTime = generator.generate(policy);
    setPassword(target, oneTime, true);
    target.touch(admin.getUserName(), Instant.now());
    audit.record(
        event("account.password.reset", target, admin.getUserName())
            .withNewValue("mustChangePassword=true"));
    return oneTime;
  }

  // ---------------------------------------------------------------- the holder

  /** The holder changes the password, giving the current one. Clears a forced change. */
  @Transactional
  public void changeOwnPassword(String userName, String currentPassword, String newPassword) {
    UserAccount account = byName(userName);
    List<FieldProblem> problems = new ArrayList<>();
    if (currentPassword == null || !encoder.matches(currentPassword, account.getPasswordHash())) {
      problems.add(new FieldProblem("currentPassword", "account.password.currentWrong"));
    }
    problems.addAll(policy.check(account.getUserName(), newPassword, "newPassword"));
    if (problems.isEmpty() && usedBefore(account, newPassword)) {
      problems.add(
          new FieldProblem("newPassword", "password.policy.reused", Math.max(1, policy.getHistoryCount())));
    }
    if (!problems.isEmpty()) {
      throw new AccountValidationException(problems);
    }
    setPassword(account, newPassword, false);
    account.touch(account.getUserName(), Instant.now());
    audit.record(
        event("account.password.change", account, account.getUserName())
            .withNewValue("mustChangePassword=false"));
  }

  /** The holder edits the personal details and the language of the own account. */
  @Transactional
  public UserAccount editOwnProfile(
      String userName, long expectedVersion, PersonDetails details, Locale preferredLocale) {
    UserAccount account = byName(userName);
    requireVersion(account, expectedVersion);
    validate(details);
    Map<String, String> before = account.auditedFields();
    account.applyDetails(details.normalized());
    account.changePreferredLocale(preferredLocale);
    auditChange("account.profile.edit", account, before, account.getUserName());
    return account;
  }

  /** Remembers the language the user chose (null: follow the browser). */
  @Transactional
  public void changePreferredLocale(String username, Locale locale) {
    UserAccount account = byName(username);
    Map<String, String> before = account.auditedFields();
    account.changePreferredLocale(locale);
    auditChange("account.locale.change", account, before, account.getUserName());
  }

  /**
   * Remembers the study or site the holder works in (null: none), audited. Whether the holder
   * may work there is the study feature's check ({@code core.study.ActiveStudyService}), which
   * is the only caller.
   */
  @Transactional
  public void changeActiveStudy(String userName, Long studyId) {
    UserAccount account = byName(userName);
    Long before = account.getActiveStudyId();
    if (Objects.equals(before, studyId)) {
      return;
    }
    accounts.changeActiveStudy(account.getId(), studyId);
    audit.record(
        event("account.activeStudy", account, account.getUserName())
            .withStudyId(studyId)
            .withOldValue(before == null ? null : "activeStudyId=" + before)
            .withNewValue(studyId == null ? null : "activeStudyId=" + studyId));
  }

  // ---------------------------------------------------------------- sign-in bookkeeping

  /** A successful sign-in: clears the failed attempts and audits. */
  @Transactional
  public void recordLoginSuccess(String userName) {
    UserAccount account = byName(userName);
    accounts.resetFailedLogins(account.getId());
    audit.record(AuditEvent.of("login.success", ENTITY, account.getId()).withActor(account.getUserName()));
  }

  /**
   * A successful sign-in with a password: as {@link #recordLoginSuccess(String)}, and an account
   * whose password was set before web services had verifiers gets its verifier now, from the
   * password just checked, so that SOAP clients work without a password change.
   */
  @Transactional
  public void recordLoginSuccess(String userName, String password) {
    recordLoginSuccess(userName);
    UserAccount account = byName(userName);
    if (password != null && account.getWsPasswordVerifier() == null && account.getPasswordHash() != null
        && encoder.matches(password, account.getPasswordHash())) {
      account.changeWsPasswordVerifier(wsVerifier(password));
      audit.record(AuditEvent.of("account.wsVerifier.set", ENTITY, account.getId()).withActor(account.getUserName())
          .withReason("sign-in with the password"));
    }
  }

  /**
   * A failed sign-in with the user name as typed: audited on its own (it must stay even though
   * nothing else commits), counted, and the account locked at {@code lc.login.max-failures}.
   *
   * @return whether this attempt locked the account
   */
  @Transactional
  public boolean recordLoginFailure(String attemptedUserName, String reasonCode) {
    String attempted = clip(attemptedUserName);
    Optional<UserAccount> found =
        attempted == null || attempted.isBlank() ? Optional.empty() : accounts.findByUserName(attempted);
    audit.recordIndependently(
        AuditEvent.of("login.failure", ENTITY, found.map(UserAccount::getId).orElse(null))
            .withActor(attempted == null ? "" : attempted)
            .withReason(reasonCode));
    if (found.isEmpty() || !found.get().canSignIn()) {
      return false;
    }
    long id = found.get().getId();
    accounts.incrementFailedLogins(id);
    boolean lockedNow = accounts.lockIfTooManyFailures(id, maxFailures, Instant.now()) == 1;
    if (lockedNow) {
      audit.record(
          AuditEvent.of("login.lockout", ENTITY, id)
              .withActor(found.get().getUserName())
              .withOldValue("locked=false")
              .withNewValue("locked=true")
              .withReason("failed sign-ins reached " + maxFailures));
    }
    return lockedNow;
  }

  /**
   * A wrong password given to prove presence (electronic signature, password required on
   * completion): counted like a failed sign-in, in its own transaction so that it stays although
   * the refused action rolls back, and the account is locked at {@code lc.login.max-failures}.
   *
   * @return whether this attempt locked the account
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
  public boolean recordReauthenticationFailure(String userName) {
    Optional<UserAccount> found = findByUserName(userName);
    if (found.isEmpty() || !found.get().canSignIn()) {
      return false;
    }
    long id = found.get().getId();
    accounts.incrementFailedLogins(id);
    boolean lockedNow = accounts.lockIfTooManyFailures(id, maxFailures, Instant.now()) == 1;
    if (lockedNow) {
      audit.record(
          AuditEvent.of("login.lockout", ENTITY, id)
              .withActor(found.get().getUserName())
              .withOldValue("locked=false")
              .withNewValue("locked=true")
              .withReason("failed re-authentications reached " + maxFailures));
    }
    return lockedNow;
  }

  @Transactional
  public void recordLogout(String userName) {
    Long id = findByUserName(userName).map(UserAccount::getId).orElse(null);
    audit.record(AuditEvent.of("logout", ENTITY, id).withActor(userName));
  }

  // ---------------------------------------------------------------- first start

  /**
   * On an empty database, creates the technical administrator {@code admin} with the given
   * password, or a generated one when none is given; either way it must be changed at first
   * sign-in.
   *
   * @return the created account and its password (generated or not), or empty when accounts
   *     exist already
   */
  @Transactional
  public Optional<CreatedAccount> createInitialAdministrator(String configuredPassword) {
    if (accounts.count() > 0) {
      return Optional.empty();
    }
    String password =
        configuredPassword == null || configuredPassword.isBlank()
            ? generator.generate(policy)
            : configuredPassword;
    NewAccount cmd =
        new NewAccount(
            "admin",
            new PersonDetails("System", "Administrator", "admin@localhost.invalid", null, null),
            UserType.TECH_ADMIN);
    return Optional.of(new CreatedAccount(insert(cmd, password, SYSTEM_ACTOR), password));
  }

  /** The problems a configured initial password has with the policy (for a warning). */
  public List<FieldProblem> checkAgainstPolicy(String userName, String password) {
    return policy.check(userName, password, "password");
  }

  // ---------------------------------------------------------------- helpers

  private UserAccount insert(NewAccount cmd, String password, String actor) {
    if (accounts.existsByUserName(cmd.userName())) {
      throw duplicateUserName();
    }
    Instant now = Instant.now();
    UserAccount account =
        UserAccount.create(
            cmd.userName(), cmd.details(), cmd.userType(), encoder.encode(password), actor, now);
    account.changeWsPasswordVerifier(wsVerifier(password));
    try {
      account = accounts.saveAndFlush(account);
    } catch (DataIntegrityViolationException e) {
      // Someone created the same name between the check and the insert.
      throw duplicateUserName();
    }
    history.save(new PasswordHistoryEntry(account.getId(), account.getPasswordHash(), now));
    audit.record(
        AuditEvent.of("account.create", ENTITY, account.getId())
            .withActor(actor)
            .withNewValue(format(account.auditedFields())));
    return account;
  }

  private static AccountValidationException duplicateUserName() {
    return new AccountValidationException(
        List.of(new FieldProblem("userName", "account.userName.duplicate")));
  }

  private void setPassword(UserAccount account, String password, boolean oneTime) {
    Instant now = Instant.now();
    String hash = encoder.encode(password);
    account.changePassword(hash, oneTime, now);
    account.changeWsPasswordVerifier(wsVerifier(password));
    history.save(new PasswordHistoryEntry(account.getId(), hash, now));
  }

  /**
   * The verifier of the password for SOAP clients, which send its SHA-1 hex digest: a password
   * hash of the digest, so the digest itself is never stored.
   */
  private String wsVerifier(String password) {
    return encoder.encode(WebServicesDigest.of(password));
  }

  // ---------------------------------------------------------------- web services

  /**
   * Whether {@code digest} (the SHA-1 hex digest a SOAP client sends as PasswordText) is the
   * digest of the account's current password. False when the account cannot sign in, or when its
   * password was set before web services had verifiers and it has not signed in since.
   */
  public boolean webServicesPasswordMatches(String userName, String digest) {
    return findByUserName(userName)
        .filter(UserAccount::canSignIn)
        .map(UserAccount::getWsPasswordVerifier)
        .filter(v -> digest != null && encoder.matches(WebServicesDigest.normalise(digest), v))
        .isPresent();
  }

  /** A successful web-services call: clears earlier failed attempts (not audited per call). */
  @Transactional
  public void recordWebServicesSuccess(String userName) {
    findByUserName(userName)
        .filter(a -> a.getFailedLoginCount() > 0)
        .ifPresent(a -> accounts.resetFailedLogins(a.getId()));
  }

  private boolean usedBefore(UserAccount account, String password) {
    if (encoder.matches(password, account.getPasswordHash())) {
      return true;
    }
    int n = policy.getHistoryCount();
    if (n == 0) {
      return false;
    }
    return history.findLatest(account.getId(), PageRequest.of(0, n)).stream()
        .anyMatch(h -> encoder.matches(password, h.getPasswordHash()));
  }

  private UserAccount requireAdministrator(String actor) {
    UserAccount admin = accounts.findByUserName(actor).orElse(null);
    authorization.require(admin, null, Permission.ADMINISTER_USERS);
    return admin;
  }

  private void requireRoot(UserAccount admin) {
    if (!authorization.isPermitted(admin, null, Permission.MANAGE_TECH_ADMINS)) {
      throw new PermissionDeniedException("account.denied.techAdmin");
    }
  }

  // Upstream defect OC-2306: the guard must cover every technical administrator, not one id.
  private void requireMayManage(UserAccount admin, UserAccount target) {
    if (target.getUserType() == UserType.TECH_ADMIN) {
      requireRoot(admin);
    }
  }

  private static void requireNotSelf(UserAccount admin, UserAccount target, String key) {
    if (admin.getId().equals(target.getId())) {
      throw new AccountException(key);
    }
  }

  private static void requireVersion(UserAccount account, long expectedVersion) {
    if (account.getVersion() != expectedVersion) {
      throw new AccountException("account.stale");
    }
  }

  private UserAccount load(long id) {
    return accounts.findById(id).orElseThrow(() -> new AccountNotFoundException(id));
  }

  private UserAccount byName(String userName) {
    return findByUserName(userName).orElseThrow(() -> new AccountNotFoundException(userName));
  }

  private void validate(Object command) {
    var violations = validator.validate(command);
    if (violations.isEmpty()) {
      return;
    }
    List<FieldProblem> problems =
        violations.stream()
            .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
            .map(
                v ->
                    new FieldProblem(
                        fieldName(v.getPropertyPath().toString()), key(v.getMessageTemplate())))
            .toList();
    throw new AccountValidationException(problems);
  }

  private static String fieldName(String path) {
    return path.startsWith("details.") ? path.substring("details.".length()) : path;
  }

  private static String key(String template) {
    return template.startsWith("{") && template.endsWith("}")
        ? template.substring(1, template.length() - 1)
        : template;
  }

  private void auditChange(String action, UserAccount account, Map<String, String> before, String actor) {
    Map<String, String> after = account.auditedFields();
    Map<String, String> oldValues = new java.util.LinkedHashMap<>();
    Map<String, String> newValues = new java.util.LinkedHashMap<>();
    for (var e : after.entrySet()) {
      String old = before.get(e.getKey());
      if (!Objects.equals(old, e.getValue())) {
        oldValues.put(e.getKey(), old);
        newValues.put(e.getKey(), e.getValue());
      }
    }
    if (newValues.isEmpty()) {
      return;
    }
    account.touch(actor, Instant.now());
    audit.record(
        event(action, account, actor).withOldValue(format(oldValues)).withNewValue(format(newValues)));
  }

  private static AuditEvent event(String action, UserAccount account, String actor) {
    return AuditEvent.of(action, ENTITY, account.getId()).withActor(actor);
  }

  /** One {@code field=value} per line; null values as empty. */
  static String format(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + (e.getValue() == null ? "" : e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  private static String clip(String s) {
    if (s == null) {
      return null;
    }
    return s.length() <= MAX_AUDITED_NAME ? s : s.substring(0, MAX_AUDITED_NAME);
  }
}
