package jp.ac.umin.libreclinica.ws.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** 401 and 403 of the API as problem details, with the RFC 6750 challenge. */
class ApiAuthenticationEntryPoint
    implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler {

  private final ApiProblems problems;

  ApiAuthenticationEntryPoint(ApiProblems problems) {
    this.problems = problems;
  }

  /** No (usable) credentials on a request that needs them. */
  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    problems.write(request, response, 401, "api.error.unauthorized", null, null);
  }

  /** A token was presented and refused. */
  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    problems.write(request, response, 401, "api.error.tokenRefused", null, null);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    problems.write(request, response, 403, "api.error.forbidden", null, null);
  }
}
