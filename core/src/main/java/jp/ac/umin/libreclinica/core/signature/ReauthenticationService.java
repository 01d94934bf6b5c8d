package jp.ac.umin.libreclinica.core.signature;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordReauthentication;
import jp.ac.umin.libreclinica.core.account.SignerReauthentication;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import org.springframework.stereotype.Service;

/**
 * Proves that the person at the keyboard is the signed-in user, before a signature or the
 * completion of a CRF whose event definition asks for the password. It picks the {@link
 * SignerReauthentication} that fits the account: the password for accounts that may sign in
 * locally ({@link PasswordReauthentication}); for accounts that sign in only through single
 * sign-on, the identity provider's forced re-authentication, which the single sign-on module
 * contributes as another bean. Until it does, such accounts are refused with a message that says
 * so. A wrong password counts towards the account's lockout like a failed sign-in.
 *
 * <p>For single sign-on accounts the page first sends the browser to {@link #redirectFor}; the way
 * chosen there (by the way the signer signed in, e.g. {@code saml:umin} or {@code oidc:campus})
 * is remembered for that user, and {@link #requirePresence} then asks the same way whether the
 * identity provider confirmed the signer within the last five minutes.
 */
@Service
public class ReauthenticationService {

  private final List<SignerReauthentication> ways;
  private final IdentityService identities;
  private final AccountService accounts;
  private final Clock clock;
  /** The identity-provider way last offered to each single sign-on signer. */
  private final Map<String, SignerReauthentication> offered = new ConcurrentHashMap<>();

  public ReauthenticationService(
      List<SignerReauthentication> ways,
      IdentityService identities,
      AccountService accounts,
      Clock clock) {
    this.ways = ways;
    this.identities = identities;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Whether the user proves presence with a password on the page (else at the IdP). */
  public boolean asksForPassword(String userName) {
    return identities.localSignInAllowed(userName);
  }

  /**
   * Where the browser of a single sign-on signer goes to prove presence at the identity provider,
   * coming back to {@code returnPath}; empty for accounts that give their password on the page, or
   * when no identity-provider way is available (signing is then refused with the reason).
   *
   * @param signInMethod how the user signed in this session ({@code saml:umin}, {@code oidc:campus},
   *     {@code header:umin}); may be null
   */
  public Optional<String> redirectFor(String userName, String signInMethod, String returnPath) {
    if (identities.localSignInAllowed(userName)) {
      return Optional.empty();
    }
    Optional<SignerReauthentication> way = ssoWay(signInMethod);
    way.ifPresent(w -> offered.put(userName, w));
    return way.flatMap(w -> w.redirectFor(userName, returnPath));
  }

  private Optional<SignerReauthentication> ssoWay(String signInMethod) {
    List<SignerReauthentication> sso =
        ways.stream().filter(w -> !w.appliesTo(PasswordReauthentication.LOCAL)).toList();
    if (signInMethod != null) {
      for (SignerReauthentication w : sso) {
        if (w.appliesTo(signInMethod)) {
          return Optional.of(w);
        }
      }
    }
    return sso.stream().filter(w -> w.appliesTo("sso")).findFirst();
  }

  /**
   * Throws {@link SignatureException} unless {@code userName} proves presence now; a refusal
   * names the form field {@code password}. A wrong password is counted before the refusal.
   */
  public void requirePresence(String userName, String password) {
    boolean local = identities.localSignInAllowed(userName);
    SignerReauthentication way =
        (local
                ? ways.stream().filter(w -> w.appliesTo(PasswordReauthentication.LOCAL)).findFirst()
                : Optional.ofNullable(offered.get(userName)).or(() -> ssoWay(null)))
            .orElseThrow(() -> new SignatureException("signature.reauth.ssoNotAvailable"));
    if (local && (password == null || password.isEmpty())) {
      throw SignatureException.onField("password", "signature.reauth.passwordRequired");
    }
    if (!way.proven(userName, password, clock.instant().minusSeconds(300))) {
      if (!local) {
        throw new SignatureException("signature.reauth.idpRequired");
      }
      boolean lockedNow = local && accounts.recordReauthenticationFailure(userName);
      throw SignatureException.onField(
          "password", lockedNow ? "signature.reauth.lockedOut" : "signature.reauth.failed");
    }
  }
}
