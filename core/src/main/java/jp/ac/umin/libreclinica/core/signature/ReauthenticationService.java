package jp.ac.umin.libreclinica.core.signature;

import java.time.Clock;
import java.util.List;
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
 */
@Service
public class ReauthenticationService {

  private final List<SignerReauthentication> ways;
  private final IdentityService identities;
  private final AccountService accounts;
  private final Clock clock;

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
   * Throws {@link SignatureException} unless {@code userName} proves presence now; a refusal
   * names the form field {@code password}. A wrong password is counted before the refusal.
   */
  public void requirePresence(String userName, String password) {
    boolean local = identities.localSignInAllowed(userName);
    SignerReauthentication way =
        ways.stream()
            .filter(w -> local
                ? w.appliesTo(PasswordReauthentication.LOCAL)
                : !w.appliesTo(PasswordReauthentication.LOCAL) && w.appliesTo("sso"))
            .findFirst()
            .orElseThrow(() -> new SignatureException("signature.reauth.ssoNotAvailable"));
    if (local && (password == null || password.isEmpty())) {
      throw SignatureException.onField("password", "signature.reauth.passwordRequired");
    }
    if (!way.proven(userName, password, clock.instant().minusSeconds(300))) {
      boolean lockedNow = local && accounts.recordReauthenticationFailure(userName);
      throw SignatureException.onField(
          "password", lockedNow ? "signature.reauth.lockedOut" : "signature.reauth.failed");
    }
  }
}
