package jp.ac.umin.libreclinica.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the signed-in account on every request: a locked or removed account's session ends
 * at once (an administrator's lock works without waiting for a time-out), and a user who must
 * change the password (first sign-in, after a reset, expired) reaches nothing but that page.
 */
final class PasswordChangeFilter extends OncePerRequestFilter {

  private static final List<String> STATIC = List.of("/css/", "/js/", "/img/", "/favicon.ico", "/error", "/actuator/");
  private static final List<String> ALLOWED_DURING_CHANGE =
      List.of(LoginAuditHandlers.CHANGE_PASSWORD_PATH, "/logout", "/login");

  private final AccountService accounts;

  PasswordChangeFilter(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (auth == null || !(auth.getPrincipal() instanceof AccountPrincipal principal) || startsWithAny(path, STATIC)) {
      chain.doFilter(request, response);
      return;
    }
    switch (accounts.signInState(principal.getUsername())) {
      case BLOCKED -> {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login?error");
      }
      case PASSWORD_CHANGE_REQUIRED -> {
        // Who signed in at an identity provider used no password here: nothing to change.
        if (principal.isExternal() || ALLOWED_DURING_CHANGE.contains(path)) {
          chain.doFilter(request, response);
        } else {
          response.sendRedirect(request.getContextPath() + LoginAuditHandlers.CHANGE_PASSWORD_PATH);
        }
      }
      case OK -> chain.doFilter(request, response);
    }
  }

  private static boolean startsWithAny(String path, List<String> prefixes) {
    return prefixes.stream().anyMatch(path::startsWith);
  }
}
