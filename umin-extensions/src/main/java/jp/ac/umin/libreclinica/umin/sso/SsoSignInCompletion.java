package jp.ac.umin.libreclinica.umin.sso;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import jp.ac.umin.libreclinica.core.identity.ExternalSignIn;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.core.identity.JustInTime;
import jp.ac.umin.libreclinica.core.identity.SignInResult;
import jp.ac.umin.libreclinica.web.security.ExternalSignOn;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * What every protocol does once the provider's answer is verified: find the account through
 * the identities (audited there), sign it in, and go where the user was going; or back to the
 * sign-in page with the reason, and no session.
 */
public class SsoSignInCompletion {

  private final IdentityService identities;
  private final ExternalSignOn signOn;
  private final JustInTime jit;

  public SsoSignInCompletion(IdentityService identities, ExternalSignOn signOn) {
    this(identities, signOn, JustInTime.OFF);
  }

  /** With {@code jit} on, unknown verified identities get a new account (see {@link IdentityService#signIn(ExternalSignIn, JustInTime)}). */
  public SsoSignInCompletion(IdentityService identities, ExternalSignOn signOn, JustInTime jit) {
    this.identities = identities;
    this.signOn = signOn;
    this.jit = jit;
  }

  /** Completes a verified sign-in through {@code protocol} ({@code header}, {@code saml}, {@code oidc}). */
  public void complete(
      HttpServletRequest request, HttpServletResponse response, String protocol, ExternalSignIn in)
      throws IOException, ServletException {
    SignInResult result = identities.signIn(in, jit);
    if (!result.succeeded()) {
      refuse(request, response, result.failure());
      return;
    }
    if (!signOn.signIn(request, response, result.userName(), protocol + ":" + in.provider())) {
      refuse(request, response, "account-blocked");
      return;
    }
    SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
    next.setDefaultTargetUrl("/");
    next.onAuthenticationSuccess(request, response, SecurityContextHolder.getContext().getAuthentication());
  }

  /** A failure before the identities were asked: audited with the reason, then the sign-in page. */
  public void fail(
      HttpServletRequest request,
      HttpServletResponse response,
      String provider,
      String attempted,
      String reason)
      throws IOException {
    identities.recordFailure(provider, attempted, reason, request.getRemoteAddr());
    refuse(request, response, reason);
  }

  static void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
      throws IOException {
    response.sendRedirect(
        request.getContextPath() + "/login?problem=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
  }
}
