package jp.ac.umin.libreclinica.core.wsauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.AccountNotFoundException;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.SignInState;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.WebServicesDigest;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the credentials of SOAP requests and manages web-services keys.
 *
 * <p>A request's PasswordText is the SHA-1 hex digest of either the account's password (when
 * the account may sign in locally and its password needs no change) or its active web-services
 * key. Every failure is audited and counts toward the account lockout like a failed sign-in in
 * the pages ({@link AccountService#recordLoginFailure}).
 */
@Service
@Transactional(readOnly = true)
public class WebServicesCredentialService {

  static final String ENTITY = "ws_key";
  /** The refusal of every failed check: the client is not told which part was wrong. */
  public static final String FAILED = "ws.auth.failed";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccountService accounts;
  private final IdentityService identities;
  private final WsKeyRepository keys;
  private final PasswordEncoder encoder;
  private final AuditService audit;
  private final Clock clock;
  private final VerificationCache cache;

  public WebServicesCredentialService(
      AccountService accounts,
      IdentityService identities,
      WsKeyRepository keys,
      PasswordEncoder encoder,
      AuditService audit,
      Clock clock,
      @Value("${lc.ws.auth-cache-ttl:PT60S}") Duration cacheTtl,
      @Value("${lc.ws.auth-cache-max-entries:10000}") int cacheMaxEntries) {
    this.cache = new VerificationCache(cacheTtl, cacheMaxEntries, clock);
    this.accounts = accounts;
    this.identities = identities;
    this.keys = keys;
    this.encoder = encoder;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Checks a UsernameToken. A failure is recorded (audited, counted, possibly locking the
   * account) and committed with this transaction, so the caller must not roll it back.
   */
  @Transactional
  public WebServicesSignIn authenticate(String userName, String digest) {
    String name = userName == null ? "" : userName.strip();
    Optional<UserAccount> found = accounts.findByUserName(name);
    if (found.isEmpty() || digest == null || digest.isBlank() || !found.get().canSignIn()) {
      cache.forget(name);
      accounts.recordLoginFailure(name, found.isEmpty() ? "ws.unknownUser" : "ws.refused");
      return new WebServicesSignIn(name, Optional.empty(), FAILED);
    }
    UserAccount account = found.get();
    Optional<Locale> locale =
        Optional.ofNullable(account.getPreferredLocale()).map(Locale::forLanguageTag);
    String normalised = WebServicesDigest.normalise(digest);
    VerificationCache.Stamp remembered = cache.get(account.getUserName(), normalised);
    if (remembered != null && stillHolds(account, remembered)) {
      cache.hit();
      accounts.recordWebServicesSuccess(account.getUserName());
      return new WebServicesSignIn(account.getUserName(), locale, null);
    }
    VerificationCache.Stamp matched = passwordMatches(account, digest);
    if (matched == null) {
      matched = keyMatches(account, digest);
    }
    if (matched != null) {
      cache.put(account.getUserName(), normalised, matched);
      accounts.recordWebServicesSuccess(account.getUserName());
      return new WebServicesSignIn(account.getUserName(), locale, null);
    }
    cache.forget(account.getUserName());
    accounts.recordLoginFailure(account.getUserName(), "ws.badCredentials");
    return new WebServicesSignIn(account.getUserName(), locale, FAILED);
  }

  /**
   * Whether a remembered success still stands without hashing again: the account unchanged
   * since (no new password, no lock: both change its version), and the password still usable
   * or the same key still active.
   */
  private boolean stillHolds(UserAccount account, VerificationCache.Stamp s) {
    if (s.accountVersion() != account.getVersion()
        || !java.util.Objects.equals(s.passwordChangedAt(), account.getPasswordChangedAt())) {
      cache.forget(account.getUserName());
      return false;
    }
    if (s.keyId() == null) {
      return identities.localSignInAllowed(account.getUserName())
          && accounts.signInState(account.getUserName()) == SignInState.OK;
    }
    Optional<WsKey> key = keys.findByAccountIdAndStatus(account.getId(), WsKeyStatus.ACTIVE);
    if (key.isPresent() && key.get().getId().equals(s.keyId())) {
      keys.touch(key.get().getId(), clock.instant());
      return true;
    }
    return false;
  }

  private VerificationCache.Stamp passwordMatches(UserAccount account, String digest) {
    boolean ok = identities.localSignInAllowed(account.getUserName())
        && accounts.signInState(account.getUserName()) == SignInState.OK
        && accounts.webServicesPasswordMatches(account.getUserName(), digest);
    return ok ? new VerificationCache.Stamp(account.getVersion(), account.getPasswordChangedAt(), null) : null;
  }

  private VerificationCache.Stamp keyMatches(UserAccount account, String digest) {
    Optional<WsKey> key = keys.findByAccountIdAndStatus(account.getId(), WsKeyStatus.ACTIVE);
    if (key.isPresent()
        && encoder.matches(WebServicesDigest.normalise(digest), key.get().getVerifier())) {
      keys.touch(key.get().getId(), clock.instant());
      return new VerificationCache.Stamp(account.getVersion(), account.getPasswordChangedAt(), key.get().getId());
    }
    return null;
  }

  /** Checks answered from remembered successes, without hashing (tests and monitoring). */
  public long cachedVerifications() {
    return cache.hits();
  }

  /** Forgets the user's remembered successes: the next call is checked in full. */
  public void forgetVerifications(String userName) {
    cache.forget(userName);
  }

  /** The holder's active key, if any (never the key itself). */
  public Optional<WsKey> activeKey(String userName) {
    return keys.findByAccountIdAndStatus(own(userName).getId(), WsKeyStatus.ACTIVE);
  }

  /**
   * Issues a new key to the holder, revoking the one they had; the key is returned to be shown
   * once and cannot be read again.
   */
  @Transactional
  public String issueKey(String userName) {
    UserAccount account = own(userName);
    Instant now = clock.instant();
    revokeActive(account, now);
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String secret = "lcws_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hint = secret.substring(secret.length() - 4);
    WsKey key =
        keys.saveAndFlush(
            new WsKey(account.getId(), encoder.encode(WebServicesDigest.of(secret)), hint, now));
    audit.record(
        AuditEvent.of("ws.key.issue", ENTITY, key.getId())
            .withActor(account.getUserName())
            .withNewValue("accountId=" + account.getId() + "\nhint=" + hint));
    return secret;
  }

  /** Revokes the holder's active key, if any. */
  @Transactional
  public boolean revokeKey(String userName) {
    return revokeActive(own(userName), clock.instant());
  }

  private boolean revokeActive(UserAccount account, Instant now) {
    Optional<WsKey> active = keys.findByAccountIdAndStatus(account.getId(), WsKeyStatus.ACTIVE);
    cache.forget(account.getUserName());
    active.ifPresent(
        k -> {
          k.revoke(account.getUserName(), now);
          keys.saveAndFlush(k);
          audit.record(
              AuditEvent.of("ws.key.revoke", ENTITY, k.getId())
                  .withActor(account.getUserName())
                  .withOldValue("status=ACTIVE")
                  .withNewValue("status=REVOKED"));
        });
    return active.isPresent();
  }

  private UserAccount own(String userName) {
    return accounts
        .findByUserName(userName)
        .orElseThrow(() -> new AccountNotFoundException(userName));
  }
}
