package jp.ac.umin.libreclinica.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.LoginAccount;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Completes a sign-in that an extension verified elsewhere (an identity provider): the account
 * becomes the signed-in {@link AccountPrincipal}, in a new session id (no fixation) with a new
 * CSRF token. The extension has audited the sign-in already.
 */
@Component
public class ExternalSignOn {

  private final AccountService accounts;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final CsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();

  public ExternalSignOn(AccountService accounts) {
    this.accounts = accounts;
  }

  /**
   * Signs in the named account as having come through {@code method} (e.g. {@code sso:umin}).
   *
   * @return false when the account cannot sign in (gone, locked or removed); nothing changed
   */
  public boolean signIn(
      HttpServletRequest request, HttpServletResponse response, String userName, String method) {
    LoginAccount account = accounts.findForLogin(userName).orElse(null);
    if (account == null || account.locked() || !account.available()) {
      return false;
    }
    AccountPrincipal principal = AccountPrincipal.external(account, method);
    HttpSession existing = request.getSession(false);
    if (existing != null) {
      request.changeSessionId();
    } else {
      request.getSession(true);
    }
    csrfTokens.saveToken(null, request, response);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    return true;
  }
}
