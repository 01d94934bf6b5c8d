package jp.ac.umin.libreclinica.ws.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.SignInState;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security of LibreClinica's REST URLs ({@code /rest/**}) and of its script login
 * ({@code POST /j_spring_security_check} with {@code j_username} and {@code j_password}).
 *
 * <p>A script signs in as it does with LibreClinica and keeps the session cookie, or sends a
 * personal API token as a bearer token. The script login cannot carry a CSRF token (scripts
 * never load the login page), so instead of one it refuses any request a browser marks as
 * coming from another site ({@code Origin} of another host, {@code Sec-Fetch-Site:
 * cross-site}): a page elsewhere cannot sign a visitor in under another account. Successes
 * and failures are audited and count toward the lockout exactly as on the login page. See
 * docs/odm.md.
 */
@Configuration(proxyBeanMethods = false)
public class LegacyRestSecurityConfiguration {

  /** LibreClinica's (Spring Security 3) login processing URL, which scripts post to. */
  public static final String SCRIPT_LOGIN = "/j_spring_security_check";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  SecurityFilterChain legacyRestSecurity(
      HttpSecurity http,
      ApiTokenService tokens,
      ObjectProvider<UserDetailsService> users,
      ApiProblems problems,
      AccountService accounts)
      throws Exception {
    ApiAuthenticationEntryPoint errors = new ApiAuthenticationEntryPoint(problems);
    AuthenticationFilter tokenFilter =
        new AuthenticationFilter(
            new ProviderManager(new ApiTokenAuthenticationProvider(tokens, users)),
            new BearerTokenConverter());
    tokenFilter.setSuccessHandler((request, response, authentication) -> {});
    tokenFilter.setFailureHandler(errors);
    http.securityMatcher("/rest/**", SCRIPT_LOGIN)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(SCRIPT_LOGIN).permitAll()
            .anyRequest().authenticated())
        .addFilterAfter(tokenFilter, LogoutFilter.class)
        // before the login filter: a cross-site request never reaches the script login
        .addFilterBefore((request, response, chain) -> {
          HttpServletRequest r = (HttpServletRequest) request;
          if (crossSite(r)) {
            problems.write(r, (jakarta.servlet.http.HttpServletResponse) response, 403, "api.error.forbidden", null, null);
            return;
          }
          chain.doFilter(request, response);
        }, UsernamePasswordAuthenticationFilter.class)
        .formLogin(form -> form
            .loginProcessingUrl(SCRIPT_LOGIN)
            .usernameParameter("j_username")
            .passwordParameter("j_password")
            .successHandler((request, response, authentication) -> {
              String user = authentication.getName();
              accounts.recordLoginSuccess(user);
              if (accounts.signInState(user) == SignInState.PASSWORD_CHANGE_REQUIRED) {
                SecurityContextHolder.clearContext();
                request.getSession().invalidate();
                problems.write(request, response, 403, "rest.login.passwordChange", null, null);
                return;
              }
              response.sendRedirect(request.getContextPath() + "/");
            })
            .failureHandler((request, response, exception) -> {
              String reason = exception instanceof LockedException ? "locked"
                  : exception instanceof DisabledException ? "removed"
                  : exception instanceof AccountExpiredException ? "local-not-allowed"
                  : "bad-credentials";
              accounts.recordLoginFailure(request.getParameter("j_username"), reason);
              response.sendRedirect(request.getContextPath() + "/login?error");
            }))
        // the script login cannot send a CSRF token; cross-site requests are refused above
        .csrf(csrf -> csrf.ignoringRequestMatchers((RequestMatcher) r -> SCRIPT_LOGIN.equals(path(r))))
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    return http.build();
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /** Whether a browser says the request comes from a page of another site. */
  public static boolean crossSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if ("cross-site".equalsIgnoreCase(fetchSite)) {
      return true;
    }
    String origin = request.getHeader("Origin");
    if (origin == null || origin.isBlank() || "null".equals(origin)) {
      return "null".equals(origin);
    }
    try {
      URI o = URI.create(origin);
      int port = o.getPort() == -1 ? ("https".equalsIgnoreCase(o.getScheme()) ? 443 : 80) : o.getPort();
      return !(request.getServerName().equalsIgnoreCase(o.getHost()) && request.getServerPort() == port);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}
