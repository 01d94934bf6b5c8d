package jp.ac.umin.libreclinica.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.SignInState;
import org.springframework.security.authentication.AccountExpiredException;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * What happens around form sign-in: successes, failures (with the user name as typed) and
 * sign-outs go to the audit trail; a user with exactly one study starts in it; failures count towards the lockout; a user who must change
 * the password goes straight to that page. The page itself shows one message for every
 * failure, so nobody learns whether the name or the password was wrong.
 */
final class LoginAuditHandlers {

  static final String CHANGE_PASSWORD_PATH = "/account/password";

  private LoginAuditHandlers() {}

  static final class Success extends SavedRequestAwareAuthenticationSuccessHandler {
    private final AccountService accounts;
    private final ActiveStudyService activeStudies;

    Success(AccountService accounts, ActiveStudyService activeStudies) {
      this.accounts = accounts;
      this.activeStudies = activeStudies;
      setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(
        HttpServletRequest request, HttpServletResponse response, Authentication authentication)
        throws ServletException, IOException {
      // the form's password (j_password on LibreClinica's script login) also sets a missing
      // web-services verifier
      String password = request.getParameter("password");
      accounts.recordLoginSuccess(authentication.getName(),
          password != null ? password : request.getParameter("j_password"));
      // LibreClinica opens the only study of a user straight away
      activeStudies.chooseIfOnlyOne(authentication.getName());
      if (accounts.signInState(authentication.getName()) == SignInState.PASSWORD_CHANGE_REQUIRED) {
        clearAuthenticationAttributes(request);
        getRedirectStrategy().sendRedirect(request, response, CHANGE_PASSWORD_PATH);
        return;
      }
      super.onAuthenticationSuccess(request, response, authentication);
    }
  }

  static final class Failure extends SimpleUrlAuthenticationFailureHandler {
    private final AccountService accounts;

    Failure(AccountService accounts) {
      super("/login?error");
      this.accounts = accounts;
    }

    @Override
    public void onAuthenticationFailure(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
        throws IOException, ServletException {
      String reason =
          exception instanceof LockedException
              ? "locked"
              : exception instanceof DisabledException
                  ? "removed"
                  : exception instanceof AccountExpiredException
                      // what AccountPrincipal says when a sign-on extension refuses the password way
                      ? "local-not-allowed"
                      : "bad-credentials";
      accounts.recordLoginFailure(request.getParameter("username"), reason);
      super.onAuthenticationFailure(request, response, exception);
    }
  }

  static final class Logout implements LogoutHandler {
    private final AccountService accounts;

    Logout(AccountService accounts) {
      this.accounts = accounts;
    }

    @Override
    public void logout(
        HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
      if (authentication != null) {
        accounts.recordLogout(authentication.getName());
      }
    }
  }
}
