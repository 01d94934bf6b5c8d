package jp.ac.umin.libreclinica.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;

/**
 * After the local session has ended: a user who signed in through an extension may be sent on
 * to the identity provider's logout; everybody else sees the sign-in page.
 */
final class ExtensionLogoutSuccessHandler extends SimpleUrlLogoutSuccessHandler {

  private final List<SignOnExtension> extensions;

  ExtensionLogoutSuccessHandler(List<SignOnExtension> extensions) {
    this.extensions = extensions;
    setDefaultTargetUrl("/login?logout");
  }

  @Override
  public void onLogoutSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, jakarta.servlet.ServletException {
    if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal p && p.isExternal()) {
      for (SignOnExtension e : extensions) {
        Optional<String> target = e.logoutRedirect(request, p);
        if (target.isPresent()) {
          getRedirectStrategy().sendRedirect(request, response, target.get());
          return;
        }
      }
    }
    super.onLogoutSuccess(request, response, authentication);
  }
}
