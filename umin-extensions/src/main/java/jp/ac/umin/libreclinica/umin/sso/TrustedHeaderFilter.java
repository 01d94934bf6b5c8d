package jp.ac.umin.libreclinica.umin.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.ac.umin.libreclinica.core.identity.ExternalSignIn;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in through a Shibboleth SP (or another SP) in front of the application: at the login path,
 * which the SP protects, the user and the released attributes arrive in request headers (or AJP
 * request attributes). They
 * are believed only from a configured proxy address (the direct peer, never a forwarded-for
 * header); the same headers from anywhere else are ignored, audited, and the user sees why.
 */
final class TrustedHeaderFilter extends OncePerRequestFilter {

  static final String PROTOCOL = "header";

  private final SsoProperties.TrustedHeader config;
  private final List<IpAddressMatcher> proxies;
  private final SsoSignInCompletion completion;

  TrustedHeaderFilter(SsoProperties.TrustedHeader config, SsoSignInCompletion completion) {
    this.config = config;
    this.completion = completion;
    this.proxies =
        config.getTrustedProxies().stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(IpAddressMatcher::new)
            .toList();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !path.equals(config.getLoginPath());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String provider = config.getProvider();
    String displayId = header(request, config.getDisplayIdHeader());
    if (!fromTrustedProxy(request.getRemoteAddr())) {
      completion.fail(request, response, provider, displayId, "untrusted-proxy");
      return;
    }
    String subject = header(request, config.getSubjectHeader());
    if (subject == null || displayId == null) {
      completion.fail(request, response, provider, displayId, "missing-attributes");
      return;
    }
    completion.complete(
        request,
        response,
        PROTOCOL,
        new ExternalSignIn(
            provider,
            subject,
            displayId,
            header(request, config.getMailHeader()),
            header(request, config.getNameHeader()),
            header(request, config.getGivenNameHeader()),
            header(request, config.getFamilyNameHeader()),
            request.getRemoteAddr()));
  }

  boolean fromTrustedProxy(String address) {
    return address != null && proxies.stream().anyMatch(m -> m.matches(address));
  }

  /**
   * The first of the values (mod_shib joins several with {@code ;}): from a request attribute
   * when the SP passes attributes over AJP, else from the header. Tomcat reads header bytes as
   * ISO-8859-1 and mod_shib sends UTF-8, so header values are decoded again.
   */
  static String header(HttpServletRequest request, String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String decoded;
    if (request.getAttribute(name) instanceof String attribute) {
      decoded = attribute;
    } else {
      String raw = request.getHeader(name);
      if (raw == null) {
        return null;
      }
      decoded = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
    for (String part : decoded.split(";")) {
      String v = part.replace("\\;", ";").strip();
      if (!v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
