package jp.ac.umin.libreclinica.web.i18n;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Chooses the language of a request: the signed-in user's saved choice, else the choice made
 * in this session, else the browser's Accept-Language, else the server default
 * ({@code LC_DEFAULT_LOCALE}). Only offered languages are ever chosen.
 */
public class UiLocaleResolver implements LocaleResolver {

  static final String SESSION_ATTRIBUTE = UiLocaleResolver.class.getName() + ".LOCALE";
  private static final String REQUEST_CACHE = UiLocaleResolver.class.getName() + ".RESOLVED";

  private final UiLanguages languages;
  private final Optional<UserLocalePreferences> preferences;

  public UiLocaleResolver(UiLanguages languages, Optional<UserLocalePreferences> preferences) {
    this.languages = languages;
    this.preferences = preferences;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    Object cached = request.getAttribute(REQUEST_CACHE);
    if (cached instanceof Locale locale) {
      return locale;
    }
    Locale resolved = resolve(request);
    request.setAttribute(REQUEST_CACHE, resolved);
    return resolved;
  }

  private Locale resolve(HttpServletRequest request) {
    String user = currentUser();
    if (user != null && preferences.isPresent()) {
      Optional<Locale> saved = preferences.get().find(user).flatMap(languages::offered);
      if (saved.isPresent()) {
        return saved.get();
      }
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Locale chosen) {
      Optional<Locale> offered = languages.offered(chosen);
      if (offered.isPresent()) {
        return offered.get();
      }
    }
    if (request.getHeader("Accept-Language") != null) {
      List<Locale.LanguageRange> ranges;
      try {
        ranges = Locale.LanguageRange.parse(request.getHeader("Accept-Language"));
      } catch (IllegalArgumentException malformed) {
        ranges = List.of();
      }
      Locale match = Locale.lookup(ranges, languages.locales());
      if (match != null) {
        return match;
      }
    }
    return languages.defaultLocale();
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    Locale chosen = languages.offered(locale).orElse(languages.defaultLocale());
    request.getSession(true).setAttribute(SESSION_ATTRIBUTE, chosen);
    request.setAttribute(REQUEST_CACHE, chosen);
    String user = currentUser();
    if (user != null) {
      preferences.ifPresent(p -> p.save(user, chosen));
    }
  }

  private static String currentUser() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return auth.getName();
  }
}
