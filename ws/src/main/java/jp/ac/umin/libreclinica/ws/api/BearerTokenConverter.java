package jp.ac.umin.libreclinica.ws.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Reads {@code Authorization: Bearer <token>} (RFC 6750); no header means no attempt. */
class BearerTokenConverter implements AuthenticationConverter {

  private static final String SCHEME = "bearer ";

  @Override
  public Authentication convert(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String token = header.substring(SCHEME.length()).strip();
    if (token.isEmpty() || token.length() > 512) {
      throw new BadCredentialsException("malformed bearer token");
    }
    return ApiTokenAuthentication.unauthenticated(token);
  }
}
