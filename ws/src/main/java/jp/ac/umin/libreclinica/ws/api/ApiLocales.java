package jp.ac.umin.libreclinica.ws.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of an API response: the caller's {@code Accept-Language}, else English. The
 * API keeps no session, so a language chosen in the pages does not apply.
 */
public final class ApiLocales {

  private static final AcceptHeaderLocaleResolver RESOLVER = new AcceptHeaderLocaleResolver();

  static {
    RESOLVER.setDefaultLocale(Locale.ENGLISH);
  }

  private ApiLocales() {}

  public static Locale of(HttpServletRequest request) {
    return RESOLVER.resolveLocale(request);
  }
}
